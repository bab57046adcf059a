import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DeliveryChannel = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';

/**
 * One event to one subscriber or endpoint. Unique per (event, channel, target), so fan-out can be
 * repeated safely; its id is the idempotency key receivers see (`webhook-id`).
 */
@Entity('deliveries')
export class Delivery {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'event_id' }) eventId!: string;
  @Column('text') channel!: DeliveryChannel;
  /** The subscriber (email) or webhook endpoint. */
  @Column('uuid', { name: 'target_id' }) targetId!: string;
  @Column('text') status!: DeliveryStatus;
  @Column('int') attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt!: Date;
  @Column('timestamptz', { name: 'lease_until', nullable: true }) leaseUntil!: Date | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
