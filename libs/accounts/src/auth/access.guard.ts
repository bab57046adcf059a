import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, type Principal, roleAllows } from '#core';
import { ACCESS_POLICY, type AccessPolicy, type RequestWithPrincipal, requestOf } from './access.decorators.js';
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
    const request = requestOf(context) as RequestWithPrincipal & { authenticating?: Promise<Principal> };
    // Once per HTTP request, however many root fields it asks for.
    request.authenticating ??= this.auth.authenticate(bearerToken(request.headers.authorization));
    const principal = await request.authenticating;
    if (!roleAllows(principal.role, policy.permission)) {
      throw AppError.forbidden(`Your role (${principal.role}) does not allow this (needs "${policy.permission}").`);
    }
    request.principal = principal;
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
