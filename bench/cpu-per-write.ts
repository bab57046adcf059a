import { backendTicks, backendTicksSince, cpuTicks, TICK_MS } from './lib/proc-cpu.js';
import pg from 'pg';
import { BenchContext } from './lib/bench-context.js';
import { writeLoad } from './lib/write-load.js';
import { ADD_SUBPROCESSOR, WRITE_ENGAGEMENT } from './scenarios/add-subprocessor.bench.js';

/**
 * `node dist/bench/cpu-per-write.js [rounds] [seconds] [rate]`: subprocessor additions per second and CPU
 * milliseconds per addition of each API process (art30 and every BENCH_BASELINES build, in turn, so
 * they share the machine's load) and of PostgreSQL, for both shapes of the add-subprocessor scenario
 * (one tenant; spread over every tenant), 16 connections. Throughput on a shared machine moves with
 * the load; CPU per write hardly does. Same BENCH_* knobs as `npm run bench`.
 */
const rounds = Number(process.argv[2] ?? 2);
const seconds = Number(process.argv[3] ?? 8);
/** Writes per second offered (every build gets the same work); omit for as fast as each build answers. */
const rate = process.argv[4] ? Number(process.argv[4]) : undefined;

const ctx = new BenchContext();
try {
  const data = await ctx.dataset();
  const database = new URL((await ctx.db()).ownerUrl).pathname.slice(1);
  const owner = new pg.Client({ connectionString: (await ctx.db()).ownerUrl });
  await owner.connect();
  const tenants: Array<{ token: string; vendorIds: string[] }> = [];
  for (const tenant of [data.big, ...data.others]) {
    const { rows } = await owner.query<{ id: string }>(`SELECT id FROM parties WHERE tenant_id = $1 ORDER BY name`, [
      tenant.tenantId,
    ]);
    tenants.push({ token: tenant.token, vendorIds: rows.map((r) => r.id) });
  }
  await owner.end();
  const shapes = [
    { name: 'one tenant', targets: tenants.slice(0, 1) },
    { name: `${tenants.length} tenants`, targets: tenants },
  ];
  const apis = [
    ...(await Promise.all(ctx.baselines.map(async (b) => ({ name: b.label, server: await ctx.api(b) })))),
    { name: 'art30', server: await ctx.api() },
  ];
  let phase = 0;
  const run = (url: string, targets: typeof tenants, secs: number, connections: number) =>
    writeLoad({
      url,
      query: ADD_SUBPROCESSOR,
      targets,
      engagement: WRITE_ENGAGEMENT,
      purposePrefix: `cpu per write ${phase++}`,
      connections,
      seconds: secs,
      ...(rate ? { rate } : {}),
    });
  for (const { server } of apis) await run(`${server.url}/graphql`, tenants, 3, 4); // warm-up
  const totals = new Map<string, { server: number; postgres: number; writes: number; seconds: number }>();
  for (let round = 0; round < rounds; round++) {
    for (const shape of shapes) {
      for (const { name, server } of apis) {
        const [server0, postgres0] = [cpuTicks(server.child.pid), backendTicks(database)];
        const result = await run(`${server.url}/graphql`, shape.targets, seconds, 16);
        const key = `| ${shape.name} | ${name} |`;
        const total = totals.get(key) ?? { server: 0, postgres: 0, writes: 0, seconds: 0 };
        total.server += cpuTicks(server.child.pid) - server0;
        total.postgres += backendTicksSince(database, postgres0);
        total.writes += result.requests - result.non2xx - result.graphqlErrors;
        total.seconds += seconds;
        totals.set(key, total);
      }
    }
  }
  console.log('| shape | server | writes/s | API CPU per write | PostgreSQL CPU per write | writes |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [key, t] of totals) {
    const perWrite = (ticks: number) => `${((ticks * TICK_MS) / t.writes).toFixed(2)} ms`;
    console.log(
      `${key} ${Math.round(t.writes / t.seconds)}/s | ${perWrite(t.server)} | ${perWrite(t.postgres)} | ${t.writes} |`,
    );
  }
} finally {
  await ctx.close();
}
