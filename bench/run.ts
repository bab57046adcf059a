import { benchDeepRegisterQuery } from './deep-register-query.bench.js';
import { benchFanOut } from './fan-out.bench.js';
import { machine, writeSection } from './lib/report.js';

/**
 * `npm run bench [-- name…]`: runs the benchmarks and rewrites their sections of
 * docs/benchmarks.md. Load comes from autocannon in a separate process on loopback.
 */
const only = new Set(process.argv.slice(2));
const wanted = (name: string) => only.size === 0 || only.has(name);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

if (wanted('deep-register-query')) {
  const r = await benchDeepRegisterQuery(Number(process.env.BENCH_ACTIVITIES ?? 1000), seconds);
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  await writeSection(
    'deep-register-query',
    `## Deep register query (issue 3)

${new Date().toISOString().slice(0, 10)} · ${machine(r.postgres)} · \`npm run bench -- deep-register-query\`

One tenant with ${r.activities.toLocaleString('en')} processing activities (3 purposes, 2 controllers, 3 recipients,
1 transfer, 2 retention rules and 3 subprocessor engagements each, over 50 parties and 20 engagements). The query
asks for a page of 50 activities with all of those nested lists and the parties and vendors behind them
(\`bench/deep-register-query.bench.ts\`). API and database on the same 2-core machine; autocannon in a separate process.

| measure | value |
| --- | --- |
| SQL statements per request (all / data) | ${r.statementsPerRequest.total.toFixed(1)} / ${r.statementsPerRequest.data.toFixed(1)} |
| throughput, 8 connections, ${seconds} s | ${r.throughput.requestsPerSecond.toFixed(0)} requests/s |
| latency at that throughput, p50 / p99 | ${ms(r.throughput.latencyMs.p50)} / ${ms(r.throughput.latencyMs.p99)} |
| latency at a steady 100 requests/s, p50 / p99 | ${ms(r.at100rps.latencyMs.p50)} / ${ms(r.at100rps.latencyMs.p99)} |
| errors / non-2xx | ${r.throughput.errors + r.at100rps.errors} / ${r.throughput.non2xx + r.at100rps.non2xx} |
`,
  );
  console.log(JSON.stringify(r, null, 2));
}

if (wanted('fan-out')) {
  const r = await benchFanOut(
    Number(process.env.BENCH_SUBSCRIBERS ?? 10_000),
    Number(process.env.BENCH_ENDPOINTS ?? 100),
  );
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  await writeSection(
    'fan-out',
    `## Fan-out of one subprocessor change (issue 4)

${new Date().toISOString().slice(0, 10)} · ${machine(r.postgres)} · \`npm run bench -- fan-out\`

One announced change in a tenant with ${r.subscribers.toLocaleString('en')} confirmed email subscribers and ${r.endpoints} webhook
endpoints (\`bench/fan-out.bench.ts\`). The worker runs as its own process (\`apps/worker\` from dist, default settings:
batch 200, concurrency 50, 5 pooled SMTP connections); email goes over SMTP to a local sink (smtp-server), webhooks to a
local HTTP receiver, both in the benchmark process. The clock starts when the event's transaction commits.

| measure | value |
| --- | --- |
| deliveries | ${r.deliveries.toLocaleString('en')} (${r.subscribers.toLocaleString('en')} emails, ${r.endpoints} webhooks) |
| commit to fan-out done (all deliveries written) | ${s(r.fanOutMs)} |
| commit to last delivery received | ${s(r.lastDeliveryMs)} |
| throughput | ${(r.deliveries / (r.lastDeliveryMs / 1000)).toFixed(0)} deliveries/s |
| attempts logged | ${r.attempts.toLocaleString('en')} |
`,
  );
  console.log(JSON.stringify(r, null, 2));
}
