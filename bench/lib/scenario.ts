import type { BenchContext } from './bench-context.js';
import type { LoadResult } from './load.js';

/**
 * One benchmark of `npm run bench`: registered by name in bench/run.ts, selectable with
 * `npm run bench -- <name>`, writing its own section of docs/benchmarks.md.
 */
export interface Scenario {
  name: string;
  /** One line for `npm run bench -- --list`. */
  summary: string;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}

export interface ScenarioResult {
  /** The section's markdown, without heading line (run.ts adds heading, date, machine and command). */
  title: string;
  markdown: string;
  /** Raw figures, printed as JSON and kept in .cache/bench-<name>.json. */
  figures: unknown;
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const rps = (n: number) => `${Math.round(n).toLocaleString('en')}/s`;

/**
 * p99 at each offered rate, per server ("served" where a server fell short of the offered rate):
 * where a latency target holds, when the target's own rate is beyond what the machine serves.
 */
export function latencySweepTable(rows: Array<{ name: string; sweep: LoadResult[] }>, rates: number[]): string {
  const cell = (result: LoadResult, offered: number) =>
    `${ms(result.latencyMs.p99)}${result.requestsPerSecond < 0.95 * offered ? ` (served ${rps(result.requestsPerSecond)})` : ''}`;
  return [
    `| server | ${rates.map((r) => `p99 at ${r.toLocaleString('en')}/s`).join(' | ')} |`,
    `| --- | ${rates.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.name} | ${r.sweep.map((l, i) => cell(l, rates[i]!)).join(' | ')} |`),
  ].join('\n');
}
