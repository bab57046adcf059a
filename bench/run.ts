import { mkdir, writeFile } from 'node:fs/promises';
import { BenchContext } from './lib/bench-context.js';
import { machine, writeSection } from './lib/report.js';
import type { Scenario } from './lib/scenario.js';
import { activityById } from './scenarios/activity-by-id.bench.js';
import { addSubprocessor } from './scenarios/add-subprocessor.bench.js';
import { coldStart } from './scenarios/cold-start.bench.js';
import { deepRegisterQuery } from './scenarios/deep-register-query.bench.js';
import { registerExport } from './scenarios/export.bench.js';
import { fanOut } from './scenarios/fan-out.bench.js';
import { sqlStatements } from './scenarios/sql-statements.bench.js';

/**
 * Every scenario of `npm run bench`, in the order they run. To add one: write
 * bench/scenarios/<name>.bench.ts exporting a {@link Scenario}, and list it here.
 */
export const SCENARIOS: Scenario[] = [
  sqlStatements,
  deepRegisterQuery,
  activityById,
  addSubprocessor,
  coldStart,
  fanOut,
  registerExport,
];

/**
 * `npm run bench [-- name…]` runs the scenarios (all by default; `-- --list` names them) and
 * rewrites their sections of docs/benchmarks.md. BENCH_SECONDS (default 10) sets each load phase.
 */
const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const s of SCENARIOS) console.log(`${s.name.padEnd(22)} ${s.summary}`);
  process.exit(0);
}
const unknown = args.filter((a) => !SCENARIOS.some((s) => s.name === a));
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const chosen = SCENARIOS.filter((s) => args.length === 0 || args.includes(s.name));
const ctx = new BenchContext();
await mkdir('.cache', { recursive: true });
try {
  for (const scenario of chosen) {
    const began = performance.now();
    console.log(`▶ ${scenario.name}`);
    const result = await scenario.run(ctx);
    const version = ctx.postgresVersion || (await ctx.db()).serverVersion;
    await writeSection(
      scenario.name,
      `## ${result.title}

${new Date().toISOString().slice(0, 10)} · ${machine(version)} · \`npm run bench -- ${scenario.name}\`

${result.markdown}`,
    );
    await writeFile(`.cache/bench-${scenario.name}.json`, JSON.stringify(result.figures, null, 2));
    console.log(JSON.stringify(result.figures, null, 2));
    console.log(`✔ ${scenario.name} in ${((performance.now() - began) / 1000).toFixed(0)} s`);
  }
} finally {
  await ctx.close();
}
