import type { BenchContext } from '../lib/bench-context.js';
import { load, type LoadResult, steadyLoad } from '../lib/load.js';
import { latencySweepTable, ms, rps, type Scenario } from '../lib/scenario.js';

/** A page of 50 activities with every nested list a register view shows. */
export const DEEP_REGISTER_QUERY = `query DeepRegister($after: String) {
  activities(first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name status role department reviewDate
      purposes { description legalBasis legalReference }
      dataCategoryCodes dataSubjectCodes
      controllers { processingCategories party { id name country } }
      recipients { kind name country party { id name country } }
      transfers { country mechanism tiaReference }
      retention { dataCategoryCode duration trigger action }
      engagements { id purpose processingLocations vendor { id name country } }
    } }
  }
}`;

/**
 * The same page on PostGraphile: the scalar columns, the JSON lists (PostGraphile answers a jsonb
 * column whole) and, through computed columns, the parties and engagements with their vendors.
 * Ordered by primary key, so that PostGraphile, like art30, reads the page through an index.
 */
export const POSTGRAPHILE_DEEP_QUERY = `query DeepRegister {
  allActivities(first: 50, orderBy: PRIMARY_KEY_ASC) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      rowId name status role department reviewDate
      purposes dataCategoryCodes dataSubjectCodes
      controllers recipients transfers retention
      controllerParties { nodes { rowId name country } }
      recipientParties { nodes { rowId name country } }
      engagementList { nodes { rowId purpose processingLocations partyByTenantIdAndVendorId { rowId name country } } }
    } }
  }
}`;

interface Target {
  name: string;
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** Offered rates below the target's, for the p99 at each. */
const SWEEP = [25, 50, 100];

/** Throughput with 8 connections, then latency at a steady 500 requests/s, for every target. */
export async function compare(ctx: BenchContext, targets: Target[], rate: number, sweepRates: number[] = []) {
  const rows: Array<{ name: string; max: LoadResult; steady: LoadResult; sweep: LoadResult[] }> = [];
  for (const t of targets) {
    await load({ ...t, connections: 4, seconds: 3 }); // warm-up (JIT, pools, plan caches)
    const max = await load({ ...t, connections: 8, seconds: ctx.seconds });
    const steady = await steadyLoad({ ...t, seconds: ctx.seconds, rate });
    // Below the target rate: where each server's p99 stands when it is not saturated.
    const sweep: LoadResult[] = [];
    for (const lower of sweepRates) {
      sweep.push(await steadyLoad({ ...t, seconds: Math.max(3, ctx.seconds / 2), rate: lower }));
    }
    rows.push({ name: t.name, max, steady, sweep });
    await new Promise((r) => setTimeout(r, 1000)); // let requests still in flight finish
  }
  return rows;
}

export function comparisonTable(rows: Awaited<ReturnType<typeof compare>>, rate: number, seconds: number): string {
  const lines = [
    `| server | throughput, 8 connections, ${seconds} s | p50 / p99 at that throughput | served at ${rate}/s offered | p50 / p99 at ${rate}/s | errors / non-2xx |`,
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${rps(r.max.requestsPerSecond)} | ${ms(r.max.latencyMs.p50)} / ${ms(r.max.latencyMs.p99)} | ${rps(r.steady.requestsPerSecond)} | ${ms(r.steady.latencyMs.p50)} / ${ms(r.steady.latencyMs.p99)} | ${r.max.errors + r.steady.errors} / ${r.max.non2xx + r.steady.non2xx} |`,
    );
  }
  return lines.join('\n');
}

function check(
  name: string,
  answer: string,
  expectedTotal: number,
  total: (data: never) => unknown,
  edges: (data: never) => unknown[],
) {
  const parsed = JSON.parse(answer) as { data?: never; errors?: unknown };
  if (parsed.errors || !parsed.data || total(parsed.data) !== expectedTotal || edges(parsed.data).length !== 50) {
    throw new Error(`${name} did not answer the deep query as expected: ${answer.slice(0, 500)}`);
  }
}

export const deepRegisterQuery: Scenario = {
  name: 'deep-register-query',
  summary: 'a page of 50 activities with nested lists: art30 vs PostGraphile vs raw pg (same SQL)',
  async run(ctx) {
    const data = await ctx.dataset();
    const { big } = data;
    const body = JSON.stringify({ query: DEEP_REGISTER_QUERY });
    const captured = await ctx.replayable('deep', body, big.token);
    type Art30 = { activities: { totalCount: number; edges: unknown[] } };
    check(
      'art30',
      captured.answer,
      big.activities,
      (d: Art30) => d.activities.totalCount,
      (d: Art30) => d.activities.edges,
    );

    const api = await ctx.api();
    const art30Headers = { 'content-type': 'application/json', authorization: `Bearer ${big.token}` };
    const postgraphile = await ctx.postgraphile();
    const pglBody = JSON.stringify({ query: POSTGRAPHILE_DEEP_QUERY });
    const pglHeaders = { 'content-type': 'application/json', 'x-tenant-id': big.tenantId };
    const pglAnswer = await (
      await fetch(`${postgraphile.url}/graphql`, { method: 'POST', headers: pglHeaders, body: pglBody })
    ).text();
    type Pgl = { allActivities: { totalCount: number; edges: unknown[] } };
    check(
      'PostGraphile',
      pglAnswer,
      big.activities,
      (d: Pgl) => d.allActivities.totalCount,
      (d: Pgl) => d.allActivities.edges,
    );

    const rate = 500;
    const rows = await compare(
      ctx,
      [
        ...(await Promise.all(
          ctx.baselines.map(async (b) => ({
            name: b.label,
            url: `${(await ctx.api(b)).url}/graphql`,
            body,
            headers: art30Headers,
          })),
        )),
        { name: 'art30', url: `${api.url}/graphql`, body, headers: art30Headers },
        { name: 'PostGraphile 5', url: `${postgraphile.url}/graphql`, body: pglBody, headers: pglHeaders },
        {
          name: 'raw pg, same SQL as art30',
          url: captured.rawUrl,
          body: '{}',
          headers: { 'content-type': 'application/json' },
        },
      ],
      rate,
      SWEEP,
    );
    const art30 = rows.find((r) => r.name === 'art30')!;
    const pgl = rows.find((r) => r.name === 'PostGraphile 5')!;
    const ratio = art30.max.requestsPerSecond / pgl.max.requestsPerSecond;
    return {
      title: 'Deep register query',
      figures: {
        statements: { total: captured.total, data: captured.data },
        rows,
        responseBytes: captured.answer.length,
      },
      markdown: `Dataset: ${data.tenants} tenants, ${data.activitiesInAll.toLocaleString('en')} activities in all; the queried tenant has
${big.activities.toLocaleString('en')} activities (3 purposes, 2 controllers, 3 recipients, 1 transfer, 2 retention rules
and 3 engagements each, over 50 parties and 20 engagements); generated in ${(data.generatedInMs / 1000).toFixed(0)} s.
Query: a page of 50 activities with all those nested lists and the parties and vendors behind them
(\`bench/scenarios/deep-register-query.bench.ts\`; art30 answers ${(captured.answer.length / 1024).toFixed(0)} KiB).
Each server runs in its own process on loopback, the load generators (autocannon flat out, an open-loop generator at steady rates) in another; PostGraphile logs in as the same app role with
\`app.tenant_id\` set per transaction through pgSettings (row-level security applies alike); the raw \`pg\` server replays,
per request, the ${captured.total} statements art30 sent for one such request.

${comparisonTable(rows, rate, ctx.seconds)}

p99 latency at steady offered rates (open loop: requests arrive evenly spaced, latency counted from when each was
due, up to 64 connections; ${Math.max(3, ctx.seconds / 2)} s each, ${ctx.seconds} s at ${rate}/s; "served" where a server fell short of the offered rate):

${latencySweepTable(
  rows.map((r) => ({ name: r.name, sweep: [...r.sweep, r.steady] })),
  [...SWEEP, rate],
)}

art30 / PostGraphile throughput: **${ratio.toFixed(2)}** (target ≥ 1). art30 p99 at ${rate}/s offered:
**${ms(art30.steady.latencyMs.p99)}** (target < 50 ms).`,
    };
  },
};
