import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Who was told about this change": deliveries are listed by change, and a change is named only
 * inside its events' payload. Without this index that filter reads every event of the tenant.
 */
export class DeliveryLookups1763880000000 implements MigrationInterface {
  name = 'DeliveryLookups1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_events_change ON outbox_events (tenant_id, ((payload -> 'change' ->> 'id')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_events_change`);
  }
}
