import type { DataSource } from 'typeorm';

/** A bucket of cost points per subject (a user or an API key in one tenant). */
export interface RateLimitStore {
  /** Takes `cost` points when there are enough: 0. Otherwise takes nothing: seconds to wait. */
  take(tenantId: string, subject: string, cost: number, capacity: number, perSecond: number): Promise<number>;
}

/**
 * Exact across processes: one `SELECT app_take_rate_points(…)` (one statement, one round trip,
 * no explicit transaction) per charged operation; the bucket row's lock serialises callers.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  constructor(private readonly dataSource: DataSource) {}

  async take(tenantId: string, subject: string, cost: number, capacity: number, perSecond: number): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT app_take_rate_points($1, $2, $3, $4, $5) AS wait`, [
      tenantId,
      subject,
      cost,
      capacity,
      perSecond,
    ])) as Array<{ wait: number }>;
    return Number(row?.wait ?? 0);
  }
}

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
