import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { copyStatements } from './export-copy.js';

/**
 * One run of the export benchmark in a process of its own, so its peak RSS is the export's and
 * the API application's, not the dataset builder's. The job comes as JSON in EXPORT_JOB; the
 * result is printed as JSON on the last line.
 *
 * `root` is the checkout whose build runs the export (this one, or a baseline's): its modules are
 * imported from there, so a baseline runs its own code.
 */
export interface ExportJob {
  /** csv and xlsx: in the API application; csv-cli: in the CLI's (no GraphQL, no HTTP). */
  kind: 'copy-activities' | 'copy-all' | 'csv' | 'csv-cli' | 'xlsx';
  databaseUrl: string;
  tenantId: string;
  root: string;
}

export interface ExportChildResult {
  seconds: number;
  bytes: number;
  /** RSS and heap once the application was up (after a full collection), before the run. */
  startRssMiB: number;
  startHeapMiB: number;
  peakRssMiB: number;
  peakHeapMiB: number;
}

const MiB = 2 ** 20;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Counts bytes and throws them away: the writer's cost, not the disk's. */
class Sink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

async function exporter(
  job: ExportJob,
): Promise<{ work: (out: Writable) => Promise<unknown>; close(): Promise<void> }> {
  if (job.kind === 'copy-activities' || job.kind === 'copy-all') {
    const client = new pg.Client({ connectionString: job.databaseUrl });
    await client.connect();
    const statements = copyStatements(job.tenantId).filter((s) => job.kind === 'copy-all' || s.table === 'activities');
    return {
      work: async (out) => {
        for (const { sql } of statements)
          await pipeline(client.query(copyTo(`COPY (${sql}) TO STDOUT (FORMAT csv, HEADER)`)), out, { end: false });
      },
      close: () => client.end(),
    };
  }
  type Api = typeof import('../../apps/api/src/create-api-app.js');
  type Cli = typeof import('../../apps/cli/src/cli.module.js');
  type Core = typeof import('../../libs/core/src/index.js');
  type Reports = typeof import('../../libs/reports/src/index.js');
  const dist = `${job.root}/dist`;
  await import('reflect-metadata'); // as both entry points do first
  const { loadConfig, Role } = (await import(`${dist}/libs/core/src/index.js`)) as Core;
  const { ExportFormat, ExportLayout, ExportService } = (await import(`${dist}/libs/reports/src/index.js`)) as Reports;
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: job.databaseUrl,
    LOG_LEVEL: 'warn',
    SEED_DEMO_TENANTS: 'false',
    APP_SECRET: 'benchmark-only-secret-0123456789abcdef',
  });
  let app: { get<T>(type: new (...args: never[]) => T): T; close(): Promise<void> };
  if (job.kind === 'csv-cli') {
    // As `npm run cli -- export` starts it (apps/cli/src/main.ts).
    const { NestFactory } = await import('@nestjs/core');
    const { CliModule } = (await import(`${dist}/apps/cli/src/cli.module.js`)) as Cli;
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
  } else {
    const { createApiApp } = (await import(`${dist}/apps/api/src/create-api-app.js`)) as Api;
    const api = await createApiApp(config);
    await api.init();
    app = api;
  }
  const principal = {
    tenantId: job.tenantId,
    tenantSlug: 'bench',
    role: Role.AUDITOR,
    kind: 'user' as const,
    actorId: job.tenantId,
    actorLabel: 'benchmark auditor',
  };
  const format = job.kind === 'xlsx' ? ExportFormat.XLSX : ExportFormat.CSV;
  return {
    work: (out) =>
      app
        .get(ExportService)
        .export(principal, { format, layout: ExportLayout.ART30, channel: 'cli', bundle: true }, out),
    close: () => app.close(),
  };
}

const job = JSON.parse(process.env.EXPORT_JOB!) as ExportJob;
const { work, close } = await exporter(job);
gc();
const start = process.memoryUsage();
let peakRss = start.rss;
let peakHeap = start.heapUsed;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const timer = setInterval(sample, 20);
const out = new Sink();
out.setMaxListeners(0); // COPY of every table pipes 14 streams into it in turn
const began = process.hrtime.bigint();
await work(out);
const seconds = Number(process.hrtime.bigint() - began) / 1e9;
clearInterval(timer);
sample();
await close();
const result: ExportChildResult = {
  seconds,
  bytes: out.bytes,
  startRssMiB: start.rss / MiB,
  startHeapMiB: start.heapUsed / MiB,
  peakRssMiB: peakRss / MiB,
  peakHeapMiB: peakHeap / MiB,
};
console.log(JSON.stringify(result));
process.exit(0);
