import type { INestApplication } from '@nestjs/common';
import { countStatements, createTestTenant, ownerClient, startTestApp, type TestTenant } from '#testing';
import { prepared } from './prepared.js';
import { TenantDb, type TenantTx } from './tenant-db.js';

/** What a statement of a unit of work sees: its connection, its transaction's start, its tenant. */
const WHERE_AM_I = `SELECT pg_backend_pid() AS pid, now()::text AS began, current_setting('app.tenant_id') AS tenant,
  current_setting('transaction_read_only') AS read_only`;
type Here = { pid: number; began: string; tenant: string; read_only: string };
const here = async (tx: TenantTx) => ((await tx.em.query(WHERE_AM_I)) as Here[])[0]!;

/**
 * The request read scope of TenantDb: plain reads of one request share one read-only
 * transaction of one tenant; anything else gets its own, as outside a scope.
 */
describe('TenantDb request scope (real PostgreSQL)', () => {
  let app: INestApplication;
  let db: TenantDb;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    db = app.get(TenantDb);
    a = await createTestTenant(app, 'A');
    b = await createTestTenant(app, 'B');
  });
  afterAll(() => app.close());

  const read = (tenantId: string) => db.run(tenantId, here, { readOnly: true });

  it('runs the plain reads of a scope in one read-only transaction of its tenant, committed at the end', async () => {
    const { result, scope } = db.scope(async () => {
      const [first, second] = await Promise.all([read(a.id), read(a.id)]);
      const third = await read(a.id);
      return [first, second, third];
    });
    const [first, second, third] = await result;
    await scope.end();
    expect(first).toEqual({ ...first, tenant: a.id, read_only: 'on' });
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    // After the end, and outside any scope, each read is its own transaction.
    const again = db.scope(() => read(a.id));
    const later = await again.result;
    await again.scope.end();
    expect(later.began).not.toBe(first.began);
    const [x, y] = [await read(a.id), await read(a.id)];
    expect(x.began).not.toBe(y.began);
    expect(x.read_only).toBe('on');
  });

  it('queues reads that ask at once, so the driver never gets a second query while one runs (pg 9 refuses it)', async () => {
    type Client = { query: (...args: unknown[]) => Promise<unknown> };
    const { result, scope } = db.scope(async () => {
      // The scope's connection, watched: how many queries the driver holds at the same time.
      const client = await db.run(
        a.id,
        async (tx) => (tx.em.queryRunner as unknown as { databaseConnection: Client }).databaseConnection,
        { readOnly: true },
      );
      const query = client.query;
      let running = 0;
      let most = 0;
      client.query = (...args: unknown[]) => {
        most = Math.max(most, ++running);
        return query.apply(client, args).finally(() => running--);
      };
      try {
        const slow = (tx: TenantTx) => tx.em.query(`SELECT pg_sleep(0.02), current_setting('app.tenant_id') AS t`);
        const rows = await Promise.all(Array.from({ length: 4 }, () => db.run(a.id, slow, { readOnly: true })));
        return { rows: rows as Array<Array<{ t: string }>>, most };
      } finally {
        delete (client as Partial<Client>).query; // back to the prototype's (which the statement counter watches)
      }
    });
    const { rows, most } = await result;
    await scope.end();
    expect(rows.map((r) => r[0]!.t)).toEqual([a.id, a.id, a.id, a.id]);
    expect(most).toBe(1);
  });

  it('gives another tenant its own transaction, never the first tenant’s (handing the idle one back first)', async () => {
    const { result, scope } = db.scope(async () => ({
      a: await read(a.id),
      b: await read(b.id),
      a2: await read(a.id),
    }));
    const seen = await result;
    await scope.end();
    expect(seen.a.tenant).toBe(a.id);
    expect(seen.b.tenant).toBe(b.id);
    expect(seen.b.began).not.toBe(seen.a.began);
    expect(seen.a2.tenant).toBe(a.id);
    expect(seen.a2.began).not.toBe(seen.b.began);
  });

  it('refuses writes in the shared transaction and starts afresh after a failed statement', async () => {
    const { result, scope } = db.scope(async () => {
      const before = await read(a.id);
      const write = db.run(
        a.id,
        (tx) => tx.em.query(`UPDATE tenants SET name = 'changed by a read' WHERE id = $1`, [a.id]),
        { readOnly: true },
      );
      await expect(write).rejects.toThrow(/read-only transaction/);
      return { before, after: await read(a.id) };
    });
    const { before, after } = await result;
    await scope.end();
    expect(after.tenant).toBe(a.id);
    expect(after.began).not.toBe(before.began);
    const owner = await ownerClient();
    const name = (await owner.query<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [a.id])).rows[0]!;
    await owner.end();
    expect(name.name).not.toBe('changed by a read');
  });

  it('hands the read connection back before a write, and reads what the write committed', async () => {
    const { result, scope } = db.scope(async () => {
      const before = await read(a.id);
      await db.run(a.id, (tx) => tx.em.query(`UPDATE tenants SET name = 'Renamed A' WHERE id = $1`, [a.id]), {
        actor: 'test',
      });
      const after = await db.run(
        a.id,
        async (tx) => ({
          ...(await here(tx)),
          name: ((await tx.em.query('SELECT name FROM tenants WHERE id = $1', [a.id])) as Array<{ name: string }>)[0]!
            .name,
        }),
        { readOnly: true },
      );
      return { before, after };
    });
    const { before, after } = await result;
    await scope.end();
    expect(after.name).toBe('Renamed A');
    expect(after.began).not.toBe(before.began);
  });

  it('commits the idle read transaction in the opening of a write, on its connection, and opens afresh after', async () => {
    let seen: { before: Here; during: Here; after: Here } | undefined;
    const statements = await countStatements(async () => {
      const { result, scope } = db.scope(async () => {
        const before = await read(a.id);
        const during = await db.run(a.id, here, { actor: 'test' });
        return { before, during, after: await read(a.id) };
      });
      seen = await result;
      await scope.end();
    });
    const { before, during, after } = seen!;
    // One round trip ends the read transaction and starts the write, on the same connection.
    expect(during.pid).toBe(before.pid);
    expect(during.began).not.toBe(before.began);
    expect(during.read_only).toBe('off');
    expect(statements.filter((s) => s.startsWith('COMMIT; START TRANSACTION; SELECT set_config'))).toHaveLength(1);
    expect(statements.filter((s) => s === 'COMMIT')).toHaveLength(2); // the write's, and the new read's at the end
    expect(after).toEqual({ ...after, tenant: a.id, read_only: 'on' });
    expect(after.began).not.toBe(during.began);
  });

  it('never inlines a tenant that is not a UUID (it goes through a bound parameter instead)', async () => {
    const odd = "x', true); SELECT set_config('app.tenant_id', 'y";
    const { result, scope } = db.scope(() => read(odd));
    const seen = await result;
    await scope.end();
    expect(seen.tenant).toBe(odd);
  });

  // Both tenants' members are asked for: RLS answers only the scope's tenant's.
  const tenants = prepared(`SELECT DISTINCT tenant_id AS id FROM members WHERE tenant_id IN ($1::uuid, $2::uuid)`);
  // Fails when both arguments are the same (division by zero at execution, after the PREPARE).
  const failsOnSame = prepared(`SELECT 1 / (CASE WHEN $1::uuid = $2::uuid THEN 0 ELSE 1 END) AS x`);
  const preparedHere = `SELECT name, statement FROM pg_prepared_statements WHERE name = '${tenants.name}'`;

  it('sends the first prepared read of a scope with the opening, in one round trip, under row-level security', async () => {
    let seen: { first: Array<{ id: string }>; second: Here; third: Array<{ id: string }>; held: unknown[] } | undefined;
    const statements = await countStatements(async () => {
      const { result, scope } = db.scope(async () => ({
        first: await db.readPrepared<{ id: string }>(a.id, tenants, [a.id, b.id]),
        second: await read(a.id),
        third: await db.readPrepared<{ id: string }>(a.id, tenants, [b.id, a.id]),
        held: await db.run(a.id, (tx) => tx.em.query(preparedHere), { readOnly: true }),
      }));
      seen = await result;
      await scope.end();
    });
    // The first time on this connection: PREPARE, then EXECUTE with the UUIDs inlined.
    const execute = `EXECUTE ${tenants.name}('${a.id}', '${b.id}')`;
    const opening = `START TRANSACTION READ ONLY; SELECT set_config('app.tenant_id', '${a.id}', true); `;
    expect([`${opening}PREPARE ${tenants.name} AS ${tenants.text}; ${execute}`, `${opening}${execute}`]).toContain(
      statements[0],
    );
    // Later reads of the scope go through the driver's own prepared statement (extended protocol).
    expect(statements.slice(1)).toEqual([WHERE_AM_I.replace(/\s+/g, ' '), tenants.text, preparedHere, 'COMMIT']);
    expect(seen!.first).toEqual([{ id: a.id }]);
    expect(seen!.second).toEqual({ ...seen!.second, tenant: a.id, read_only: 'on' });
    expect(seen!.third).toEqual([{ id: a.id }]);
    // PostgreSQL holds the statement on the connection, for the next request that gets it.
    expect(seen!.held).toEqual([{ name: tenants.name, statement: expect.stringContaining(tenants.text) }]);
    // Outside a scope: a read-only transaction of its own, as run(…, { readOnly: true }).
    expect(await db.readPrepared(b.id, tenants, [a.id, b.id])).toEqual([{ id: b.id }]);
  });

  it('plans a prepared read once per connection: a later scope on the same connection only executes it', async () => {
    const pids = new Set<number>();
    const openings: string[] = [];
    // The pool hands connections back last in, first out: sequential scopes mostly share one.
    for (let i = 0; i < 4; i++) {
      openings.push(
        ...(
          await countStatements(async () => {
            const { result, scope } = db.scope(async () => {
              await db.readPrepared(a.id, tenants, [a.id, b.id]);
              pids.add((await read(a.id)).pid);
            });
            await result;
            await scope.end();
          })
        ).filter((s) => s.startsWith('START TRANSACTION')),
      );
    }
    expect(openings.filter((s) => s.includes('PREPARE')).length).toBeLessThanOrEqual(pids.size);
    expect(openings.filter((s) => !s.includes('PREPARE')).length).toBeGreaterThanOrEqual(4 - pids.size);
  });

  it('refuses to inline an argument that is not a UUID', async () => {
    const hostile = "x'); SELECT set_config('app.tenant_id', 'y";
    const { result, scope } = db.scope(() => db.readPrepared(a.id, tenants, [a.id, hostile]));
    await expect(result).rejects.toThrow(/UUIDs only/);
    await scope.end();
  });

  it('rolls back a scope whose opening read fails, closes a connection whose PREPARE is in doubt, and starts afresh', async () => {
    for (let i = 0; i < 3; i++) {
      // Fails after its PREPARE took effect: pooled again with the statement unrecorded, the next
      // PREPARE on that connection would fail with "already exists".
      const { result, scope } = db.scope(async () => {
        await expect(db.readPrepared(a.id, failsOnSame, [a.id, a.id])).rejects.toThrow(/division by zero/);
        return read(a.id);
      });
      const after = await result;
      await scope.end();
      expect(after).toEqual({ ...after, tenant: a.id, read_only: 'on' });
      const ok = db.scope(() => db.readPrepared<{ x: number }>(a.id, failsOnSame, [a.id, b.id]));
      expect(await ok.result).toEqual([{ x: 1 }]);
      await ok.scope.end();
    }
  });

  it('leaves no connection idle in a transaction once scopes end', async () => {
    const owner = await ownerClient();
    const rows = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    await owner.end();
    expect(rows.rows[0]!.n).toBe(0);
  });
});
