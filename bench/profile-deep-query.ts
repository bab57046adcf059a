import { createApiApp } from '../apps/api/src/create-api-app.js';
import { loadConfig } from '#core';
import { freshBenchDatabase } from './lib/bench-database.js';
import { startCpuProfile } from './lib/cpu-profile.js';
import { load } from './lib/load.js';
import { createRegisterDataset } from './lib/register-dataset.js';
import { ACTIVITY_BY_ID_QUERY } from './scenarios/activity-by-id.bench.js';
import { DEEP_REGISTER_QUERY } from './scenarios/deep-register-query.bench.js';

/**
 * `node dist/bench/profile-deep-query.js [deep|by-id]`: CPU profile of the API (in this process)
 * while autocannon (its own process, 8 connections, PROFILE_SECONDS, default 10) sends the deep
 * register query (default) or the activity-by-id query; prints throughput and the top self time.
 */
const which = process.argv[2] ?? 'deep';
const seconds = Number(process.env.PROFILE_SECONDS ?? 10);
const database = await freshBenchDatabase();
const app = await createApiApp(
  loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: database.ownerUrl,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_POINTS_PER_MINUTE: '0',
    SEED_DEMO_TENANTS: 'false',
    APP_SECRET: 'profile-only-secret-0123456789abcdef01',
  }),
);
const port = Number(process.env.BENCH_PORT_BASE ?? 3990) + 6;
await app.listen(port, '127.0.0.1');
const dataset = await createRegisterDataset(app, 1000);
const body =
  which === 'by-id'
    ? JSON.stringify({ query: ACTIVITY_BY_ID_QUERY, variables: { id: dataset.activityIds[0] } })
    : JSON.stringify({ query: DEEP_REGISTER_QUERY });
const target = {
  url: `http://127.0.0.1:${port}/graphql`,
  body,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${dataset.token}` },
};
const answer = await (await fetch(target.url, { method: 'POST', headers: target.headers, body })).text();
if (!answer.startsWith('{"data"') || answer.includes('"errors"')) throw new Error(answer.slice(0, 500));
await load({ ...target, connections: 8, seconds: 3 }); // warm-up
const profiler = await startCpuProfile(which);
const result = await load({ ...target, connections: 8, seconds });
const summary = await profiler.stop();
console.log(
  `${which}: ${result.requestsPerSecond.toFixed(0)} requests/s with 8 connections (p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms), answer ${answer.length} bytes`,
);
console.log(summary);
await app.close();
await database.stop();
