import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role.js';
import { makeTenantOwned } from './tenant-owned-table.js';

/**
 * The Art. 30 register. Each table is one aggregate: an activity carries its purposes,
 * controllers, recipients, transfers and retention rules as jsonb value lists, so one row is one
 * consistent record and one history entry says everything that changed in it.
 *
 * History is written by a trigger, not by the application: no code path (not even raw SQL as the
 * app role) can change the register without a hash-chained entry. The app role may only read the
 * history; the trigger function runs as the owner (SECURITY DEFINER).
 */
export class Register1763790000000 implements MigrationInterface {
  name = 'Register1763790000000';

  async up(q: QueryRunner): Promise<void> {
    const common = `
        external_key text CHECK (length(external_key) <= 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)`;
    const tenantColumns = `
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),`;

    await q.query(`
      CREATE TABLE parties (${tenantColumns}
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        roles text[] NOT NULL DEFAULT '{}',
        legal_form text, registration_number text,
        street text, postal_code text, city text,
        country text CHECK (country ~ '^[A-Z]{2,3}$'),
        contact_name text, contact_email text, contact_phone text,
        dpo_name text, dpo_email text, dpo_phone text,
        website text,
        is_public_authority boolean NOT NULL DEFAULT false,
        staff_count integer CHECK (staff_count >= 0),
        certifications jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(certifications) = 'array'),
        description text,${common}
      )`);

    await q.query(`
      CREATE TABLE products (${tenantColumns}
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text,
        website text,${common}
      )`);

    await q.query(`
      CREATE TABLE data_categories (${tenantColumns}
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,60}$'),
        label_nl text NOT NULL, label_en text NOT NULL,
        special boolean NOT NULL DEFAULT false,
        criminal boolean NOT NULL DEFAULT false,
        description text,${common}
      )`);
    await q.query(`CREATE UNIQUE INDEX data_categories_code ON data_categories (tenant_id, code)`);

    await q.query(`
      CREATE TABLE activities (${tenantColumns}
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        description text,
        department text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'retired')),
        role text NOT NULL CHECK (role IN ('controller', 'joint_controller', 'processor')),
        review_date date,
        started_on date,
        product_ids uuid[] NOT NULL DEFAULT '{}',
        joint_controller_ids uuid[] NOT NULL DEFAULT '{}',
        engagement_ids uuid[] NOT NULL DEFAULT '{}',
        controllers jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(controllers) = 'array'),
        purposes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(purposes) = 'array'),
        data_subject_codes text[] NOT NULL DEFAULT '{}',
        data_category_codes text[] NOT NULL DEFAULT '{}',
        art9_conditions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(art9_conditions) = 'array'),
        art10_basis jsonb CHECK (art10_basis IS NULL OR jsonb_typeof(art10_basis) = 'object'),
        sources text[] NOT NULL DEFAULT '{}',
        source_description text,
        recipients jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(recipients) = 'array'),
        transfers jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(transfers) = 'array'),
        retention jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(retention) = 'array'),
        automated_decision jsonb CHECK (automated_decision IS NULL OR jsonb_typeof(automated_decision) = 'object'),
        dpia jsonb CHECK (dpia IS NULL OR jsonb_typeof(dpia) = 'object'),
        tom_codes text[] NOT NULL DEFAULT '{}',
        security_description text,
        information_society_service boolean,
        likely_risk boolean,
        occasional boolean,${common}
      )`);
    await q.query(`CREATE INDEX activities_name ON activities (tenant_id, lower(name), id)`);

    await q.query(`
      CREATE TABLE engagements (${tenantColumns}
        vendor_id uuid NOT NULL,
        parent_engagement_id uuid,
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 1000),
        description text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'ended')),
        product_ids uuid[] NOT NULL DEFAULT '{}',
        data_category_codes text[] NOT NULL DEFAULT '{}',
        processing_locations text[] NOT NULL DEFAULT '{}',
        access_locations text[] NOT NULL DEFAULT '{}',
        transfer_mechanism text,
        tia_reference text,
        tia_review_date date,
        supplementary_measures text,
        dpa_signed_on date,
        dpa_reference text,
        started_on date,
        ended_on date,${common},
        FOREIGN KEY (tenant_id, vendor_id) REFERENCES parties (tenant_id, id),
        FOREIGN KEY (tenant_id, parent_engagement_id) REFERENCES engagements (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX engagements_vendor ON engagements (tenant_id, vendor_id)`);

    await q.query(`
      CREATE TABLE cookies (${tenantColumns}
        product_id uuid,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        purpose text,
        category text NOT NULL CHECK (category IN ('strictly_necessary', 'functional', 'analytics', 'marketing')),
        party text NOT NULL CHECK (party IN ('first', 'third')),
        provider text,
        lifetime text,
        description text,${common},
        FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id)
      )`);

    for (const table of ['parties', 'products', 'data_categories', 'activities', 'engagements', 'cookies']) {
      await makeTenantOwned(q, table, ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
    }
    for (const table of ['parties', 'products']) {
      await q.query(
        `CREATE UNIQUE INDEX ${table}_external_key ON ${table} (tenant_id, external_key) WHERE external_key IS NOT NULL`,
      );
    }
    for (const table of ['activities', 'engagements', 'cookies', 'data_categories']) {
      await q.query(
        `CREATE UNIQUE INDEX ${table}_external_key ON ${table} (tenant_id, external_key) WHERE external_key IS NOT NULL`,
      );
    }

    await this.history(q);
    for (const table of ['parties', 'products', 'data_categories', 'activities', 'engagements', 'cookies']) {
      await q.query(`
        CREATE TRIGGER ${table}_history AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION register_record_change()`);
    }
  }

  /** The append-only, per-tenant hash-chained change log and the trigger that writes it. */
  private async history(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE register_changes_seq`);
    await q.query(`
      CREATE TABLE register_changes (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        tx_id bigint NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        before jsonb,
        after jsonb,
        actor_label text NOT NULL,
        note text,
        recorded_at timestamptz NOT NULL,
        effective_at timestamptz NOT NULL,
        prev_hash bytea,
        hash bytea NOT NULL,
        PRIMARY KEY (tenant_id, seq)
      )`);
    await q.query(
      `CREATE INDEX register_changes_entity ON register_changes (tenant_id, entity_type, entity_id, effective_at DESC, seq DESC)`,
    );
    await q.query(
      `CREATE INDEX register_changes_effective ON register_changes (tenant_id, effective_at DESC, seq DESC)`,
    );
    await q.query(`
      CREATE TABLE register_chain_heads (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        length bigint NOT NULL DEFAULT 0,
        last_seq bigint,
        head_hash bytea
      )`);
    await makeTenantOwned(q, 'register_changes', ['SELECT']);
    await makeTenantOwned(q, 'register_chain_heads', ['SELECT']);

    // The text an entry's hash covers. The verifier (history-verifier.ts) builds the same text
    // from the stored columns; timestamps are rendered in UTC so the session time zone is moot.
    await q.query(`
      CREATE FUNCTION register_change_digest_text(
        prev_hash bytea, tenant_id uuid, seq bigint, entity_type text, entity_id uuid, op text,
        actor_label text, note text, recorded_at timestamptz, effective_at timestamptz, before jsonb, after jsonb
      ) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT concat_ws('|', coalesce(encode(prev_hash, 'hex'), ''), tenant_id::text, seq::text, entity_type,
          entity_id::text, op, actor_label, coalesce(note, ''),
          to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          to_char(effective_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(before::text, ''), coalesce(after::text, ''))
      $$`);

    await q.query(`
      CREATE FUNCTION register_record_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = public, pg_temp AS $$
      DECLARE
        v_tenant uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
        v_entity uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
        v_actor text := NULLIF(current_setting('app.actor_label', true), '');
        v_note text := NULLIF(current_setting('app.change_note', true), '');
        v_effective timestamptz := COALESCE(NULLIF(current_setting('app.effective_at', true), '')::timestamptz, now());
        v_recorded timestamptz := clock_timestamp();
        v_before jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
        v_after jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
        v_prev bytea;
        v_seq bigint;
        v_hash bytea;
      BEGIN
        IF v_actor IS NULL THEN
          RAISE EXCEPTION 'register changes must name their actor (app.actor_label)' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'UPDATE' AND (v_before - 'updated_at') = (v_after - 'updated_at') THEN
          RETURN NULL; -- nothing changed but the timestamp: not history
        END IF;
        INSERT INTO register_chain_heads (tenant_id) VALUES (v_tenant) ON CONFLICT (tenant_id) DO NOTHING;
        -- One writer per tenant at a time extends the chain: the head row is the lock.
        SELECT head_hash INTO v_prev FROM register_chain_heads WHERE tenant_id = v_tenant FOR UPDATE;
        v_seq := nextval('register_changes_seq');
        v_hash := sha256(convert_to(register_change_digest_text(v_prev, v_tenant, v_seq, TG_TABLE_NAME, v_entity,
          lower(TG_OP), v_actor, v_note, v_recorded, v_effective, v_before, v_after), 'UTF8'));
        INSERT INTO register_changes (tenant_id, seq, tx_id, entity_type, entity_id, op, before, after, actor_label,
          note, recorded_at, effective_at, prev_hash, hash)
        VALUES (v_tenant, v_seq, txid_current(), TG_TABLE_NAME, v_entity, lower(TG_OP), v_before, v_after, v_actor,
          v_note, v_recorded, v_effective, v_prev, v_hash);
        UPDATE register_chain_heads SET length = length + 1, last_seq = v_seq, head_hash = v_hash
         WHERE tenant_id = v_tenant;
        RETURN NULL;
      END
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION register_record_change() FROM PUBLIC`);
    await q.query(`GRANT USAGE ON SEQUENCE register_changes_seq TO ${APP_ROLE}`);
    // History is append-only, whoever asks.
    await q.query(`
      CREATE FUNCTION register_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'register history is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER register_changes_append_only BEFORE UPDATE OR DELETE ON register_changes
      FOR EACH ROW EXECUTE FUNCTION register_changes_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE cookies, engagements, activities, data_categories, products, parties, register_changes, register_chain_heads`,
    );
    await q.query(
      `DROP FUNCTION register_record_change(), register_changes_append_only(), register_change_digest_text`,
    );
    await q.query(`DROP SEQUENCE register_changes_seq`);
  }
}
