import { settle } from './delivery-recorder.js';
import { classifyWebhook, parseRetryAfter, retryDelayMs } from './retry-policy.js';

describe('retry policy', () => {
  const now = new Date('2026-11-22T12:00:00Z');

  it('reads Retry-After as seconds or as an HTTP date, capped at a day', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('9999999', now)).toBe(86_400);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('waits the schedule entry of the failed attempt, with ±20 % jitter, and stops when it runs out', () => {
    const schedule = [10, 60, 300];
    expect(retryDelayMs(schedule, 1, undefined, () => 0)).toBe(8_000);
    expect(retryDelayMs(schedule, 1, undefined, () => 1)).toBe(12_000);
    expect(retryDelayMs(schedule, 2, undefined, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(schedule, 3, undefined, () => 0.5)).toBe(300_000);
    expect(retryDelayMs(schedule, 4)).toBeUndefined();
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(schedule, 2)));
    expect(spread.size).toBeGreaterThan(1);
    for (const delay of spread) expect(delay).toBeGreaterThanOrEqual(48_000);
  });

  it("never retries earlier than the receiver's Retry-After", () => {
    expect(retryDelayMs([10], 1, 3_600, () => 0.5)).toBe(3_600_000);
    expect(retryDelayMs([10], 1, 1, () => 0.5)).toBe(10_000);
  });

  it('classifies answers: 2xx delivered, 410 gone, 3xx/4xx/5xx and no answer retried', () => {
    expect(classifyWebhook({ status: 204, latencyMs: 5 }).kind).toBe('delivered');
    expect(classifyWebhook({ status: 410, latencyMs: 5 }).kind).toBe('gone');
    expect(classifyWebhook({ status: 302, latencyMs: 5 })).toMatchObject({
      kind: 'retry',
      error: expect.stringContaining('redirects are not followed'),
    });
    expect(classifyWebhook({ status: 503, retryAfter: '30', latencyMs: 5 })).toMatchObject({
      kind: 'retry',
      retryAfterSeconds: 30,
    });
    expect(classifyWebhook({ error: 'no answer within 100 ms', latencyMs: 100 })).toMatchObject({
      kind: 'retry',
      error: 'no answer within 100 ms',
    });
  });

  it('settles an attempt: retried while the schedule lasts, then dead-lettered; 410 dead; gone targets cancelled', () => {
    const base = { tenantId: 't', deliveryId: 'd', channel: 'webhook' as const, targetId: 'w' };
    const retry = { kind: 'retry' as const, code: 500, error: 'answered 500', latencyMs: 3 };
    expect(settle({ ...base, attempt: 2, result: retry }, [1, 1], () => 0.5)).toMatchObject({
      outcome: 'retry',
      status: 'pending',
      delayMs: 1000,
    });
    expect(settle({ ...base, attempt: 3, result: retry }, [1, 1])).toMatchObject({
      outcome: 'dead',
      status: 'dead',
      error: 'answered 500; retry schedule exhausted',
    });
    expect(settle({ ...base, attempt: 1, result: { kind: 'gone', code: 410, latencyMs: 1 } }, [1])).toMatchObject({
      outcome: 'gone',
      status: 'dead',
    });
    expect(
      settle({ ...base, attempt: 1, result: { kind: 'permanent', cancel: true, error: 'left', latencyMs: 0 } }, [1]),
    ).toMatchObject({
      outcome: 'gone',
      status: 'cancelled',
    });
    expect(
      settle({ ...base, attempt: 1, result: { kind: 'permanent', code: 550, error: 'SMTP 550', latencyMs: 0 } }, [1]),
    ).toMatchObject({
      outcome: 'dead',
      status: 'dead',
      code: 550,
    });
  });
});
