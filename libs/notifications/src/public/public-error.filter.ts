import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { RateLimitedError } from '#accounts';
import { AppError, ErrorCode, HTTP_STATUS } from '#core';
import { sendHtml } from './public-layout.js';
import type { PublicRequest } from './public-request.js';
import { textsFor } from './public-texts.js';
import { messagePage } from './subscription-pages.js';

/**
 * Errors on the public routes are pages (or a JSON body on .json), in the page's language, with
 * the status a client can act on; unexpected errors are logged and shown without detail.
 */
@Catch()
export class PublicErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('PublicPages');

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<PublicRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    const t = textsFor(req.publicLang ?? 'en');
    let status = 500;
    let code: string = ErrorCode.Internal;
    let message = t.internalText;
    if (error instanceof RateLimitedError) {
      status = 429;
      code = error.code;
      message = t.tooManyText(error.retryAfterSeconds);
      res.set('retry-after', String(error.retryAfterSeconds));
    } else if (error instanceof AppError) {
      status = HTTP_STATUS[error.code];
      code = error.code;
      message =
        error.code === ErrorCode.NotFound
          ? t.notFoundText
          : error.code === ErrorCode.Forbidden
            ? t.forbiddenText
            : error.message;
    } else if (error instanceof HttpException && error.getStatus() < 500) {
      status = error.getStatus();
      code = ErrorCode.BadUserInput;
      message = error.message;
    } else {
      this.logger.error(error);
    }
    if (req.path.endsWith('.json')) {
      res.status(status).json({ error: { code, message } });
      return;
    }
    const title =
      status === 404
        ? t.notFoundTitle
        : status === 403
          ? t.forbiddenTitle
          : status === 429
            ? t.tooManyTitle
            : status < 500
              ? t.badRequestTitle
              : t.errorTitle;
    sendHtml(res, status, messagePage(req.publicLang ?? 'en', undefined, title, message, 'error'));
  }
}
