import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError } from './app-error.js';
import { ErrorCode } from './error-codes.js';

/** Codes Apollo itself assigns to request errors the client caused; their messages are safe. */
const CLIENT_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ErrorCode.RateLimited,
  ErrorCode.BadUserInput,
  ErrorCode.QueryTooDeep,
  ErrorCode.QueryTooCostly,
  ErrorCode.TooManyAliases,
  ErrorCode.BatchTooLarge,
  ErrorCode.DocumentTooLarge,
]);

/**
 * Turns any error into what a client may see: our own {@link AppError}s keep their code, message
 * and field; request errors from Apollo keep their code; anything else becomes a bare
 * INTERNAL_SERVER_ERROR (logged in full here, never sent: no stack traces or SQL reach clients).
 */
export function createGraphQLErrorFormatter(logUnexpected: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof AppError) {
      return {
        ...base,
        message: original.message,
        extensions: {
          code: original.code,
          ...(original.field ? { field: original.field } : {}),
          ...(original.fieldErrors ? { fieldErrors: original.fieldErrors } : {}),
        },
      };
    }
    // Apollo re-codes every validation error GRAPHQL_VALIDATION_FAILED; a limit rule's own code
    // (QUERY_TOO_DEEP, TOO_MANY_ALIASES) is on the error it wrapped.
    const ruleCode = (error as { originalError?: { extensions?: { code?: unknown } } } | null)?.originalError
      ?.extensions?.code;
    const code =
      typeof ruleCode === 'string' && CLIENT_REQUEST_CODES.has(ruleCode) ? ruleCode : formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_REQUEST_CODES.has(code)) {
      return { ...base, message: formatted.message, extensions: { code } };
    }
    // A unique index refused a row (a concurrent write got there first): the client's answer.
    if ((original as { code?: unknown } | null)?.code === '23505') {
      return {
        ...base,
        message: 'This conflicts with an existing record: a value that must be unique is already taken.',
        extensions: { code: ErrorCode.Conflict },
      };
    }
    logUnexpected(original);
    return { ...base, message: 'Internal server error. It has been logged.', extensions: { code: ErrorCode.Internal } };
  };
}
