import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type SsrfGuard, UnsafeUrlError } from './ssrf-guard.js';

export interface WebhookResult {
  /** The receiver's HTTP status; absent when no answer came (refused, timeout, connection error). */
  status?: number;
  /** The raw Retry-After header, when the receiver sent one. */
  retryAfter?: string;
  /** Why it failed, in a few words for the attempt log (never the receiver's whole body). */
  error?: string;
  latencyMs: number;
}

/** Bytes of a response read before the connection is dropped: receivers answer, they do not stream. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs a signed body to an endpoint after checking its URL with the SSRF guard, connecting to the
 * very address the guard checked (a custom `lookup`). Redirects are not followed (a 3xx is a failed
 * attempt), the whole exchange has a deadline, and the response body is read only up to a cap.
 */
export class WebhookSender {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  constructor(
    private readonly guard: SsrfGuard,
    private readonly timeoutMs: number,
  ) {}

  async send(url: string, headers: Record<string, string>, body: string): Promise<WebhookResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let target;
    try {
      target = await this.guard.check(url);
    } catch (error) {
      const reason = error instanceof UnsafeUrlError ? error.message : 'URL refused';
      return { error: `not sent: ${reason}`, latencyMs: elapsed() };
    }
    const { url: parsed, address, family } = target;
    const lookup: LookupFunction = (_host, options, callback) => {
      if (options.all)
        (callback as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const transport = parsed.protocol === 'https:' ? https : http;
    return new Promise<WebhookResult>((resolve) => {
      let settled = false;
      const finish = (result: Omit<WebhookResult, 'latencyMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...result, latencyMs: elapsed() });
      };
      const request = transport.request(
        {
          protocol: parsed.protocol,
          hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
          port: parsed.port || undefined,
          path: `${parsed.pathname}${parsed.search}`,
          method: 'POST',
          agent: this.agents[parsed.protocol as 'http:' | 'https:'],
          lookup,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': 'art30-webhooks/1',
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const retryAfter = header(response.headers['retry-after']);
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) {
              response.destroy();
              finish({ status, retryAfter });
            }
          });
          response.on('end', () => finish({ status, retryAfter }));
          response.on('error', () => finish({ status, retryAfter }));
        },
      );
      const timer = setTimeout(() => {
        request.destroy();
        finish({ error: `no answer within ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) =>
        finish({ error: `connection failed: ${error.code ?? 'error'}` }),
      );
      request.end(body);
    });
  }

  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
