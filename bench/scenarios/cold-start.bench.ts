import { chmod, mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startServer } from '../lib/processes.js';
import { ms, type Scenario } from '../lib/scenario.js';

const COLD_START_PORT = Number(process.env.BENCH_PORT_BASE ?? 3990) + 4;

/**
 * The embedded default as `npm start` runs it (no DATABASE_URL, development settings, demo tenants
 * seeded): time from spawning the built API until /health answers, on an empty data folder (init
 * of PostgreSQL, migrations, demo seed), then again on the same folder.
 */
export const coldStart: Scenario = {
  name: 'cold-start',
  summary: 'first and later start of the embedded default (npm start without DATABASE_URL)',
  async run() {
    const dir = resolve('.data/bench-cold-start');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o755); // the embedded server runs as OS user postgres when started as root
    const start = () =>
      startServer({
        name: 'cold-start',
        script: 'dist/apps/api/src/main.js',
        port: COLD_START_PORT,
        timeoutMs: 180_000,
        env: {
          NODE_ENV: 'development',
          DATABASE_URL: undefined,
          PORT: String(COLD_START_PORT),
          EMBEDDED_PG_DIR: `${dir}/pg`,
          EMBEDDED_PG_PORT: '54351',
          LOG_LEVEL: 'warn',
        },
      });
    const first = await start();
    await first.stop();
    const later: number[] = [];
    for (let i = 0; i < 3; i++) {
      const again = await start();
      later.push(again.startedInMs);
      await again.stop();
    }
    await rm(dir, { recursive: true, force: true });
    const median = [...later].sort((a, b) => a - b)[1]!;
    return {
      title: 'Cold start of the embedded default',
      figures: { firstMs: first.startedInMs, laterMs: later },
      markdown: `From spawning \`node dist/apps/api/src/main.js\` with no \`DATABASE_URL\` (embedded PostgreSQL 18 from npm, as
\`npm start\` after its build) until \`GET /health\` answers 200.

| start | time | target |
| --- | --- | --- |
| first (empty data folder: initdb, migrations, demo tenants) | ${ms(first.startedInMs)} | < 60 s |
| later (same folder; median of 3) | ${ms(median)} | < 10 s |`,
    };
  },
};
