import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { countStatements, createTestTenant, ownerClient, startTestApp, type TestTenant } from '#testing';
import { TenantDb } from './tenant-db.js';

const EVENT = `INSERT INTO outbox_events (tenant_id, id, type, payload) VALUES ($1, $2, 'test.commit_with', '{}')`;

/** `TenantTx.commitWith`: a write transaction's last statement, sent with its COMMIT queued behind it. */
describe('TenantDb commitWith (real PostgreSQL)', () => {
  let app: INestApplication;
  let db: TenantDb;
  let owner: pg.Client;
  let a: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    db = app.get(TenantDb);
    owner = await ownerClient();
    a = await createTestTenant(app, 'Commit');
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  const stored = async (ids: string[]) =>
    (
      await owner.query<{ id: string }>(`SELECT id FROM outbox_events WHERE tenant_id = $1 AND id = ANY ($2)`, [
        a.id,
        ids,
      ])
    ).rows.map((r) => r.id);

  it('commits the work and its last statement together, the COMMIT sent right behind it', async () => {
    const [first, last] = [randomUUID(), randomUUID()];
    const statements = await countStatements(() =>
      db.run(
        a.id,
        async (tx) => {
          await tx.em.query(EVENT, [a.id, first]);
          tx.commitWith!({ sql: EVENT, params: [a.id, last] });
        },
        { actor: 'test' },
      ),
    );
    expect((await stored([first, last])).sort()).toEqual([first, last].sort());
    expect(statements.slice(-2)).toEqual([EVENT, 'COMMIT']);
  });

  it('rolls everything back when the last statement fails, as a QueryFailedError, and leaves the pool clean', async () => {
    const first = randomUUID();
    const failed = db.run(
      a.id,
      async (tx) => {
        await tx.em.query(EVENT, [a.id, first]);
        tx.commitWith!({ sql: EVENT, params: [a.id, first] }); // the same primary key again
      },
      { actor: 'test' },
    );
    await expect(failed).rejects.toBeInstanceOf(QueryFailedError);
    expect(await stored([first])).toEqual([]);
    // Every pooled connection is usable and outside any transaction afterwards.
    const states = await Promise.all(
      Array.from({ length: 12 }, () =>
        db.run(a.id, async (tx) => (await tx.em.query(`SELECT 1 AS one`)) as unknown[], { actor: 'test' }),
      ),
    );
    expect(states).toHaveLength(12);
  });

  it('is offered to write transactions only', async () => {
    expect(await db.run(a.id, async (tx) => tx.commitWith, { readOnly: true })).toBeUndefined();
    expect(typeof (await db.run(a.id, async (tx) => tx.commitWith, { actor: 'test' }))).toBe('function');
  });
});
