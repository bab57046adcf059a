import pg from 'pg';
import { createApiApp } from '../apps/api/src/create-api-app.js';
import { loadConfig } from '#core';
import { freshBenchDatabase } from './lib/bench-database.js';
import { startCpuProfile } from './lib/cpu-profile.js';
import { createRegisterDataset } from './lib/register-dataset.js';
import { ADD_SUBPROCESSOR } from './scenarios/add-subprocessor.bench.js';

/**
 * `node dist/bench/profile-add-subprocessor.js`: CPU profile of 500 sequential subprocessor
 * additions in one tenant (1,000 activities); prints the top self time by function and by package.
 */
const database = await freshBenchDatabase();
const app = await createApiApp(
  loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: database.ownerUrl,
    LOG_LEVEL: 'silent',
    APP_SECRET: 'profile-only-secret-0123456789abcdef',
    RATE_LIMIT_POINTS_PER_MINUTE: '0',
  }),
);
await app.listen(3997, '127.0.0.1');
const dataset = await createRegisterDataset(app, 1000);
const owner = new pg.Client({ connectionString: database.ownerUrl });
await owner.connect();
const vendors = (
  await owner.query<{ id: string }>(`SELECT id FROM parties WHERE tenant_id = $1`, [dataset.tenantId])
).rows.map((r) => r.id);
await owner.end();
let n = 0;
const post = () =>
  fetch('http://127.0.0.1:3997/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${dataset.token}` },
    body: JSON.stringify({
      query: ADD_SUBPROCESSOR,
      variables: {
        input: {
          engagement: {
            vendorId: vendors[n % vendors.length],
            purpose: `Profiled ${n++}`,
            processingLocations: ['DE', 'IE'],
            accessLocations: ['US'],
            transferMechanism: 'SCC_MODULE_3',
            dataCategoryCodes: ['DC_NAME', 'DC_EMAIL'],
          },
        },
      },
    }),
  }).then(async (r) => {
    const text = await r.text();
    if (!text.includes('"engagementId"')) throw new Error(text);
  });
for (let i = 0; i < 50; i++) await post();
const profiler = await startCpuProfile('add-subprocessor');
const t0 = performance.now();
for (let i = 0; i < 500; i++) await post();
const elapsed = performance.now() - t0;
const summary = await profiler.stop();
console.log(`500 additions in ${elapsed.toFixed(0)} ms (${(elapsed / 500).toFixed(2)} ms each)`);
console.log(summary);
await app.close();
await database.stop();
