import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface LoadResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  errors: number;
  non2xx: number;
}

const require = createRequire(import.meta.url);

/**
 * Drives a POST endpoint with autocannon from a separate process (so the load generator does not
 * share the server's event loop). `rate` caps requests per second; omit it for maximum throughput.
 */
export function load(opts: {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  rate?: number;
}): Promise<LoadResult> {
  const bin = require.resolve('autocannon/autocannon.js');
  const args = [bin, '-j', '-m', 'POST', '-c', String(opts.connections), '-d', String(opts.seconds), '-b', opts.body];
  for (const [name, value] of Object.entries(opts.headers)) args.push('-H', `${name}=${value}`);
  if (opts.rate) args.push('-R', String(opts.rate));
  args.push(opts.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const r = JSON.parse(out) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number; max: number };
        errors: number;
        non2xx: number;
      };
      resolve({
        requestsPerSecond: r.requests.average,
        latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
        requests: r.requests.total,
        errors: r.errors,
        non2xx: r.non2xx,
      });
    });
  });
}

/**
 * Load at a steady arrival rate, open loop (bench/lib/steady-load-process.ts, its own process):
 * the p99 at a given requests/s. Latency counts from when each request was due; at most
 * `maxInFlight` connections (requests beyond wait for one, and that wait counts).
 */
export function steadyLoad(opts: {
  url: string;
  body: string;
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  maxInFlight?: number;
}): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./steady-load-process.js', import.meta.url));
  const spec = { maxInFlight: 64, ...opts };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, STEADY_LOAD: JSON.stringify(spec) },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`steady load exited with ${code}`));
      resolve(JSON.parse(out) as LoadResult);
    });
  });
}
