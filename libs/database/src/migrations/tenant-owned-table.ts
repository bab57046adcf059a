import type { QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role.js';

/**
 * Makes a table tenant-owned: row-level security enabled AND forced (so the owner is bound too),
 * one policy that admits only rows of the tenant set for the current transaction, and the app
 * role's grants. Every migration that creates a table with `tenant_id` calls this; a test checks
 * that none was missed.
 */
export async function makeTenantOwned(
  queryRunner: QueryRunner,
  table: string,
  grants: ReadonlyArray<'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE'>,
): Promise<void> {
  await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(
    `CREATE POLICY tenant_isolation ON ${table}
       USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())`,
  );
  await queryRunner.query(`GRANT ${grants.join(', ')} ON ${table} TO ${APP_ROLE}`);
}
