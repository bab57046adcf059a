import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from './smtp-sink.js';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface ReceiverAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (timeouts, crash windows). */
  delayMs?: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` (append a path). */
  url: string;
  requests: ReceivedRequest[];
  /** How to answer each request (default 204). */
  respond(answer: (request: ReceivedRequest) => ReceiverAnswer | Promise<ReceiverAnswer>): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/** A real HTTP server (node:http) on 127.0.0.1 with a free port that records every request. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  let answer: (request: ReceivedRequest) => ReceiverAnswer | Promise<ReceiverAnswer> = () => ({ status: 204 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('error', () => undefined); // a sender killed mid-request
    res.on('error', () => undefined);
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(request);
      void Promise.resolve(answer(request)).then(async (a) => {
        if (a.delayMs) await new Promise((resolve) => setTimeout(resolve, a.delayMs));
        res.writeHead(a.status, a.headers);
        res.end(a.body ?? '');
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond: (fn) => (answer = fn),
    waitFor: (count, timeoutMs = 15_000) =>
      waitUntil(
        () => requests.length >= count,
        timeoutMs,
        () => requests,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
