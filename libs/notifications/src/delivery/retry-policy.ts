/** The longest wait a receiver's Retry-After can impose (a day); beyond it the schedule decides. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * Seconds from the Retry-After header: a number of seconds or an HTTP date. Undefined when absent
 * or unreadable; a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), MAX_RETRY_AFTER_SECONDS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, Math.ceil((at - now.getTime()) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/**
 * When to try again after failed attempt number `attempt` (1-based): the schedule's entry for it,
 * spread by ±20 % jitter so deliveries that failed together do not return together; never earlier
 * than the receiver's Retry-After. Undefined when the schedule has run out (dead-letter).
 */
export function retryDelayMs(
  schedule: readonly number[],
  attempt: number,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number | undefined {
  if (attempt < 1 || attempt > schedule.length) return undefined;
  const base = schedule[attempt - 1]! * 1000;
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

/** What one attempt came to, whatever the channel. */
export type AttemptResult =
  | { kind: 'delivered'; code?: number; latencyMs: number }
  /** Worth another try (timeouts, 5xx, 429, 3xx, connection errors, SMTP 4xx). */
  | { kind: 'retry'; code?: number; error: string; retryAfterSeconds?: number; latencyMs: number }
  /** The endpoint answered 410 Gone: stop it. */
  | { kind: 'gone'; code: number; latencyMs: number }
  /**
   * No point trying again: dead-lettered (SMTP 5xx), or cancelled when the target itself has gone
   * (a subscriber who left, an endpoint removed or disabled): nothing failed, nobody is there.
   */
  | { kind: 'permanent'; code?: number; error: string; cancel?: boolean; latencyMs: number };

/** A webhook answer, classified: 2xx delivered, 410 gone, anything else (3xx included) retried. */
export function classifyWebhook(
  result: { status?: number; retryAfter?: string; error?: string; latencyMs: number },
  now: Date = new Date(),
): AttemptResult {
  const { status, latencyMs } = result;
  if (status === undefined) return { kind: 'retry', error: result.error ?? 'no answer', latencyMs };
  if (status >= 200 && status < 300) return { kind: 'delivered', code: status, latencyMs };
  if (status === 410) return { kind: 'gone', code: status, latencyMs };
  const error =
    status >= 300 && status < 400 ? `answered ${status} (redirects are not followed)` : `answered ${status}`;
  return { kind: 'retry', code: status, error, retryAfterSeconds: parseRetryAfter(result.retryAfter, now), latencyMs };
}
