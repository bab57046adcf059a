import { backendTicks, backendTicksSince, cpuTicks, TICK_MS } from './lib/proc-cpu.js';
import { BenchContext } from './lib/bench-context.js';
import { load } from './lib/load.js';
import { ACTIVITY_BY_ID_QUERY } from './scenarios/activity-by-id.bench.js';
import { DEEP_REGISTER_QUERY, POSTGRAPHILE_DEEP_QUERY } from './scenarios/deep-register-query.bench.js';

/**
 * `node dist/bench/cpu-per-request.js [rounds] [seconds]`: CPU milliseconds per request of each
 * server process (art30, BENCH_BASELINES, PostGraphile, the raw pg floor) for the deep query and
 * the activity by id, with 8 connections, over the bench dataset (same BENCH_* knobs). Throughput
 * on a shared machine moves with the load; CPU per request hardly does, so it compares builds
 * where a throughput table cannot. PostgreSQL's CPU is the bench database's backends', per pid (a
 * backend that ends during a phase loses its share since the phase began: a slight underestimate).
 */
const rounds = Number(process.argv[2] ?? 2);
const seconds = Number(process.argv[3] ?? 6);

const ctx = new BenchContext();
try {
  const { big } = await ctx.dataset();
  const database = new URL((await ctx.db()).ownerUrl).pathname.slice(1);
  const art30Headers = { 'content-type': 'application/json', authorization: `Bearer ${big.token}` };
  const pglHeaders = { 'content-type': 'application/json', 'x-tenant-id': big.tenantId };
  const id = big.activityIds[0]!;
  const byId = JSON.stringify({ query: ACTIVITY_BY_ID_QUERY, variables: { id } });
  const deep = JSON.stringify({ query: DEEP_REGISTER_QUERY });
  const pglById = JSON.stringify({
    query: `query A($t: UUID!, $id: UUID!) { activityByTenantIdAndRowId(tenantId: $t, rowId: $id) {
      rowId name status role department reviewDate dataCategoryCodes purposes retention } }`,
    variables: { t: big.tenantId, id },
  });
  const rawById = await ctx.replayable('by-id', byId, big.token);
  const rawDeep = await ctx.replayable('deep', deep, big.token);
  const raw = await ctx.rawPg();
  const pgl = await ctx.postgraphile();
  type Target = {
    query: string;
    name: string;
    pid?: number;
    url: string;
    body: string;
    headers: Record<string, string>;
  };
  const targets: Target[] = [];
  const apis = [
    ...(await Promise.all(ctx.baselines.map(async (b) => ({ name: b.label, server: await ctx.api(b) })))),
    { name: 'art30', server: await ctx.api() },
  ];
  for (const { name, server } of apis) {
    const common = { name, pid: server.child.pid, url: `${server.url}/graphql`, headers: art30Headers };
    targets.push({ ...common, query: 'by id', body: byId }, { ...common, query: 'deep', body: deep });
  }
  const pglCommon = { name: 'PostGraphile 5', pid: pgl.child.pid, url: `${pgl.url}/graphql`, headers: pglHeaders };
  targets.push({ ...pglCommon, query: 'by id', body: pglById });
  targets.push({ ...pglCommon, query: 'deep', body: JSON.stringify({ query: POSTGRAPHILE_DEEP_QUERY }) });
  const rawCommon = {
    name: 'raw pg, same SQL as art30',
    pid: raw.child.pid,
    headers: { 'content-type': 'application/json' },
  };
  targets.push({ ...rawCommon, query: 'by id', url: rawById.rawUrl, body: '{}' });
  targets.push({ ...rawCommon, query: 'deep', url: rawDeep.rawUrl, body: '{}' });

  for (const t of targets) await load({ ...t, connections: 4, seconds: 2 }); // warm-up
  const totals = new Map<Target, { server: number; postgres: number; requests: number }>();
  for (let round = 0; round < rounds; round++) {
    for (const t of targets) {
      const [server0, postgres0] = [cpuTicks(t.pid), backendTicks(database)] as const;
      const result = await load({ ...t, connections: 8, seconds });
      const total = totals.get(t) ?? { server: 0, postgres: 0, requests: 0 };
      total.server += cpuTicks(t.pid) - server0;
      total.postgres += backendTicksSince(database, postgres0);
      total.requests += result.requests;
      totals.set(t, total);
    }
  }
  console.log('| query | server | server CPU per request | PostgreSQL CPU per request | requests |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [t, total] of totals) {
    const perRequest = (ticks: number) => `${((ticks * TICK_MS) / total.requests).toFixed(2)} ms`;
    console.log(
      `| ${t.query} | ${t.name} | ${perRequest(total.server)} | ${perRequest(total.postgres)} | ${total.requests} |`,
    );
  }
} finally {
  await ctx.close();
}
