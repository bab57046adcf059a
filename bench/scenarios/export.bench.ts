import type { Scenario } from '../lib/scenario.js';
import { benchExport } from './export-run.js';

/** Issue 6: exporting 100,000 activities as CSV and XLSX against COPY … TO STDOUT, with peak memory. */
export const registerExport: Scenario = {
  name: 'export',
  summary: 'CSV and XLSX export of 100,000 activities against COPY TO STDOUT, rows/s and peak memory',
  async run(ctx) {
    const r = await benchExport(
      Number(process.env.BENCH_EXPORT_ACTIVITIES ?? 100_000),
      ctx.baselines.map((b) => ({ dir: b.dir, label: b.label })),
    );
    const n = (x: number) => Math.round(x).toLocaleString('en');
    const copies = r.runs.filter((run) => run.kind === 'copy-activities');
    const copyAll = r.runs.filter((run) => run.kind === 'copy-all');
    const mean = (runs: typeof r.runs) => runs.reduce((s, run) => s + run.rowsPerSecond, 0) / runs.length;
    const ratio = (run: (typeof r.runs)[number]) =>
      run.kind.startsWith('copy')
        ? '—'
        : `${(run.rowsPerSecond / mean(copies)).toFixed(2)} / ${(run.rowsPerSecond / mean(copyAll)).toFixed(2)}`;
    const rows = r.runs
      .map(
        (run) =>
          `| ${run.label} | ${run.seconds.toFixed(1)} s | ${n(run.rowsPerSecond)} | ${ratio(run)} | ${(run.bytes / 2 ** 20).toFixed(1)} MiB | ${n(run.peakRssMiB)} MiB (${n(run.startRssMiB)} before) / ${n(run.peakHeapMiB)} MiB | ${run.loadAverage.toFixed(1)} |`,
      )
      .join('\n');
    return {
      title: 'Register export (issue 6)',
      figures: r,
      markdown: `One tenant with ${r.activities.toLocaleString('en')} processing activities (each with 3 purposes, 2 controllers, 3 recipients,
1 transfer, 2 retention rules and 3 engagements; 50 parties, 20 engagements), exported in the art30 layout by
\`ExportService\`, output counted and discarded. Every run is a process of its own
(\`bench/scenarios/export-child.ts\`: the API application, then the run), so its peak RSS is the exporter's own (RSS
once the application was up in brackets); memory sampled every 20 ms. Rows/s counts activities for every row, so
the ratios compare like with like: CSV and XLSX against the mean of the \`COPY\` runs of the activities table alone
and of every table the layout writes (\`bench/scenarios/export-copy.ts\`: the activity lists unnested with
\`jsonb_to_recordset\`; the findings have no SQL counterpart, so this floor does less than the export). The \`COPY\`
runs come first and last, to show the database was not warmer for one of them. The load average (1 min, 2 cores,
machine shared with other jobs) is the one at the start of each run.

| run | time | activities/s | ratio to \`COPY\` activities / every table | output | peak RSS (at start) / peak heap | load |
| --- | --- | --- | --- | --- | --- | --- |
${rows}
`,
    };
  },
};
