import { benchDeepRegisterQuery } from './deep-register-query.bench.js';
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
