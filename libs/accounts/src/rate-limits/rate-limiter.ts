import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode, type Principal } from '#core';
import { PREPARED_DATABASE, type PreparedDatabase } from '#database';
import { MemoryRateLimitStore, PostgresRateLimitStore, type RateLimitStore } from './rate-limit-store.js';

/** A refused charge: the error a client sees, and when to try again. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.RateLimited, `Too many requests: the allowance is spent. Try again in ${retryAfterSeconds} s.`);
  }
}

/**
 * Rate limits per user (member, whatever its sessions) and per API key, counted in the same cost
 * points as the query-cost limit: one costly operation, an alias flood or a batch of many
 * operations all spend the allowance by what they would make the server do.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly store: RateLimitStore;
  /** Callers without a token, by address; per process (their requests carry no tenant). */
  private readonly anonymous = new MemoryRateLimitStore();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PREPARED_DATABASE) database: PreparedDatabase,
  ) {
    this.store =
      config.rateLimit.store === 'memory' ? new MemoryRateLimitStore() : new PostgresRateLimitStore(database.appUrl);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close?.();
  }

  get enabled(): boolean {
    return this.config.rateLimit.pointsPerMinute > 0;
  }

  /** Spends `cost` points of the principal's allowance, or throws {@link RateLimitedError}. */
  async charge(principal: Principal, cost: number): Promise<void> {
    if (!this.enabled) return;
    const { pointsPerMinute, burstPoints } = this.config.rateLimit;
    const subject = `${principal.kind === 'api_key' ? 'key' : 'user'}:${principal.actorId}`;
    const wait = await this.store.take(
      principal.tenantId,
      subject,
      Math.max(1, cost),
      burstPoints,
      pointsPerMinute / 60,
    );
    if (wait > 0) throw new RateLimitedError(Math.max(1, Math.ceil(wait)));
  }

  /**
   * Operations sent without a token (sign-in, accepting an invitation, public pages), by client
   * address, at the same rate: sign-in runs argon2 and must not be free to flood.
   */
  async chargeAnonymous(address: string, cost: number): Promise<void> {
    if (!this.enabled) return;
    const { pointsPerMinute, burstPoints } = this.config.rateLimit;
    const wait = await this.anonymous.take('anonymous', address, Math.max(1, cost), burstPoints, pointsPerMinute / 60);
    if (wait > 0) throw new RateLimitedError(Math.max(1, Math.ceil(wait)));
  }
}
