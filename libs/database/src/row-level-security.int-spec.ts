import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ownerClient } from '#testing';
import { APP_ROLE } from './app-role.js';

/**
 * Tenant isolation at the SQL level, independent of the application code: what the app role can
 * see and write with and without a tenant set, and that no tenant-owned table lacks RLS.
 */
describe('row-level security (real PostgreSQL)', () => {
  let owner: pg.Client;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  /** Runs statements as the app role inside one transaction, optionally with a tenant set. */
  async function asApp<T>(tenantId: string | null, work: (c: pg.Client) => Promise<T>): Promise<T> {
    await owner.query('BEGIN');
    try {
      await owner.query(`SET LOCAL ROLE ${APP_ROLE}`);
      if (tenantId) await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      return await work(owner);
    } finally {
      await owner.query('ROLLBACK');
    }
  }

  beforeAll(async () => {
    owner = await ownerClient();
    for (const [id, slug] of [
      [tenantA, `rls-a-${tenantA.slice(0, 6)}`],
      [tenantB, `rls-b-${tenantB.slice(0, 6)}`],
    ] as const) {
      await owner.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $2)`, [id, slug]);
      await owner.query(`INSERT INTO members (tenant_id, email, role) VALUES ($1, $2, 'owner')`, [
        id,
        `o@${slug}.test`,
      ]);
    }
  });

  afterAll(async () => {
    await owner.query(`DELETE FROM tenants WHERE id IN ($1, $2)`, [tenantA, tenantB]);
    await owner.end();
  });

  it('shows the app role no rows at all when no tenant is set', async () => {
    const rows = await asApp(null, (c) => c.query('SELECT count(*)::int AS n FROM members'));
    expect(rows.rows[0].n).toBe(0);
  });

  it('shows a tenant only its own rows', async () => {
    const rows = await asApp(tenantA, (c) => c.query<{ tenant_id: string }>('SELECT tenant_id FROM members'));
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(new Set(rows.rows.map((r) => r.tenant_id))).toEqual(new Set([tenantA]));
  });

  it('refuses to insert a row for another tenant', async () => {
    await expect(
      asApp(tenantA, (c) =>
        c.query(`INSERT INTO members (tenant_id, email, role) VALUES ($1, 'x@y.test', 'viewer')`, [tenantB]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("cannot move a row to another tenant or touch another tenant's rows", async () => {
    const moved = await asApp(tenantA, (c) =>
      c.query(`UPDATE members SET tenant_id = $1 WHERE tenant_id = $2`, [tenantB, tenantA]).catch((e: Error) => e),
    );
    expect(moved).toBeInstanceOf(Error);
    const touched = await asApp(tenantA, (c) =>
      c.query(`UPDATE members SET display_name = 'x' WHERE tenant_id = $1`, [tenantB]),
    );
    expect(touched.rowCount).toBe(0);
  });

  it('enables and forces RLS on every table that has a tenant_id column', async () => {
    const { rows } = await owner.query<{
      table: string;
      enabled: boolean;
      forced: boolean;
      policies: number;
      others: number;
    }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS policies,
             (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid
                AND p.polname <> 'tenant_isolation' AND NOT (p.polname = 'owner_relay' AND p.polroles = ARRAY[c.relowner])) AS others
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows)
      expect(row).toEqual({ table: row.table, enabled: true, forced: true, policies: 1, others: 0 });
  });

  it('puts tenant_id first in the primary key of every tenant-owned table', async () => {
    const { rows } = await owner.query<{ table: string; first: string }>(`
      SELECT c.relname AS table, a.attname AS first
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
       WHERE i.indisprimary AND n.nspname = 'public'
         AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id')`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row).toEqual({ table: row.table, first: 'tenant_id' });
  });

  it('gives the app role no way around RLS: not superuser, no BYPASSRLS, owns nothing', async () => {
    const role = await owner.query(
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`,
      [APP_ROLE],
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await owner.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`,
      [APP_ROLE],
    );
    expect(owned.rows[0].n).toBe(0);
  });

  it('lets the app role read tenants by slug but create only the tenant it is bound to', async () => {
    const other = randomUUID();
    const denied = await asApp(tenantA, (c) =>
      c.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'rls-x', 'x')`, [other]).catch((e: Error) => e),
    );
    expect(String(denied)).toMatch(/row-level security/);
    const visible = await asApp(null, (c) =>
      c.query(`SELECT count(*)::int AS n FROM tenants WHERE id IN ($1, $2)`, [tenantA, tenantB]),
    );
    expect(visible.rows[0].n).toBe(2);
  });
});
