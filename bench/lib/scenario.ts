import type { BenchContext } from './bench-context.js';

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
