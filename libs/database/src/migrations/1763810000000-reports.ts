import type { MigrationInterface, QueryRunner } from 'typeorm';
import { makeTenantOwned } from './tenant-owned-table.js';

/**
 * Exports of the register, recorded in the register's own hash chain. An export is a row of
 * `register_exports`, and the history trigger of the register (`register_record_change()`) writes
 * its entry like any register change: same chain, same lock on the head, same digest, so the
 * existing verifier checks exports with no new code and nobody can export unrecorded or remove an
 * export from the record without breaking the chain. The app role may insert and read, never
 * update or delete: the record is append-only.
 */
export class Reports1763810000000 implements MigrationInterface {
  name = 'Reports1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE register_exports (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        format text NOT NULL CHECK (format IN ('csv', 'xlsx', 'pdf', 'json')),
        layout text NOT NULL CHECK (layout IN ('art30', 'ico', 'cnil')),
        locale text NOT NULL CHECK (locale IN ('nl', 'en')),
        channel text NOT NULL CHECK (channel IN ('graphql', 'http', 'cli')),
        as_of timestamptz NOT NULL,
        generated_at timestamptz NOT NULL,
        chain_length bigint NOT NULL,
        chain_head_hash text,
        files jsonb NOT NULL CHECK (jsonb_typeof(files) = 'array'),
        PRIMARY KEY (tenant_id, id)
      )`);
    await makeTenantOwned(q, 'register_exports', ['SELECT', 'INSERT']);
    await q.query(`
      CREATE TRIGGER register_exports_history AFTER INSERT OR UPDATE OR DELETE ON register_exports
      FOR EACH ROW EXECUTE FUNCTION register_record_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE register_exports`);
  }
}
