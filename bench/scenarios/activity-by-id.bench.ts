import type { BenchContext } from '../lib/bench-context.js';
import { latencySweepTable, ms, rps, type Scenario } from '../lib/scenario.js';
import { load, type LoadResult, steadyLoad } from '../lib/load.js';

export const ACTIVITY_BY_ID_QUERY = `query Activity($id: ID!) {
  activity(id: $id) {
    id name status role department reviewDate dataCategoryCodes
    purposes { description legalBasis }
    retention { dataCategoryCode duration }
  }
}`;

const POSTGRAPHILE_QUERY = `query Activity($tenantId: UUID!, $id: UUID!) {
  activityByTenantIdAndRowId(tenantId: $tenantId, rowId: $id) {
    rowId name status role department reviewDate dataCategoryCodes purposes retention
  }
}`;

/** Offered rates below the target's, for the p99 at each. */
const SWEEP = [100, 250, 500];

/** One activity by id at a steady 1,000 requests/s offered: art30, PostGraphile and raw pg. */
export const activityById: Scenario = {
  name: 'activity-by-id',
  summary: 'one activity by id at 1,000 requests/s offered (p99), with PostGraphile and raw pg alongside',
  async run(ctx: BenchContext) {
    const { big } = await ctx.dataset();
    const id = big.activityIds[0]!;
    const body = JSON.stringify({ query: ACTIVITY_BY_ID_QUERY, variables: { id } });
    const captured = await ctx.replayable('by-id', body, big.token);
    if (!captured.answer.includes(id))
      throw new Error(`art30 did not answer the activity: ${captured.answer.slice(0, 300)}`);
    const api = await ctx.api();
    const pgl = await ctx.postgraphile();
    const pglBody = JSON.stringify({ query: POSTGRAPHILE_QUERY, variables: { tenantId: big.tenantId, id } });
    const pglHeaders = { 'content-type': 'application/json', 'x-tenant-id': big.tenantId };
    const pglAnswer = await (
      await fetch(`${pgl.url}/graphql`, { method: 'POST', headers: pglHeaders, body: pglBody })
    ).text();
    if (!pglAnswer.includes(id))
      throw new Error(`PostGraphile did not answer the activity: ${pglAnswer.slice(0, 300)}`);
    const rate = 1000;
    const targets: Array<{ name: string; url: string; body: string; headers: Record<string, string> }> = [
      ...(await Promise.all(
        ctx.baselines.map(async (b) => ({
          name: b.label,
          url: `${(await ctx.api(b)).url}/graphql`,
          body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${big.token}` },
        })),
      )),
      {
        name: 'art30',
        url: `${api.url}/graphql`,
        body,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${big.token}` },
      },
      { name: 'PostGraphile 5', url: `${pgl.url}/graphql`, body: pglBody, headers: pglHeaders },
      {
        name: 'raw pg, same SQL as art30',
        url: captured.rawUrl,
        body: '{}',
        headers: { 'content-type': 'application/json' },
      },
    ];
    const rows: Array<{ name: string; steady: LoadResult; max: LoadResult; sweep: LoadResult[] }> = [];
    for (const t of targets) {
      await load({ ...t, connections: 8, seconds: 3 });
      const steady = await steadyLoad({ ...t, seconds: ctx.seconds, rate });
      const max = await load({ ...t, connections: 8, seconds: Math.max(3, ctx.seconds / 2) });
      // Below the target rate: where each server's p99 stands when it is not saturated.
      const sweep: LoadResult[] = [];
      for (const lower of SWEEP) {
        sweep.push(await steadyLoad({ ...t, seconds: Math.max(3, ctx.seconds / 2), rate: lower }));
      }
      rows.push({ name: t.name, steady, max, sweep });
      await new Promise((r) => setTimeout(r, 500));
    }
    const table = [
      `| server | served at ${rate}/s offered | p50 / p99 / max | errors / non-2xx | throughput, 8 connections |`,
      '| --- | --- | --- | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${rps(r.steady.requestsPerSecond)} | ${ms(r.steady.latencyMs.p50)} / ${ms(r.steady.latencyMs.p99)} / ${ms(r.steady.latencyMs.max)} | ${r.steady.errors + r.max.errors} / ${r.steady.non2xx + r.max.non2xx} | ${rps(r.max.requestsPerSecond)} |`,
      ),
    ].join('\n');
    return {
      title: 'One activity by id',
      figures: { statements: { total: captured.total, data: captured.data }, rows },
      markdown: `The activity query with its scalar fields and two nested lists, for one id of the large tenant, offered at a steady
${rate.toLocaleString('en')} requests/s for ${ctx.seconds} s (open loop: evenly spaced arrivals, latency from when each request was due, up to
64 connections; \`bench/lib/steady-load-process.ts\`), then flat out with 8 connections (autocannon).
art30 sends ${captured.total} statements for it (${captured.data} carrying data).

${table}

p99 latency at lower steady rates (open loop as above, ${Math.max(3, ctx.seconds / 2)} s each; "served" where a server fell short of the offered rate):

${latencySweepTable(
  rows.map((r) => ({ name: r.name, sweep: [...r.sweep, r.steady] })),
  [...SWEEP, rate],
)}

art30 p99 at ${rate.toLocaleString('en')}/s offered: **${ms(rows.find((r) => r.name === 'art30')!.steady.latencyMs.p99)}** (target < 10 ms).`,
    };
  },
};
