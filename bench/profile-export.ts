import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import pg from 'pg';
import { createApiApp } from '../apps/api/src/create-api-app.js';
import { loadConfig, type Principal, Role } from '#core';
import { ensureAppRole, runMigrations } from '#database';
import { DemoSeeder } from '#demo';
import { TenantsService } from '#accounts';
import { ExportFormat, ExportLayout, ExportService } from '#reports';
import { startCpuProfile } from './lib/cpu-profile.js';
import { createRegisterDataset } from './lib/register-dataset.js';

/**
 * `node dist/bench/profile-export.js [activities] [csv|xlsx]`: CPU profile of one export (top self
 * time). The dataset is built once into database art30_export_profile_<activities> and kept (named
 * in .cache/export-profile-<activities>.json), so repeated profiles skip the minutes it takes.
 */
const activities = Number(process.argv[2] ?? 20_000);
const format = (process.argv[3] ?? 'csv') as ExportFormat;
const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `art30_export_profile_${activities}`;
const url = new URL(admin);
url.pathname = `/${name}`;
const state = `.cache/export-profile-${activities}.json`;
const fresh = !existsSync(state);
if (fresh) {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  await ensureAppRole(url.toString(), undefined);
  await runMigrations(url.toString(), () => undefined);
}
const app = await createApiApp(
  loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: url.toString(),
    LOG_LEVEL: 'warn',
    SEED_DEMO_TENANTS: 'false',
    APP_SECRET: 'benchmark-only-secret-0123456789abcdef',
  }),
);
await app.init();
let tenantId: string;
if (fresh) {
  tenantId = (await createRegisterDataset(app, activities)).tenantId;
  await writeFile(state, JSON.stringify({ tenantId }));
} else tenantId = (JSON.parse(await readFile(state, 'utf8')) as { tenantId: string }).tenantId;
// PROFILE_TENANT=<demo slug>: export that demo tenant instead (richer values: quotes, formulas, Art. 9 …).
if (process.env.PROFILE_TENANT) {
  await app.get(DemoSeeder).seed();
  tenantId = (await app.get(TenantsService).findBySlug(process.env.PROFILE_TENANT))!.id;
}
const principal: Principal = {
  tenantId,
  tenantSlug: 'bench',
  role: Role.AUDITOR,
  kind: 'user',
  actorId: tenantId,
  actorLabel: 'benchmark auditor',
};
const exports = app.get(ExportService);
const run = async () => {
  let bytes = 0;
  const out = new Writable({
    write(chunk: Buffer, _e, done) {
      bytes += chunk.length;
      done();
    },
  });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await exports.export(principal, { format, layout: ExportLayout.ART30, channel: 'cli', bundle: true }, out);
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, bytes };
};
// PROFILE_OUT=<file>: keep the (warm-up) export, to compare the files before and after a change.
if (process.env.PROFILE_OUT) {
  const file = createWriteStream(process.env.PROFILE_OUT);
  await exports.export(principal, { format, layout: ExportLayout.ART30, channel: 'cli', bundle: true }, file);
} else await run(); // warm-up
// PROFILE_RUNS=<n>: n timed runs without the profiler (wall and this process's CPU), then stop.
if (process.env.PROFILE_RUNS) {
  for (let i = 0; i < Number(process.env.PROFILE_RUNS); i++) {
    const r = await run();
    console.log(
      `${format} ${activities}: wall ${r.ms.toFixed(0)} ms (${Math.round((activities / r.ms) * 1000)}/s), node cpu ${r.cpuMs.toFixed(0)} ms, ${r.bytes} bytes, load ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  await app.close();
  process.exit(0);
}
const profiler = await startCpuProfile(`export-${format}`);
const { ms, bytes } = await run();
const summary = await profiler.stop();
console.log(
  `${format} export of ${activities} activities: ${ms.toFixed(0)} ms (${Math.round((activities / ms) * 1000)}/s), ${bytes} bytes`,
);
console.log(summary);
await app.close();
