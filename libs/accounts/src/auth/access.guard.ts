import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, roleAllows } from '#core';
import { RateLimiter } from '../rate-limits/rate-limiter.js';
import { ACCESS_POLICY, type AccessPolicy, COST_POINTS, requestOf } from './access.decorators.js';
import { AuthService } from './auth.service.js';

/**
 * The one guard, installed globally: every resolver and route must declare @Public() or
 * @Requires(permission); one that declares neither is refused (deny by default).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access policy`);
      throw AppError.forbidden('This operation is not available.');
    }
    if (policy.public) return true;
    const request = requestOf(context);
    const principal = await this.auth.authenticateRequest(request);
    if (!roleAllows(principal.role, policy.permission)) {
      throw AppError.forbidden(`Your role (${principal.role}) does not allow this (needs "${policy.permission}").`);
    }
    // GraphQL operations were charged by their cost before they started (graphql-limits.plugin.ts).
    if (context.getType<string>() === 'http') {
      const points = this.reflector.get<number | undefined>(COST_POINTS, context.getHandler()) ?? 1;
      await this.rateLimiter.charge(principal, points);
    }
    request.principal = principal;
    return true;
  }
}
