import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { type AuthService, type RateLimiter, RateLimitedError, type RequestWithPrincipal } from '#accounts';
import { type AppConfig, ErrorCode } from '#core';
import { GraphQLError } from 'graphql';
import { OperationCostCache } from './cost-cache.js';
import { TooManyNodesError } from './query-cost.js';

interface LimitsContext {
  req: RequestWithPrincipal;
}

/**
 * Checks every operation after it is parsed and validated and before it executes: its cost
 * against GRAPHQL_MAX_COST, then the caller's rate limit, charged by that same cost. Each
 * operation of a batch passes here on its own, so a batch pays for all of its operations.
 */
export function graphqlLimitsPlugin(
  config: AppConfig,
  auth: AuthService,
  rateLimiter: RateLimiter,
): ApolloServerPlugin<LimitsContext> {
  const maxCost = config.graphql.maxCost;
  const costs = new OperationCostCache();
  // One listener for every request: it keeps nothing per request, so none is built per request.
  const listener = {
    async didResolveOperation(context: GraphQLRequestContext<LimitsContext>) {
      let cost: number | undefined;
      try {
        cost = costs.cost(context.schema, context.document!, context.request.variables, context.operationName);
      } catch (error) {
        if (!(error instanceof TooManyNodesError)) throw error;
        throw limitError(ErrorCode.QueryTooCostly, 'This operation selects too many fields to be run.', 400);
      }
      if (cost === undefined) return;
      if (cost > maxCost) {
        throw limitError(
          ErrorCode.QueryTooCostly,
          `This operation would cost ${cost} points; the limit is ${maxCost}. Ask for smaller pages (first) or fewer nested lists.`,
          400,
        );
      }
      await charge(context.contextValue.req, cost);
    },
  };
  return { requestDidStart: () => Promise.resolve(listener) };

  async function charge(req: RequestWithPrincipal, cost: number): Promise<void> {
    if (!rateLimiter.enabled) return;
    try {
      const principal = req.headers.authorization
        ? await auth.authenticateRequest(req).catch(() => undefined)
        : undefined;
      // Without a valid token (none, or a forged one: the access guard answers UNAUTHENTICATED
      // unless the field is public, like sign-in) the caller's address pays.
      if (principal) await rateLimiter.charge(principal, cost);
      else await rateLimiter.chargeAnonymous(req.ip ?? 'unknown', cost);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      throw limitError(ErrorCode.RateLimited, error.message, 429, error.retryAfterSeconds);
    }
  }
}

/** A request error with its HTTP status (Apollo would answer 500 for an error from a plugin). */
function limitError(code: ErrorCode, message: string, status: number, retryAfterSeconds?: number): GraphQLError {
  const headers = new HeaderMap();
  if (retryAfterSeconds) headers.set('retry-after', String(retryAfterSeconds));
  return new GraphQLError(message, { extensions: { code, http: { status, headers } } });
}
