import type { TenantTx } from '#database';
import { type AttemptResult, retryDelayMs } from './retry-policy.js';

/** A finished attempt waiting to be written. */
export interface AttemptRecord {
  tenantId: string;
  deliveryId: string;
  attempt: number;
  channel: 'email' | 'webhook';
  targetId: string;
  result: AttemptResult;
}

type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';
type AttemptOutcome = 'delivered' | 'retry' | 'gone' | 'dead';

interface Row {
  id: string;
  attempt: number;
  outcome: AttemptOutcome;
  status: DeliveryStatus;
  delayMs: number | null;
  code: number | null;
  latencyMs: number;
  error: string | null;
}

/**
 * What an attempt means for the delivery: delivered; retried after the schedule's (jittered)
 * delay or the receiver's Retry-After; dead-lettered when the schedule has run out or the failure
 * is final; cancelled when the target has gone. Pure, so the rules are tested on their own.
 */
export function settle(record: AttemptRecord, schedule: readonly number[], random = Math.random): Row {
  const { result } = record;
  const base = {
    id: record.deliveryId,
    attempt: record.attempt,
    code: result.code ?? null,
    latencyMs: result.latencyMs,
  };
  switch (result.kind) {
    case 'delivered':
      return { ...base, outcome: 'delivered', status: 'delivered', delayMs: null, error: null };
    case 'gone':
      return { ...base, outcome: 'gone', status: 'dead', delayMs: null, error: 'answered 410 Gone: endpoint disabled' };
    case 'permanent':
      return result.cancel
        ? { ...base, outcome: 'gone', status: 'cancelled', delayMs: null, error: result.error }
        : { ...base, outcome: 'dead', status: 'dead', delayMs: null, error: result.error };
    case 'retry': {
      const delayMs = retryDelayMs(schedule, record.attempt, result.retryAfterSeconds, random);
      return delayMs === undefined
        ? {
            ...base,
            outcome: 'dead',
            status: 'dead',
            delayMs: null,
            error: `${result.error}; retry schedule exhausted`,
          }
        : { ...base, outcome: 'retry', status: 'pending', delayMs, error: result.error };
    }
  }
}

/**
 * Writes a tenant's finished attempts in three set-based statements: the attempt rows, the
 * deliveries, and for endpoints that answered 410 the endpoint (disabled) and its other pending
 * deliveries (cancelled). A delivery is only moved by the attempt that holds it (its attempt
 * counter still matches), except that "delivered" always wins over a still-pending state.
 */
export async function recordAttempts(
  tx: TenantTx,
  records: readonly AttemptRecord[],
  schedule: readonly number[],
): Promise<void> {
  const rows = records.map((r) => settle(r, schedule));
  const col = <K extends keyof Row>(key: K) => rows.map((row) => row[key]);
  await tx.em.query(
    `UPDATE delivery_attempts a
        SET finished_at = now(), outcome = v.outcome, response_code = v.code, latency_ms = v.latency, error = v.error
       FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[])
            AS v(id, attempt, outcome, code, latency, error)
      WHERE a.tenant_id = $1 AND a.delivery_id = v.id AND a.attempt = v.attempt AND a.outcome = 'in_flight'`,
    [tx.tenantId, col('id'), col('attempt'), col('outcome'), col('code'), col('latencyMs'), col('error')],
  );
  await tx.em.query(
    `UPDATE deliveries d
        SET status = v.status,
            delivered_at = CASE WHEN v.status = 'delivered' THEN now() ELSE d.delivered_at END,
            next_attempt_at = CASE WHEN v.delay_ms IS NULL THEN d.next_attempt_at
                                   ELSE now() + v.delay_ms * interval '1 millisecond' END,
            lease_until = NULL,
            last_error = v.error
       FROM unnest($2::uuid[], $3::int[], $4::text[], $5::bigint[], $6::text[]) AS v(id, attempt, status, delay_ms, error)
      WHERE d.tenant_id = $1 AND d.id = v.id AND d.status = 'pending'
        AND (d.attempts = v.attempt OR v.status = 'delivered')`,
    [tx.tenantId, col('id'), col('attempt'), col('status'), col('delayMs'), col('error')],
  );
  const gone = [...new Set(records.filter((r) => r.result.kind === 'gone').map((r) => r.targetId))];
  if (gone.length === 0) return;
  await tx.em.query(
    `UPDATE webhook_endpoints SET status = 'disabled', updated_at = now(),
            disabled_reason = 'The endpoint answered 410 Gone on ' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC.'
      WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status = 'active'`,
    [tx.tenantId, gone],
  );
  await tx.em.query(
    `UPDATE deliveries SET status = 'cancelled', lease_until = NULL, last_error = 'endpoint disabled after 410 Gone'
      WHERE tenant_id = $1 AND channel = 'webhook' AND target_id = ANY($2::uuid[]) AND status = 'pending'`,
    [tx.tenantId, gone],
  );
}
