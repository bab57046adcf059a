import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from './app-error.js';
import { HTTP_STATUS } from './error-codes.js';

/**
 * Client errors are answers, not incidents: in GraphQL they pass straight to the error formatter
 * (without Nest logging each one as an error); on plain HTTP routes they become a JSON body with
 * the matching status.
 */
@Catch(AppError)
export class AppErrorFilter implements ExceptionFilter<AppError> {
  catch(error: AppError, host: ArgumentsHost): AppError | void {
    if (host.getType<string>() === 'graphql') return error;
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status(HTTP_STATUS[error.code])
      .json({ error: { code: error.code, message: error.message, field: error.field } });
  }
}
