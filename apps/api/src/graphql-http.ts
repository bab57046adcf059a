import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import type { Request, Response } from 'express';

type ContextFn<C> = (args: { req: Request; res: Response }) => Promise<C>;

/**
 * Hands an Express request to Apollo Server and writes its answer: what @as-integrations/express5
 * does, minus two costs it adds to every request. It found the query string with `url.parse()`,
 * which on Node 24 captures a stack trace on every call from a dependency (the check behind its
 * DEP0169 warning); and it answered through `res.send`, which hashes every body for an ETag. A
 * POST answer cannot be revalidated (freshness is checked for GET and HEAD only), so POST answers
 * are written as they are; GET answers still go through `res.send` and keep ETag and 304.
 */
export function graphqlHttpHandler<C extends BaseContext>(server: ApolloServer<C>, context: ContextFn<C>) {
  return async (req: Request, res: Response): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: searchOf(req.url),
        // Express 5's parsers leave the body unset when they do not read it (a GET, text/plain).
        body: (req.body as unknown) ?? {},
      },
      context: () => context({ req, res }),
    });
    await write(answer, req, res);
  };
}

/** The query string with its `?` (as `url.parse(url).search`, or '' when there is none). */
export function searchOf(url: string): string {
  const hash = url.indexOf('#');
  const path = hash < 0 ? url : url.slice(0, hash);
  const start = path.indexOf('?');
  return start < 0 ? '' : path.slice(start);
}

async function write(answer: HTTPGraphQLResponse, req: Request, res: Response): Promise<void> {
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    const body = answer.body.string;
    if (req.method !== 'POST' || !res.hasHeader('content-type')) {
      res.send(body);
      return;
    }
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(body);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) {
    res.write(chunk);
    (res as { flush?: () => void }).flush?.();
  }
  res.end();
}
