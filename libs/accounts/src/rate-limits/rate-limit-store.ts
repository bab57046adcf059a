import pg from 'pg';

/** A bucket of cost points per subject (a user or an API key in one tenant). */
export interface RateLimitStore {
  /** Takes `cost` points when there are enough: 0. Otherwise takes nothing: seconds to wait. */
  take(tenantId: string, subject: string, cost: number, capacity: number, perSecond: number): Promise<number>;
  close?(): Promise<void>;
}

/**
 * Exact across processes: one `SELECT app_take_rate_points(…)` (one statement, one round trip,
 * no explicit transaction) per charged operation; the bucket row's lock serialises callers.
 *
 * It has a small pool of its own. A request is charged while it holds its read transaction's
 * connection (authentication ran in it); taking the charge's connection from that same pool would
 * let DATABASE_POOL_SIZE concurrent requests each hold one connection and wait forever for a
 * second (found by test/multi-process.e2e-spec.ts). These connections are only ever held for this
 * one statement, so waiting for them always ends.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private readonly pool: pg.Pool;

  constructor(appUrl: string) {
    this.pool = new pg.Pool({ connectionString: appUrl, max: RATE_LIMIT_POOL_SIZE, application_name: 'art30-rate' });
    // An idle connection the server drops must not crash the process; the next charge reconnects.
    this.pool.on('error', () => undefined);
  }

  async take(tenantId: string, subject: string, cost: number, capacity: number, perSecond: number): Promise<number> {
    const { rows } = await this.pool.query<{ wait: number }>(
      `SELECT app_take_rate_points($1, $2, $3, $4, $5) AS wait`,
      [tenantId, subject, cost, capacity, perSecond],
    );
    return Number(rows[0]?.wait ?? 0);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Connections of the rate-limit pool, per API process (in addition to DATABASE_POOL_SIZE). */
export const RATE_LIMIT_POOL_SIZE = 2;

/**
 * One process's own buckets: no statement, but N processes allow N times the rate. For a single
 * API process (and the embedded default), or where a proxy in front already limits.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, { points: number; at: number }>();

  /** At most `maxEntries` buckets, least recently used dropped first (a dropped bucket is full). */
  constructor(private readonly maxEntries = 100_000) {}

  take(tenantId: string, subject: string, cost: number, capacity: number, perSecond: number): Promise<number> {
    const key = `${tenantId}/${subject}`;
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { points: capacity, at: now };
    const available = Math.min(capacity, bucket.points + (perSecond * Math.max(0, now - bucket.at)) / 1000);
    const enough = available >= cost;
    this.buckets.delete(key);
    this.buckets.set(key, { points: enough ? available - cost : available, at: now });
    if (this.buckets.size > this.maxEntries) this.buckets.delete(this.buckets.keys().next().value!);
    return Promise.resolve(enough ? 0 : (cost - available) / perSecond);
  }
}
