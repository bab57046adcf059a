/**
 * Stable error codes a client sees in GraphQL `extensions.code` (and in HTTP error bodies).
 * Clients branch on these, so they never change meaning; add new ones instead.
 */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  BadUserInput = 'BAD_USER_INPUT',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  /** Abuse limits, checked before an operation runs (see apps/api/src/limits). */
  QueryTooDeep = 'QUERY_TOO_DEEP',
  QueryTooCostly = 'QUERY_TOO_COSTLY',
  TooManyAliases = 'TOO_MANY_ALIASES',
  BatchTooLarge = 'BATCH_TOO_LARGE',
  DocumentTooLarge = 'DOCUMENT_TOO_LARGE',
  Internal = 'INTERNAL_SERVER_ERROR',
}

/** HTTP status used when an error leaves through a plain HTTP route. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.QueryTooDeep]: 400,
  [ErrorCode.QueryTooCostly]: 400,
  [ErrorCode.TooManyAliases]: 400,
  [ErrorCode.BatchTooLarge]: 400,
  [ErrorCode.DocumentTooLarge]: 413,
  [ErrorCode.Internal]: 500,
};
