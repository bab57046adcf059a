import { spawn } from 'node:child_process';
import pg from 'pg';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { loadConfig } from '#core';
import { freshBenchDatabase } from '../lib/bench-database.js';
import { createRegisterDataset } from '../lib/register-dataset.js';
import type { ExportChildResult, ExportJob } from './export-child.js';

export interface ExportRun extends ExportChildResult {
  label: string;
  kind: ExportJob['kind'];
  rowsPerSecond: number;
  loadAverage: number;
}

export interface ExportBenchResult {
  activities: number;
  runs: ExportRun[];
  postgres: string;
}

/** Runs one job in its own process (bench/scenarios/export-child.ts) and answers its figures. */
function runChild(job: ExportJob): Promise<ExportChildResult> {
  return new Promise((resolve, reject) => {
    // The CLI runs with the young generation capped, as `npm run cli` and the Docker image start it.
    const flags = job.kind === 'csv-cli' ? ['--max-semi-space-size=16'] : [];
    const child = spawn(process.execPath, [...flags, 'dist/bench/scenarios/export-child.js'], {
      env: { ...process.env, NODE_ENV: 'production', EXPORT_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = output.trim().split('\n').pop() ?? '';
      if (code === 0) resolve(JSON.parse(last) as ExportChildResult);
      else reject(new Error(`export run ${job.kind} (${job.root}) exited with ${code}: ${output.slice(-2000)}`));
    });
  });
}

/**
 * Issue 6's benchmark: export a register of `activities` processing activities as CSV (the art30
 * layout, every table, zipped) and XLSX, each run in a process of its own, against PostgreSQL's
 * `COPY … TO STDOUT` of the activities table and of every table the layout writes, in the same
 * run; `baselines` (other checkouts with a build) export CSV too, for before/after in one run.
 */
export async function benchExport(
  activities = 100_000,
  baselines: Array<{ dir: string; label: string }> = [],
): Promise<ExportBenchResult> {
  const database = await freshBenchDatabase();
  try {
    const app = await createApiApp(
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: database.ownerUrl,
        LOG_LEVEL: 'warn',
        SEED_DEMO_TENANTS: 'false',
        APP_SECRET: 'benchmark-only-secret-0123456789abcdef',
      }),
    );
    await app.init();
    const dataset = await createRegisterDataset(app, activities);
    await app.close();
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    await owner.query('VACUUM ANALYZE');
    await owner.end();

    const runs: ExportRun[] = [];
    const job =
      (kind: ExportJob['kind'], label: string, root = process.cwd()) =>
      async () => {
        const loadAverage = (await import('node:os')).loadavg()[0]!;
        const result = await runChild({ kind, databaseUrl: database.ownerUrl, tenantId: dataset.tenantId, root });
        runs.push({ label, kind, ...result, rowsPerSecond: activities / result.seconds, loadAverage });
        console.log(`  ${label}: ${result.seconds.toFixed(1)} s, peak RSS ${result.peakRssMiB.toFixed(0)} MiB`);
      };
    const copyActivities = job('copy-activities', '`COPY` activities table (`SELECT * … ORDER BY lower(name), id`)');
    const copyAll = job('copy-all', '`COPY` of every table the layout writes (14 statements; no findings)');
    const plan = [
      copyActivities,
      copyAll,
      job('csv', 'art30 CSV zip (15 tables, incl. computed transfer status and findings)'),
      job('csv-cli', 'art30 CSV zip from the CLI process (`npm run cli -- export`: no GraphQL, no HTTP)'),
      ...baselines.map((b) => job('csv', `${b.label}: CSV zip`, b.dir)),
      job('xlsx', 'art30 XLSX (cover + 15 sheets, streamed)'),
      copyAll,
      copyActivities,
    ];
    for (const step of plan) await step();
    return { activities, runs, postgres: database.serverVersion };
  } finally {
    await database.stop();
  }
}
