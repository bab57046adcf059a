import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, ErrorCode } from '#core';
import type { NextFunction, Request, Response } from 'express';

/**
 * Request-level limits, applied before Apollo sees a request: the body size, the size of each
 * GraphQL document and the number of operations in a batch. Over-limit requests are answered
 * here in GraphQL's error shape with a stable code, and nothing is parsed or run.
 */
export function applyHttpLimits(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.trustProxy);
  const limit = config.graphql.maxBodyBytes;
  express.useBodyParser('json', { limit });
  express.useBodyParser('urlencoded', { limit, extended: false });
  express.use(bodyParserErrors);
  express.use('/graphql', graphqlRequestLimits(config));
}

function graphqlRequestLimits(config: AppConfig) {
  const { maxBatch, maxDocumentBytes } = config.graphql;
  return (req: Request, res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    const operations: unknown[] = Array.isArray(body) ? body : [body ?? {}];
    if (Array.isArray(body) && body.length > Math.max(maxBatch, 0)) {
      const message =
        maxBatch === 0
          ? 'This server takes one operation per request: batching is off.'
          : `This batch has ${body.length} operations; the limit is ${maxBatch}.`;
      return refuse(res, 400, ErrorCode.BatchTooLarge, message);
    }
    // Express parses the query string on every read of req.query: only read when there is one.
    const inUrl = req.url.includes('?') ? (req.query as { query?: unknown } | undefined)?.query : undefined;
    const documents = [...operations.map((op) => (op as { query?: unknown } | null)?.query), inUrl];
    for (const document of documents) {
      if (typeof document !== 'string') continue;
      const bytes = Buffer.byteLength(document, 'utf8');
      if (bytes > maxDocumentBytes) {
        return refuse(
          res,
          413,
          ErrorCode.DocumentTooLarge,
          `This GraphQL document is ${bytes} bytes; the limit is ${maxDocumentBytes}. Send values as variables.`,
        );
      }
    }
    next();
  };
}

/** Bodies that cannot be read (too large, malformed JSON) are the client's: 4xx with a code. */
function bodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { status, type } = (error ?? {}) as { status?: number; type?: string };
  if (type === 'entity.too.large') {
    return refuse(res, 413, ErrorCode.DocumentTooLarge, 'The request body is too large.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return refuse(res, status, ErrorCode.BadUserInput, 'The request body could not be read: send valid JSON.');
  }
  next(error);
}

function refuse(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}
