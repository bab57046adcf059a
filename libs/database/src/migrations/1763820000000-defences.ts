import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role.js';
import { makeTenantOwned } from './tenant-owned-table.js';

/**
 * Rate-limit buckets shared by every API process: one row per user or API key, refilled by
 * elapsed time (a token bucket), so N processes allow the configured rate, not N times it.
 */
export class Defences1763820000000 implements MigrationInterface {
  name = 'Defences1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit_buckets (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 100),
        points double precision NOT NULL,
        refilled_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, subject)
      )`);
    await makeTenantOwned(q, 'rate_limit_buckets', ['SELECT', 'INSERT', 'UPDATE']);
    // One call, one round trip, outside any transaction: sets the tenant for its own implicit
    // transaction (RLS still applies), refills, takes `p_cost` when there is enough, and answers
    // 0 (taken) or the seconds until there will be enough. The row lock serialises concurrent
    // callers of one bucket, across processes.
    await q.query(`
      CREATE FUNCTION app_take_rate_points(
        p_tenant uuid, p_subject text, p_cost double precision, p_capacity double precision, p_per_second double precision
      ) RETURNS double precision LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_now timestamptz := clock_timestamp();
        v_points double precision;
        v_refilled timestamptz;
        v_available double precision;
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        INSERT INTO rate_limit_buckets (tenant_id, subject, points, refilled_at)
        VALUES (p_tenant, p_subject, p_capacity, v_now) ON CONFLICT (tenant_id, subject) DO NOTHING;
        SELECT points, refilled_at INTO v_points, v_refilled FROM rate_limit_buckets
         WHERE tenant_id = p_tenant AND subject = p_subject FOR UPDATE;
        v_available := least(p_capacity, v_points + p_per_second * greatest(0, extract(epoch FROM v_now - v_refilled)));
        IF v_available >= p_cost THEN
          UPDATE rate_limit_buckets SET points = v_available - p_cost, refilled_at = v_now
           WHERE tenant_id = p_tenant AND subject = p_subject;
          RETURN 0;
        END IF;
        UPDATE rate_limit_buckets SET points = v_available, refilled_at = v_now
         WHERE tenant_id = p_tenant AND subject = p_subject;
        RETURN (p_cost - v_available) / p_per_second;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION app_take_rate_points FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_take_rate_points TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION app_take_rate_points`);
    await q.query(`DROP TABLE rate_limit_buckets`);
  }
}
