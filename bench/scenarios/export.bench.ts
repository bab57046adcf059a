import type { Scenario } from '../lib/scenario.js';
import { benchExport } from './export-run.js';

/** Issue 5: exporting 100,000 activities as CSV and XLSX against COPY … TO STDOUT, with peak memory. */
export const registerExport: Scenario = {
  name: 'export',
  summary: 'CSV and XLSX export of 100,000 activities against COPY TO STDOUT, rows/s and peak memory',
  async run() {
    const r = await benchExport(Number(process.env.BENCH_EXPORT_ACTIVITIES ?? 100_000));
    const n = (x: number) => Math.round(x).toLocaleString('en');
    const rows = r.runs
      .map(
        (run) =>
          `| ${run.label} | ${run.seconds.toFixed(1)} s | ${n(run.rowsPerSecond)} | ${(run.bytes / 2 ** 20).toFixed(1)} MiB | ${n(run.peakRssMiB)} MiB (+${n(run.rssGrowthMiB)}) / ${n(run.peakHeapMiB)} MiB |`,
      )
      .join('\n');
    return {
      title: 'Register export (issue 5)',
      figures: r,
      markdown: `One tenant with ${r.activities.toLocaleString('en')} processing activities (each with 3 purposes, 2 controllers, 3 recipients,
1 transfer, 2 retention rules and 3 engagements; 50 parties, 20 engagements), exported in the art30 layout by
\`ExportService\` in the benchmark's own process (\`bench/scenarios/export-run.ts\`), output counted and discarded.
Rows/s counts activities. The CSV and XLSX exports write every table of the layout from ONE pass over a server-side
cursor (activity-derived tables spooled to temporary files, then written in turn), with the register-health rules
evaluated once per activity; \`COPY\` writes the activities table alone, in the same run (first and last, to show the
database was not warmer for one of them). Memory is this process's, sampled every 20 ms; before the exports (after a
full garbage collection) it held ${n(r.baselineRssMiB)} MiB RSS / ${n(r.baselineHeapMiB)} MiB heap.

| run | time | activities/s | output | peak RSS (growth during the run) / peak heap |
| --- | --- | --- | --- | --- |
${rows}
`,
    };
  },
};
