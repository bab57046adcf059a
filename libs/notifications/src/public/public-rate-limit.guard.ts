import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { MemoryRateLimitStore, RateLimitedError } from '#accounts';
import { APP_CONFIG, type AppConfig } from '#core';
import type { PublicRequest } from './public-request.js';

/** A POST writes (and subscribing sends mail), so it spends more of the allowance than a read. */
const POST_COST = 5;

/**
 * Limits the public pages per client address, before the tenant is looked up, so a flood costs
 * no database work. Kept in this process's memory: a refused request must not write a row, and
 * the pages name no caller to key a shared bucket on. Behind a load balancer set HTTP_TRUST_PROXY
 * so the address is the client's (docs/security.md, docs/deployment.md).
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly buckets = new MemoryRateLimitStore();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { requestsPerMinute, burst } = this.config.publicRateLimit;
    if (requestsPerMinute === 0) return true;
    const req = context.switchToHttp().getRequest<PublicRequest>();
    // The refusal page speaks the language asked for, if it is one.
    if (req.query.lang === 'nl' || req.query.lang === 'en') req.publicLang = req.query.lang;
    const cost = req.method === 'POST' ? POST_COST : 1;
    const wait = await this.buckets.take('public', req.ip ?? 'unknown', cost, burst, requestsPerMinute / 60);
    if (wait > 0) throw new RateLimitedError(Math.max(1, Math.ceil(wait)));
    return true;
  }
}
