import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { WriteLoadResult, WriteLoadSpec } from './write-load.js';

/**
 * The load generator of a write benchmark, run as its own process by {@link writeLoad}: autocannon
 * driven programmatically so every request is a distinct write (tenant round-robin, a vendor of that
 * tenant, a purpose numbered per request), and every answer is read, so a GraphQL error inside a
 * 200 counts as a failure and each acknowledged write can be checked in the database afterwards.
 * Argument: a JSON file with the {@link WriteLoadSpec}; prints the {@link WriteLoadResult} as JSON.
 */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
type Autocannon = (opts: object, done: (err: unknown, result: AutocannonResult) => void) => unknown;

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as WriteLoadSpec;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const path = new URL(spec.url).pathname;

let sent = 0;
const acknowledged: WriteLoadResult['acknowledged'] = [];
let graphqlErrors = 0;
const errorSamples: string[] = [];

function nextRequest(request: Request, context: { target?: number }): Request {
  const n = sent++;
  const target = n % spec.targets.length;
  const { token, vendorIds } = spec.targets[target]!;
  context.target = target;
  return {
    ...request,
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: spec.query,
      variables: {
        input: {
          engagement: {
            ...spec.engagement,
            vendorId: vendorIds[Math.floor(n / spec.targets.length) % vendorIds.length],
            purpose: `${spec.purposePrefix} ${n}`,
          },
        },
      },
    }),
  };
}

function onResponse(status: number, body: string, context: { target?: number }): void {
  const ok = status >= 200 && status < 300;
  let answer: { data?: Record<string, { id?: string; engagementId?: string } | null>; errors?: unknown[] } = {};
  try {
    answer = JSON.parse(body) as typeof answer;
  } catch {
    // counted below as an error
  }
  const written = answer.data && Object.values(answer.data)[0];
  if (ok && !answer.errors && written?.id && written.engagementId) {
    acknowledged.push([context.target!, written.id, written.engagementId]);
  } else if (ok) {
    graphqlErrors++;
    if (errorSamples.length < 3) errorSamples.push(body.slice(0, 300));
  }
}

autocannon(
  {
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    ...(spec.rate ? { overallRate: spec.rate } : {}),
    requests: [{ setupRequest: nextRequest, onResponse }],
  },
  (err, r) => {
    if (err) throw err;
    const result: WriteLoadResult = {
      requestsPerSecond: r.requests.average,
      latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
      requests: r.requests.total,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      graphqlErrors,
      errorSamples,
      acknowledged,
    };
    process.stdout.write(JSON.stringify(result));
  },
);
