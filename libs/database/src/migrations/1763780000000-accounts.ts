import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role.js';
import { makeTenantOwned } from './tenant-owned-table.js';

const ROLES = `('owner', 'admin', 'editor', 'viewer', 'auditor')`;

/** Tenants, their members, sessions and API keys. */
export class Accounts1763780000000 implements MigrationInterface {
  name = 'Accounts1763780000000';

  async up(q: QueryRunner): Promise<void> {
    // The tenant of the current transaction; NULLIF because a pooled connection that once had the
    // setting reads '' afterwards, and NULL matches no row: no tenant set, nothing visible.
    await q.query(`
      CREATE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_current_tenant() TO ${APP_ROLE}`);

    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        default_locale text NOT NULL DEFAULT 'nl' CHECK (default_locale IN ('nl', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A tenant's slug, name and locale are public (sign-in, public pages); only the tenant itself
    // may create or change its row.
    await q.query(`ALTER TABLE tenants ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE tenants FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenants_public_read ON tenants FOR SELECT USING (true)`);
    await q.query(`CREATE POLICY tenants_own_insert ON tenants FOR INSERT WITH CHECK (id = app_current_tenant())`);
    await q.query(
      `CREATE POLICY tenants_own_update ON tenants FOR UPDATE
         USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant())`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE (name, default_locale, updated_at) ON tenants TO ${APP_ROLE}`);

    await q.query(`
      CREATE TABLE members (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        display_name text NOT NULL DEFAULT '' CHECK (length(display_name) <= 200),
        role text NOT NULL CHECK (role IN ${ROLES}),
        password_hash text,
        access_expires_at timestamptz,
        invitation_token_hash bytea,
        invitation_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX members_tenant_email_unique ON members (tenant_id, lower(email))`);
    await makeTenantOwned(q, 'members', ['SELECT', 'INSERT', 'UPDATE']);

    await q.query(`
      CREATE TABLE sessions (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX sessions_member ON sessions (tenant_id, member_id)`);
    await makeTenantOwned(q, 'sessions', ['SELECT', 'INSERT', 'UPDATE']);

    await q.query(`
      CREATE TABLE api_keys (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ${ROLES} AND role <> 'owner'),
        secret_hash bytea NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);
    await makeTenantOwned(q, 'api_keys', ['SELECT', 'INSERT', 'UPDATE']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys, sessions, members, tenants`);
    await q.query(`DROP FUNCTION app_current_tenant()`);
  }
}
