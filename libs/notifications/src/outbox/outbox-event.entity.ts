import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EventPayload } from './event-payload.js';

/** An event written in the same transaction as the change it announces (transactional outbox). */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') type!: string;
  @Column('jsonb') payload!: EventPayload;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  /** Set once a delivery exists for every subscriber and endpoint in scope. */
  @Column('timestamptz', { name: 'fanned_out_at', nullable: true }) fannedOutAt!: Date | null;
  @Column('timestamptz', { name: 'lease_until', nullable: true }) leaseUntil!: Date | null;
}
