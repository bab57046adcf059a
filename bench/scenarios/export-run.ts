import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { loadConfig, type Principal, Role } from '#core';
import { ExportFormat, ExportLayout, ExportService } from '#reports';
import { freshBenchDatabase } from '../lib/bench-database.js';
import { createRegisterDataset } from '../lib/register-dataset.js';

export interface ExportRun {
  label: string;
  seconds: number;
  rowsPerSecond: number;
  bytes: number;
  peakRssMiB: number;
  peakHeapMiB: number;
  /** Peak RSS minus RSS when the run started: what the run itself took. */
  rssGrowthMiB: number;
}

export interface ExportBenchResult {
  activities: number;
  baselineRssMiB: number;
  baselineHeapMiB: number;
  runs: ExportRun[];
  postgres: string;
}

const MiB = 2 ** 20;

// A full collection before each run, so each starts from what is really live.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Counts bytes and throws them away: the writer's cost, not the disk's. */
function sink(): Writable & { bytes: number } {
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  out.bytes = 0;
  return out;
}

/** Samples this process's memory every 20 ms while `work` runs. */
async function measured(label: string, rows: number, work: (out: Writable) => Promise<unknown>): Promise<ExportRun> {
  gc();
  const start = process.memoryUsage();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const out = sink();
  const started = process.hrtime.bigint();
  try {
    await work(out);
  } finally {
    clearInterval(timer);
  }
  sample();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    label,
    seconds,
    rowsPerSecond: rows / seconds,
    bytes: out.bytes,
    peakRssMiB: peakRss / MiB,
    peakHeapMiB: peakHeap / MiB,
    rssGrowthMiB: (peakRss - start.rss) / MiB,
  };
}

/**
 * Issue 5's benchmark: export a register of `activities` processing activities as CSV (the
 * art30 layout, every table, zipped) and XLSX (streamed), in this process, against PostgreSQL's
 * own `COPY (SELECT … activities …) TO STDOUT` of the same rows in the same run; peak memory of
 * the exporting process sampled throughout.
 */
export async function benchExport(activities = 100_000): Promise<ExportBenchResult> {
  const database = await freshBenchDatabase();
  let app: INestApplication | undefined;
  try {
    app = await createApiApp(
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
    const principal: Principal = {
      tenantId: dataset.tenantId,
      tenantSlug: 'bench',
      role: Role.AUDITOR,
      kind: 'user',
      actorId: dataset.tenantId,
      actorLabel: 'benchmark auditor',
    };
    const exports = app.get(ExportService);
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    await owner.query('VACUUM ANALYZE activities');
    gc();
    const baseline = process.memoryUsage();
    const runs: ExportRun[] = [];
    const copy = () =>
      measured('`COPY (SELECT * FROM activities …) TO STDOUT (FORMAT csv)`', activities, async (out) => {
        const stream = owner.query(
          copyTo(
            `COPY (SELECT * FROM activities WHERE tenant_id = '${dataset.tenantId}' ORDER BY lower(name), id) TO STDOUT (FORMAT csv, HEADER)`,
          ),
        );
        await pipeline(stream, out);
      });
    const run = (format: ExportFormat, label: string) =>
      measured(label, activities, (out) =>
        exports.export(principal, { format, layout: ExportLayout.ART30, channel: 'cli', bundle: true }, out),
      );
    runs.push(await copy());
    runs.push(await run(ExportFormat.CSV, 'art30 CSV zip (15 tables, incl. computed transfer status and findings)'));
    runs.push(await run(ExportFormat.XLSX, 'art30 XLSX (cover + 15 sheets, streamed)'));
    runs.push(await copy());
    await owner.end();
    return {
      activities,
      baselineRssMiB: baseline.rss / MiB,
      baselineHeapMiB: baseline.heapUsed / MiB,
      runs,
      postgres: database.serverVersion,
    };
  } finally {
    await app?.close();
    await database.stop();
  }
}
