import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type pg from 'pg';
import { countStatements, createTestTenant, ownerClient, startTestApp, type TestTenant } from '#testing';
import { TenantDb } from './tenant-db.js';

const EVENT = `INSERT INTO outbox_events (tenant_id, id, type, payload) VALUES ($1, $2, 'test.opening', '{}')`;
const SETTINGS = `SELECT current_setting('app.tenant_id') AS tenant, current_setting('app.actor_label') AS actor,
  current_setting('app.change_note') AS note, current_setting('app.effective_at') AS effective_at,
  current_setting('transaction_read_only') AS read_only, current_setting('transaction_isolation') AS isolation`;

/** `TenantDb.run` opens its transaction and sets the tenant, actor, note and date in one round trip. */
describe('TenantDb.run opening (real PostgreSQL)', () => {
  let app: INestApplication;
  let db: TenantDb;
  let owner: pg.Client;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    db = app.get(TenantDb);
    owner = await ownerClient();
    a = await createTestTenant(app, 'Opening A');
    b = await createTestTenant(app, 'Opening B');
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  const stored = async (id: string) =>
    (await owner.query(`SELECT 1 FROM outbox_events WHERE tenant_id = $1 AND id = $2`, [a.id, id])).rowCount;

  it('sends START TRANSACTION with every setting in one statement, and the settings hold verbatim', async () => {
    // Quotes, backslashes and SQL in the values: inlined as literals, they must arrive as they were.
    const actor = `O'Brien \\ "admin"'); SELECT set_config('app.tenant_id', '${b.id}', true); --`;
    const note = "line 1\nline 2 \\' \\\\ ''; DROP TABLE tenants; --";
    const effectiveAt = new Date('2024-02-29T12:00:00.000Z');
    let seen: Record<string, string> | undefined;
    const statements = await countStatements(() =>
      db.run(
        a.id,
        async (tx) => {
          [seen] = (await tx.em.query(SETTINGS)) as Array<Record<string, string>>;
        },
        { actor, note, effectiveAt },
      ),
    );
    expect(seen).toEqual({
      tenant: a.id,
      actor,
      note,
      effective_at: effectiveAt.toISOString(),
      read_only: 'off',
      isolation: 'read committed',
    });
    expect(statements[0]).toMatch(/^START TRANSACTION; SELECT set_config\('app\.tenant_id', /);
    expect(statements.slice(1).map((s) => s.split(' ')[0])).toEqual(['SELECT', 'COMMIT']);
  });

  it('opens read-only and snapshot transactions in the same round trip', async () => {
    const statements = await countStatements(async () => {
      const [row] = await db.run(a.id, (tx) => tx.em.query(SETTINGS) as Promise<Array<Record<string, string>>>, {
        readOnly: true,
        snapshot: true,
      });
      expect(row).toMatchObject({ tenant: a.id, read_only: 'on', isolation: 'repeatable read', actor: '' });
    });
    expect(statements[0]).toMatch(/^START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT set_config/);
    await expect(db.run(a.id, (tx) => tx.em.query(EVENT, [a.id, randomUUID()]), { readOnly: true })).rejects.toThrow(
      /read-only transaction/,
    );
  });

  it('sees only its own tenant under row-level security', async () => {
    const members = await db.run(
      b.id,
      async (tx) => (await tx.em.query(`SELECT DISTINCT tenant_id FROM members`)) as Array<{ tenant_id: string }>,
      { actor: 'test' },
    );
    expect(members.map((m) => m.tenant_id)).toEqual([b.id]);
  });

  it('is a transaction TypeORM knows of: a nested transaction is a savepoint, and a failure rolls back all', async () => {
    const id = randomUUID();
    await expect(
      db.run(
        a.id,
        async (tx) => {
          // Were the runner not told, this would START a second time (a no-op) and COMMIT the outer one.
          await tx.em.transaction((inner) => inner.query(EVENT, [a.id, id]));
          throw new Error('after the nested transaction');
        },
        { actor: 'test' },
      ),
    ).rejects.toThrow('after the nested transaction');
    expect(await stored(id)).toBe(0);
    const kept = randomUUID();
    await db.run(a.id, (tx) => tx.em.transaction((inner) => inner.query(EVENT, [a.id, kept])), { actor: 'test' });
    expect(await stored(kept)).toBe(1);
  });

  it('refuses a setting with NUL before sending anything', async () => {
    await expect(db.run(a.id, async () => undefined, { actor: 'x', note: 'nul\u0000' })).rejects.toThrow(/NUL/);
  });

  it('leaves no connection idle in a transaction', async () => {
    const database = (await owner.query<{ db: string }>(`SELECT current_database() AS db`)).rows[0]!.db;
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'`,
      [database],
    );
    expect(rows[0]!.n).toBe(0);
  });
});
