import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { AppError, type Permission, type Principal } from '#core';

export const ACCESS_POLICY = 'art30:access-policy';
export type AccessPolicy = { public: true } | { public: false; permission: Permission };

/** Anyone may call this (sign-in, accepting an invitation, public pages). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_POLICY, { public: true });

/** The caller must be signed in with a role that grants `permission`. */
export const Requires = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_POLICY, { public: false, permission });

/**
 * What a plain HTTP route costs the caller's rate-limit allowance, in the cost points GraphQL
 * operations are counted in (default 1). Exports and other heavy routes declare more.
 */
export const COST_POINTS = 'art30:cost-points';
export const Cost = (points: number): MethodDecorator => SetMetadata(COST_POINTS, points);

export type RequestWithPrincipal = Request & {
  principal?: Principal;
  /** The verification of this request's bearer token, shared by every operation and field of it. */
  principalPromise?: Promise<Principal>;
};

export function requestOf(context: ExecutionContext): RequestWithPrincipal {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: RequestWithPrincipal }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithPrincipal>();
}

/** The verified caller. Fails loudly if used where the guard did not establish one. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = requestOf(context).principal;
  if (!principal) throw AppError.unauthenticated();
  return principal;
});

/**
 * The verified caller, for field resolvers written without parameter decorators: NestJS calls
 * those directly as GraphQL resolvers `(parent, args, context)` (its fast field-resolver path, no
 * per-call execution context or pipes), which matters for fields resolved hundreds of times per
 * request. The root field's guard has set the principal on the request; fails loudly if not.
 */
export function principalIn(context: unknown): Principal {
  const principal = (context as { req?: RequestWithPrincipal } | undefined)?.req?.principal;
  if (!principal) throw AppError.unauthenticated();
  return principal;
}
