import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role.js';
import { makeTenantOwned } from './tenant-owned-table.js';

/**
 * Announced subprocessor changes (Art. 28(2)), the customers told about them, and the outbox that
 * makes sure they are told.
 *
 * The change and its outbox event commit in one transaction (the app writes both under RLS). The
 * worker finds work across tenants only through three SECURITY DEFINER claim functions that hand
 * out leases and return ids, nothing else; everything it then reads or writes happens in a
 * tenant transaction like any request. A lease that runs out (a killed worker) makes the row
 * claimable again, so delivery is at least once, and the delivery id is the idempotency key.
 */
export class Notifications1763800000000 implements MigrationInterface {
  name = 'Notifications1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants
      ADD COLUMN notice_period_days integer NOT NULL DEFAULT 30 CHECK (notice_period_days BETWEEN 0 AND 365)`);
    await q.query(`GRANT UPDATE (notice_period_days) ON tenants TO ${APP_ROLE}`);

    // A customer's API key: may manage its own webhook endpoints and object on behalf of its party.
    for (const table of ['members', 'api_keys']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_role_check`);
    }
    await q.query(`ALTER TABLE members ADD CONSTRAINT members_role_check
      CHECK (role IN ('owner', 'admin', 'editor', 'viewer', 'auditor'))`);
    await q.query(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check
      CHECK (role IN ('admin', 'editor', 'viewer', 'auditor', 'customer'))`);
    await q.query(`ALTER TABLE api_keys ADD COLUMN party_id uuid,
      ADD CONSTRAINT api_keys_customer_party CHECK ((role = 'customer') = (party_id IS NOT NULL))`);

    const tenantColumns = `
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),`;

    await q.query(`
      CREATE TABLE subprocessor_changes (${tenantColumns}
        kind text NOT NULL CHECK (kind IN ('added', 'changed', 'replaced', 'removed')),
        engagement_id uuid NOT NULL,
        replaced_engagement_id uuid,
        proposed jsonb CHECK (proposed IS NULL OR jsonb_typeof(proposed) = 'object'),
        diff jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(diff) = 'array'),
        subject jsonb NOT NULL CHECK (jsonb_typeof(subject) = 'object'),
        product_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('announced', 'awaiting_approval', 'effective', 'withdrawn', 'rejected')),
        note text CHECK (length(note) <= 2000),
        urgent_reason text CHECK (length(urgent_reason) <= 2000),
        notice_period_days integer NOT NULL CHECK (notice_period_days BETWEEN 0 AND 365),
        announced_at timestamptz NOT NULL,
        effective_at timestamptz NOT NULL,
        objection_deadline timestamptz NOT NULL,
        effected_at timestamptz,
        withdrawn_at timestamptz,
        withdrawal_reason text CHECK (length(withdrawal_reason) <= 2000),
        created_by text NOT NULL,
        lease_until timestamptz,
        PRIMARY KEY (tenant_id, id),
        -- An urgent change takes effect at once; objections stay open for the notice period after it.
        CHECK (objection_deadline <= effective_at OR urgent_reason IS NOT NULL),
        CHECK ((kind = 'replaced') = (replaced_engagement_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX subprocessor_changes_due ON subprocessor_changes (effective_at)
      WHERE status = 'announced'`);
    await q.query(`CREATE INDEX subprocessor_changes_engagement ON subprocessor_changes (tenant_id, engagement_id)`);
    await makeTenantOwned(q, 'subprocessor_changes', ['SELECT', 'INSERT', 'UPDATE']);

    await q.query(`
      CREATE TABLE change_approvals (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        change_id uuid NOT NULL,
        party_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_at timestamptz,
        decided_by text,
        note text CHECK (length(note) <= 2000),
        PRIMARY KEY (tenant_id, change_id, party_id),
        FOREIGN KEY (tenant_id, change_id) REFERENCES subprocessor_changes (tenant_id, id) ON DELETE CASCADE
      )`);
    await makeTenantOwned(q, 'change_approvals', ['SELECT', 'INSERT', 'UPDATE']);

    await q.query(`
      CREATE TABLE subscribers (${tenantColumns}
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
        product_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
        confirmation_token_hash bytea,
        confirmation_expires_at timestamptz,
        requested_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        consent_text_version text,
        consent_ip text CHECK (length(consent_ip) <= 64),
        consent_user_agent text CHECK (length(consent_user_agent) <= 500),
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX subscribers_tenant_email ON subscribers (tenant_id, lower(email))`);
    await makeTenantOwned(q, 'subscribers', ['SELECT', 'INSERT', 'UPDATE']);

    await q.query(`
      CREATE TABLE webhook_endpoints (${tenantColumns}
        url text NOT NULL CHECK (length(url) <= 2000),
        description text CHECK (length(description) <= 500),
        product_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        disabled_reason text,
        secret_ciphertext bytea NOT NULL,
        previous_secret_ciphertext bytea,
        previous_secret_expires_at timestamptz,
        api_key_id uuid,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await makeTenantOwned(q, 'webhook_endpoints', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

    await q.query(`
      CREATE TABLE objections (${tenantColumns}
        change_id uuid NOT NULL,
        subscriber_id uuid,
        party_id uuid,
        channel text NOT NULL CHECK (channel IN ('link', 'api')),
        name text CHECK (length(name) <= 200),
        email text CHECK (length(email) <= 254),
        organisation text CHECK (length(organisation) <= 300),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 5000),
        status text NOT NULL DEFAULT 'received'
          CHECK (status IN ('received', 'under_review', 'resolved', 'contract_terminated')),
        resolution text CHECK (length(resolution) <= 5000),
        received_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, change_id) REFERENCES subprocessor_changes (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX objections_change ON objections (tenant_id, change_id)`);
    await makeTenantOwned(q, 'objections', ['SELECT', 'INSERT', 'UPDATE']);

    await q.query(`
      CREATE TABLE outbox_events (${tenantColumns}
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        fanned_out_at timestamptz,
        lease_until timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX outbox_events_pending ON outbox_events (created_at) WHERE fanned_out_at IS NULL`);
    await makeTenantOwned(q, 'outbox_events', ['SELECT', 'INSERT', 'UPDATE']);

    await q.query(`
      CREATE TABLE deliveries (${tenantColumns}
        event_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        target_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        delivered_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, event_id, channel, target_id),
        FOREIGN KEY (tenant_id, event_id) REFERENCES outbox_events (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending'`);
    await makeTenantOwned(q, 'deliveries', ['SELECT', 'INSERT', 'UPDATE']);

    await q.query(`
      CREATE TABLE delivery_attempts (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        delivery_id uuid NOT NULL,
        attempt integer NOT NULL,
        worker text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        outcome text NOT NULL DEFAULT 'in_flight'
          CHECK (outcome IN ('in_flight', 'delivered', 'retry', 'gone', 'dead')),
        response_code integer,
        latency_ms integer,
        error text,
        PRIMARY KEY (tenant_id, delivery_id, attempt),
        FOREIGN KEY (tenant_id, delivery_id) REFERENCES deliveries (tenant_id, id) ON DELETE CASCADE
      )`);
    await makeTenantOwned(q, 'delivery_attempts', ['SELECT', 'INSERT', 'UPDATE']);

    // The claim functions run as the owner, which FORCE'd RLS binds too: a second policy lets the
    // owner (only) see every tenant's queue rows. The app role never gets it.
    for (const table of ['subprocessor_changes', 'outbox_events', 'deliveries', 'delivery_attempts']) {
      await q.query(`CREATE POLICY owner_relay ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }

    await q.query(`
      CREATE FUNCTION claim_outbox_events(batch integer, lease_seconds integer)
      RETURNS TABLE (tenant_id uuid, id uuid) LANGUAGE sql SECURITY DEFINER
      SET search_path = public, pg_temp AS $$
        UPDATE outbox_events e SET lease_until = now() + make_interval(secs => lease_seconds)
          FROM (SELECT o.tenant_id, o.id FROM outbox_events o
                 WHERE o.fanned_out_at IS NULL AND (o.lease_until IS NULL OR o.lease_until < now())
                 ORDER BY o.created_at LIMIT batch FOR UPDATE SKIP LOCKED) due
         WHERE e.tenant_id = due.tenant_id AND e.id = due.id
        RETURNING e.tenant_id, e.id
      $$`);

    // Every claim starts an attempt row, so an attempt cut off by a killed worker stays in the
    // log as in_flight rather than vanishing.
    await q.query(`
      CREATE FUNCTION claim_deliveries(batch integer, lease_seconds integer, worker_name text)
      RETURNS TABLE (tenant_id uuid, id uuid, attempt integer) LANGUAGE sql SECURITY DEFINER
      SET search_path = public, pg_temp AS $$
        WITH claimed AS (
          UPDATE deliveries d SET lease_until = now() + make_interval(secs => lease_seconds), attempts = d.attempts + 1
            FROM (SELECT x.tenant_id, x.id FROM deliveries x
                   WHERE x.status = 'pending' AND x.next_attempt_at <= now()
                     AND (x.lease_until IS NULL OR x.lease_until < now())
                   ORDER BY x.next_attempt_at LIMIT batch FOR UPDATE SKIP LOCKED) due
           WHERE d.tenant_id = due.tenant_id AND d.id = due.id
          RETURNING d.tenant_id, d.id, d.attempts
        ), logged AS (
          INSERT INTO delivery_attempts (tenant_id, delivery_id, attempt, worker)
          SELECT c.tenant_id, c.id, c.attempts, worker_name FROM claimed c
          ON CONFLICT DO NOTHING
        )
        SELECT c.tenant_id, c.id, c.attempts FROM claimed c
      $$`);

    await q.query(`
      CREATE FUNCTION claim_due_changes(batch integer, lease_seconds integer)
      RETURNS TABLE (tenant_id uuid, id uuid) LANGUAGE sql SECURITY DEFINER
      SET search_path = public, pg_temp AS $$
        UPDATE subprocessor_changes c SET lease_until = now() + make_interval(secs => lease_seconds)
          FROM (SELECT s.tenant_id, s.id FROM subprocessor_changes s
                 WHERE s.status = 'announced' AND s.effective_at <= now()
                   AND (s.lease_until IS NULL OR s.lease_until < now())
                 ORDER BY s.effective_at LIMIT batch FOR UPDATE SKIP LOCKED) due
         WHERE c.tenant_id = due.tenant_id AND c.id = due.id
        RETURNING c.tenant_id, c.id
      $$`);

    for (const fn of [
      'claim_outbox_events(integer, integer)',
      'claim_deliveries(integer, integer, text)',
      'claim_due_changes(integer, integer)',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION claim_due_changes(integer, integer)`);
    await q.query(`DROP FUNCTION claim_deliveries(integer, integer, text)`);
    await q.query(`DROP FUNCTION claim_outbox_events(integer, integer)`);
    await q.query(`DROP TABLE delivery_attempts, deliveries, outbox_events, objections, webhook_endpoints,
      subscribers, change_approvals, subprocessor_changes`);
    await q.query(`ALTER TABLE api_keys DROP COLUMN party_id`);
    await q.query(`ALTER TABLE tenants DROP COLUMN notice_period_days`);
  }
}
