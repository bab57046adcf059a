import { benchDeepRegisterQuery } from './deep-register-query.bench.js';
import { benchExport } from './export.bench.js';
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

if (wanted('export')) {
  const r = await benchExport(Number(process.env.BENCH_EXPORT_ACTIVITIES ?? 100_000));
  const n = (x: number) => Math.round(x).toLocaleString('en');
  const rows = r.runs
    .map(
      (run) =>
        `| ${run.label} | ${run.seconds.toFixed(1)} s | ${n(run.rowsPerSecond)} | ${(run.bytes / 2 ** 20).toFixed(1)} MiB | ${n(run.peakRssMiB)} MiB (+${n(run.rssGrowthMiB)}) / ${n(run.peakHeapMiB)} MiB |`,
    )
    .join('\n');
  await writeSection(
    'export',
    `## Register export (issue 5)

${new Date().toISOString().slice(0, 10)} · ${machine(r.postgres)} · \`npm run bench -- export\`

One tenant with ${r.activities.toLocaleString('en')} processing activities (each with 3 purposes, 2 controllers, 3 recipients,
1 transfer, 2 retention rules and 3 engagements; 50 parties, 20 engagements), exported in the art30 layout by
\`ExportService\` in the benchmark's own process (\`bench/export.bench.ts\`), output counted and discarded. Rows/s
counts activities. The CSV and XLSX exports write every table of the layout (activities, purposes, controllers,
recipients, transfers, retention, processor register, findings …) from ONE pass over a server-side cursor (the
activity-derived tables are spooled to temporary files, then written in turn), with the register-health rules
evaluated once per activity; \`COPY\` writes the activities table alone, in the same run (first and
last, to show the database was not warmer for one of them). Memory is this process's, sampled every 20 ms; before the
exports (after a full garbage collection) it held ${n(r.baselineRssMiB)} MiB RSS / ${n(r.baselineHeapMiB)} MiB heap
(the API application; RSS also keeps what the dataset builder once took). The machine was shared with other jobs
(load average about 9 on 2 cores), so absolute times are pessimistic; the ratios within one run hold.

| run | time | activities/s | output | peak RSS (growth during the run) / peak heap |
| --- | --- | --- | --- | --- |
${rows}
`,
  );
  console.log(JSON.stringify(r, null, 2));
}
