import http from 'node:http';
import { performance } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';

/**
 * Open-loop load at a steady arrival rate (run by `steadyLoad` in load.ts, in a process of its
 * own): request i is due at start + i / rate, whatever the answers before it, and its latency runs
 * from when it was due, not from when it went out (so a server or a client that falls behind shows
 * it instead of hiding it: "coordinated omission"). Why not autocannon's `-R`: it gives each
 * connection a budget per second, so every connection fires at once at each second's start and the
 * p99 measures that burst, not the rate.
 */
interface Spec {
  url: string;
  body: string;
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  maxInFlight: number;
}

const spec = JSON.parse(process.env.STEADY_LOAD!) as Spec;
const target = new URL(spec.url);
const body = Buffer.from(spec.body);
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.maxInFlight });
const headers = { ...spec.headers, 'content-length': String(body.length) };
const latencies = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 120_000_000,
  numberOfSignificantValueDigits: 3,
});
const total = Math.round(spec.rate * spec.seconds);
const interval = 1000 / spec.rate;
let sent = 0;
let answered = 0;
let errors = 0;
let non2xx = 0;
let lastAnswer = 0;
const start = performance.now() + 20;

function fire(due: number): void {
  const request = http.request(
    { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers },
    (response) => {
      response.resume();
      response.on('end', () => {
        if (response.statusCode! >= 300) non2xx++;
        done(due);
      });
    },
  );
  request.on('error', () => {
    errors++;
    done(due);
  });
  request.end(body);
}

function done(due: number): void {
  lastAnswer = performance.now();
  latencies.recordValue(Math.max(1, Math.round((lastAnswer - due) * 1000))); // microseconds
  if (++answered === total) report();
}

function schedule(): void {
  const now = performance.now();
  while (sent < total && start + sent * interval <= now) fire(start + sent++ * interval);
  if (sent < total) setTimeout(schedule, Math.max(0, start + sent * interval - performance.now()));
}

function report(): void {
  const ms = (us: number) => Math.round(us / 10) / 100;
  process.stdout.write(
    JSON.stringify({
      requestsPerSecond: answered / ((lastAnswer - start) / 1000),
      latencyMs: {
        p50: ms(latencies.getValueAtPercentile(50)),
        p99: ms(latencies.getValueAtPercentile(99)),
        max: ms(latencies.maxValue),
      },
      requests: answered,
      errors,
      non2xx,
    }) + '\n',
  );
  agent.destroy();
}

setTimeout(schedule, 20);
