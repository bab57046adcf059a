import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from '../config/app-config.js';

/**
 * Paths pino censors wherever they appear in a log line: credentials in headers and in the
 * bodies of the few plain HTTP routes. GraphQL bodies are never logged (they carry passwords).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
];

export function loggerOptions(config: AppConfig): Params {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    autoLogging: { ignore: (req: { url?: string }) => req.url === '/health' },
    // pino-http binds every request's logger to its serialized request at once, logged or not.
    // Its standard wrapper would first copy the request's headers, address and query (which Express
    // parses on access) only for ours to keep three fields: ours reads the request itself.
    wrapSerializers: false,
    serializers: {
      req: (req: { id: unknown; method: string; url: string; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactQueryToken(req.originalUrl ?? req.url),
      }),
      res: pino.stdSerializers.res,
      err: pino.stdSerializers.err,
    },
  };
  if (!config.logFile) return { pinoHttp: options };
  return { pinoHttp: [options, pino.destination({ dest: config.logFile, append: true, mkdir: true, sync: true })] };
}

/**
 * The public links (confirm, unsubscribe, object) carry their capability in `?token=`: the URL
 * is logged without it, as redact paths cannot reach inside a string.
 */
export function redactQueryToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}
