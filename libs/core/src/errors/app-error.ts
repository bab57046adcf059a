import { ErrorCode } from './error-codes.js';

/**
 * An error a client caused and can act on. Everything else that escapes a resolver is treated as
 * an internal error and reported without detail (see graphql-error-formatter.ts).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field at fault, as a dotted path (`input.email`), when there is one. */
    readonly field?: string,
    /** Per-field problems when several fields are wrong at once. */
    readonly fieldErrors?: ReadonlyArray<{ field: string; message: string }>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static unauthenticated(message = 'Sign in first: send a valid token as "Authorization: Bearer <token>".'): AppError {
    return new AppError(ErrorCode.Unauthenticated, message);
  }

  static forbidden(message: string): AppError {
    return new AppError(ErrorCode.Forbidden, message);
  }

  /** Also used for other tenants' objects: their existence is not revealed. */
  static notFound(what: string, id?: string): AppError {
    return new AppError(ErrorCode.NotFound, id ? `${what} ${id} was not found.` : `${what} was not found.`);
  }

  static badInput(field: string, message: string): AppError {
    return new AppError(ErrorCode.BadUserInput, message, field);
  }

  static conflict(message: string, field?: string): AppError {
    return new AppError(ErrorCode.Conflict, message, field);
  }
}
