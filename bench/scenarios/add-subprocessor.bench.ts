import pg from 'pg';
import { preparedStatements } from '#database';
import type { BenchContext } from '../lib/bench-context.js';
import { load, type LoadResult } from '../lib/load.js';
import type { RegisterDataset } from '../lib/register-dataset.js';
import { ms, rps, type Scenario } from '../lib/scenario.js';
import { SqlCounter } from '../lib/sql-counter.js';
import { writeLoad, type WriteLoadResult } from '../lib/write-load.js';

/** Issue 6 asks for at least this many additions per second, sustained. */
const TARGET = 300;
const CONNECTIONS = Number(process.env.BENCH_WRITE_CONNECTIONS ?? 16);
/** Sustained means longer than a read phase: 30 s unless BENCH_WRITE_SECONDS says otherwise. */
const SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 30);

export const ADD_SUBPROCESSOR = `mutation Add($input: AnnounceSubprocessorAdditionInput!) {
  announceSubprocessorAddition(input: $input) { id engagementId status }
}`;
/** What every addition sends besides its vendor and purpose: a realistic engagement. */
export const WRITE_ENGAGEMENT = {
  description: 'Added by the write benchmark',
  processingLocations: ['DE', 'IE'],
  accessLocations: ['US'],
  transferMechanism: 'SCC_MODULE_3',
  dataCategoryCodes: ['DC_NAME', 'DC_EMAIL'],
  dpaReference: 'DPA-BENCH',
};

interface Tenant {
  data: RegisterDataset;
  vendorIds: string[];
}

interface Shape {
  name: string;
  tenants: Tenant[];
}

interface Row {
  shape: string;
  server: string;
  result: LoadResult & Partial<Pick<WriteLoadResult, 'timeouts' | 'graphqlErrors' | 'errorSamples'>>;
  /** Writes found complete in the database (change + engagement + history entry + outbox event). */
  verified: number;
  /** Writes that committed (found by their purpose), acknowledged or not (in flight when the clock stopped). */
  committed: number;
  acknowledged: number;
}

/**
 * Issue 6: "add a subprocessor (write + outbox): at least 300 per second sustained". Each request
 * announces the addition of a new subprocessor (a planned engagement, its history entry, the change
 * and its outbox event, one transaction) through the built API over HTTP; every acknowledged write is
 * then looked up in the database. Two shapes: every write into one tenant (the history chain head is
 * a per-tenant lock: these serialise) and writes spread over all tenants. The raw `pg` floor replays
 * art30's own statements for one such request, with fresh ids per replay.
 */
export const addSubprocessor: Scenario = {
  name: 'add-subprocessor',
  summary: 'announce subprocessor additions (write + history + outbox): one tenant vs 100, art30 vs raw pg',
  async run(ctx) {
    const data = await ctx.dataset();
    const owner = new pg.Client({ connectionString: (await ctx.db()).ownerUrl });
    await owner.connect();
    try {
      const all: Tenant[] = [];
      for (const tenant of [data.big, ...data.others]) {
        const vendors = await asTenant(owner, tenant.tenantId, (c) =>
          c.query<{ id: string }>(`SELECT id FROM parties WHERE tenant_id = $1 ORDER BY name`, [tenant.tenantId]),
        );
        all.push({ data: tenant, vendorIds: vendors.rows.map((r) => r.id) });
      }
      const shapes: Shape[] = [
        { name: 'one tenant', tenants: [all[0]!] },
        { name: `${all.length} tenants`, tenants: all },
      ];
      const capture = await captureWrite(ctx, owner, all[0]!, 'statement count');
      const api = await ctx.api();
      const servers = [
        ...(await Promise.all(ctx.baselines.map(async (b) => ({ name: b.label, url: (await ctx.api(b)).url })))),
        { name: 'art30', url: api.url },
      ];
      const rows: Row[] = [];
      let phase = 0;
      for (const shape of shapes) {
        for (const server of servers) {
          const run = (prefix: string, seconds: number, connections: number) =>
            writeLoad({
              url: `${server.url}/graphql`,
              query: ADD_SUBPROCESSOR,
              targets: shape.tenants.map((t) => ({ token: t.data.token, vendorIds: t.vendorIds })),
              engagement: WRITE_ENGAGEMENT,
              purposePrefix: prefix,
              connections,
              seconds,
            });
          await run(`bench warm-up ${phase++}`, 3, 4); // JIT, pools, plan caches
          const prefix = `bench phase ${phase++}`;
          const result = await run(prefix, SECONDS, CONNECTIONS);
          await settle();
          const { acknowledged, ...figures } = result;
          rows.push({
            shape: shape.name,
            server: server.name,
            result: figures,
            ...(await verify(owner, shape.tenants, acknowledged, prefix)),
          });
        }
        rows.push({ shape: shape.name, server: 'raw pg, same SQL as art30', ...(await rawFloor(ctx, owner, shape)) });
      }
      const art30 = (shape: string) => rows.find((r) => r.shape === shape && r.server === 'art30')!;
      return {
        title: 'Add a subprocessor (issue 6)',
        figures: { capture: { total: capture.total, data: capture.data }, rows },
        markdown: `Each request announces the addition of a new subprocessor (\`announceSubprocessorAddition\`: a planned
engagement with 2 locations, an access location, a transfer mechanism and 2 data categories, its hash-chained history
entry, the change and its outbox event, in one transaction), a distinct write each time (vendor and purpose vary per
request; \`bench/scenarios/add-subprocessor.bench.ts\`). Through the built API over HTTP on loopback, autocannon in
its own process, ${CONNECTIONS} connections, ${SECONDS} s per row after a 3 s warm-up; every answer is read (a GraphQL
error inside a 200 counts as failed), and afterwards every acknowledged write is looked up in the database: the
change, its engagement, the engagement's history entry and the outbox event (\`committed\` also counts the writes still in
flight when the clock stopped, answered after it). Shapes: all writes into the large tenant
(${data.big.activities.toLocaleString('en')} activities; one writer at a time extends a tenant's history chain, so
these serialise on its head row) and writes spread round-robin over all ${all.length} tenants. The raw \`pg\` floor
replays, per request, the ${capture.total} statements (${capture.data} carrying data) art30 sent for one addition, with
fresh ids each time (one captured request per tenant in the spread shape).

| shape | server | writes/s | p50 / p99 / max | acknowledged | in the database, complete | committed | errors / non-2xx / GraphQL errors |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map(row).join('\n')}

Target ≥ ${TARGET}/s: one tenant **${rps(art30('one tenant').result.requestsPerSecond)}**, spread over ${all.length} tenants
**${rps(art30(shapes[1]!.name).result.requestsPerSecond)}**. PostGraphile is not compared: an equivalent write
(engagement, change and outbox event in one transaction, with art30's checks) would be a custom SQL function, not
PostGraphile's generated insert.

Statements art30 sends for one addition (authentication included):

| # | statement |
| --- | --- |
${capture.statements.map((s, i) => `| ${i + 1} | \`${oneLine(s.text)}\`${s.commitsAfter ? ' and `COMMIT`, in the same message' : ''} |`).join('\n')}`,
      };
    } finally {
      await owner.end();
    }
  },
};

function row(r: Row): string {
  const x = r.result;
  return `| ${r.shape} | ${r.server} | ${rps(x.requestsPerSecond)} | ${ms(x.latencyMs.p50)} / ${ms(x.latencyMs.p99)} / ${ms(x.latencyMs.max)} | ${r.acknowledged.toLocaleString('en')} | ${r.verified.toLocaleString('en')} | ${r.committed.toLocaleString('en')} | ${x.errors} / ${x.non2xx} / ${x.graphqlErrors ?? '–'} |`;
}

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return (flat.length > 140 ? `${flat.slice(0, 140)}…` : flat).replaceAll('|', '\\|');
}

/** Requests still in flight when autocannon stopped finish before the database is counted. */
const settle = () => new Promise((r) => setTimeout(r, 1500));

/**
 * Runs `work` on the owner's connection in a transaction set to one tenant (RLS binds the owner,
 * unless it is a superuser: the queries name their tenant as well).
 */
async function asTenant<T>(owner: pg.Client, tenantId: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  await owner.query(`BEGIN; SELECT set_config('app.tenant_id', '${tenantId}', true)`);
  try {
    return await work(owner);
  } finally {
    await owner.query('COMMIT');
  }
}

/** How many acknowledged writes are complete in the database, and how many committed in all. */
async function verify(
  owner: pg.Client,
  tenants: Tenant[],
  acknowledged: WriteLoadResult['acknowledged'],
  prefix: string,
) {
  let verified = 0;
  for (let t = 0; t < tenants.length; t++) {
    const mine = acknowledged.filter(([target]) => target === t);
    if (mine.length === 0) continue;
    const found = await asTenant(owner, tenants[t]!.data.tenantId, (c) =>
      c.query<{ complete: number }>(
        `WITH acked AS (SELECT unnest($2::uuid[]) AS change_id, unnest($3::uuid[]) AS engagement_id),
              announced AS (SELECT DISTINCT (payload->'change'->>'id')::uuid AS change_id FROM outbox_events
                             WHERE tenant_id = $1 AND type = 'subprocessor_change.announced')
         SELECT count(*)::int AS complete FROM acked a
           JOIN subprocessor_changes c ON c.tenant_id = $1 AND c.id = a.change_id AND c.engagement_id = a.engagement_id
           JOIN engagements e ON e.tenant_id = $1 AND e.id = a.engagement_id AND e.status = 'planned'
           JOIN announced o ON o.change_id = a.change_id
          WHERE EXISTS (SELECT 1 FROM register_changes h WHERE h.tenant_id = $1 AND h.entity_type = 'engagements'
                           AND h.entity_id = a.engagement_id AND h.op = 'insert')`,
        [tenants[t]!.data.tenantId, mine.map((m) => m[1]), mine.map((m) => m[2])],
      ),
    );
    verified += found.rows[0]!.complete;
  }
  return { verified, committed: await committedWith(owner, `${prefix} %`), acknowledged: acknowledged.length };
}

/** Changes whose purpose is LIKE `pattern`: the owner's relay policy sees every tenant's. */
async function committedWith(owner: pg.Client, pattern: string): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM subprocessor_changes WHERE subject->>'purpose' LIKE $1`,
    [pattern],
  );
  return rows[0]!.n;
}

/**
 * One addition sent to the in-process API while its SQL is recorded; returns the statements and
 * the ids the request created (change, engagement, outbox event), which a replay must renew.
 */
async function captureWrite(ctx: BenchContext, owner: pg.Client, tenant: Tenant, purpose: string) {
  await ctx.inProcessApp();
  const body = JSON.stringify({
    query: ADD_SUBPROCESSOR,
    variables: { input: { engagement: { ...WRITE_ENGAGEMENT, vendorId: tenant.vendorIds[0], purpose } } },
  });
  const counter = new SqlCounter();
  counter.start();
  let answer: { data?: { announceSubprocessorAddition?: { id: string; engagementId: string } } };
  try {
    const res = await fetch(ctx.inProcessUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.data.token}` },
      body,
    });
    answer = (await res.json()) as typeof answer;
  } finally {
    counter.stop();
  }
  const added = answer.data?.announceSubprocessorAddition;
  if (!added) throw new Error(`art30 did not announce the addition: ${JSON.stringify(answer).slice(0, 500)}`);
  const events = await asTenant(owner, tenant.data.tenantId, (c) =>
    c.query<{ id: string }>(`SELECT id FROM outbox_events WHERE tenant_id = $1 AND payload->'change'->>'id' = $2`, [
      tenant.data.tenantId,
      added.id,
    ]),
  );
  return {
    total: counter.total,
    data: counter.data,
    statements: counter.statements,
    perConnection: counter.perConnection(),
    fresh: [added.id, added.engagementId, ...events.rows.map((r) => r.id)],
  };
}

/** The same load against raw `pg` replaying art30's statements: one captured request per tenant of the shape. */
async function rawFloor(ctx: BenchContext, owner: pg.Client, shape: Shape) {
  const prefix = `raw floor ${shape.name}`;
  const variants = [];
  for (const tenant of shape.tenants) {
    const captured = await captureWrite(ctx, owner, tenant, `${prefix} capture`);
    variants.push({ statements: captured.perConnection, fresh: captured.fresh });
  }
  const raw = await ctx.rawPg();
  const name = `add-subprocessor-${shape.tenants.length}`;
  const put = await fetch(`${raw.url}/${name}`, {
    method: 'PUT',
    body: JSON.stringify({ variants, prepared: Object.fromEntries(preparedStatements()) }),
  });
  if (!put.ok) throw new Error('raw pg server refused the write script');
  const target = { url: `${raw.url}/${name}`, body: '{}', headers: { 'content-type': 'application/json' } };
  await load({ ...target, connections: 4, seconds: 3 });
  const before = await committedWith(owner, `${prefix} capture`);
  const result = await load({ ...target, connections: CONNECTIONS, seconds: SECONDS });
  await settle();
  const committed = (await committedWith(owner, `${prefix} capture`)) - before;
  // Raw replays answer rows, not ids: a 2xx is a committed transaction, so the count is the check.
  const acknowledged = result.requests - result.non2xx;
  return { result, verified: Math.min(committed, acknowledged), committed, acknowledged };
}
