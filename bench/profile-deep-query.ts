import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { createApiApp } from '../apps/api/src/create-api-app.js';
import { loadConfig } from '#core';
import { freshBenchDatabase } from './lib/bench-database.js';
import { createRegisterDataset } from './lib/register-dataset.js';
import { DEEP_REGISTER_QUERY } from './scenarios/deep-register-query.bench.js';

/** `node dist/bench/profile-deep-query.js`: CPU profile of 200 sequential deep queries (top self time). */
const database = await freshBenchDatabase();
const app = await createApiApp(
  loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: database.ownerUrl,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_POINTS_PER_MINUTE: '0',
  }),
);
await app.listen(3996, '127.0.0.1');
const dataset = await createRegisterDataset(app, 1000);
const post = () =>
  fetch('http://127.0.0.1:3996/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${dataset.token}` },
    body: JSON.stringify({ query: DEEP_REGISTER_QUERY }),
  }).then((r) => r.text());
for (let i = 0; i < 20; i++) await post();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const t0 = performance.now();
let bytes = 0;
for (let i = 0; i < 200; i++) bytes = (await post()).length;
const elapsed = performance.now() - t0;
const { profile } = await session.post('Profiler.stop');
await writeFile('.cache/deep-query.cpuprofile', JSON.stringify(profile));
const self = new Map<string, number>();
const dt = profile.timeDeltas ?? [];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
(profile.samples ?? []).forEach((id, i) => {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(`file://${process.cwd()}/`, '')}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(
  `200 requests in ${elapsed.toFixed(0)} ms (${(elapsed / 200).toFixed(1)} ms each), response ${bytes} bytes`,
);
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log(`${((100 * v) / total).toFixed(1)}%  ${k}`);
await app.close();
await database.stop();
