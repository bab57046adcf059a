import { Column, Entity, PrimaryColumn } from 'typeorm';

/** in_flight: claimed and never finished (the worker died mid-attempt); the lease lets another retry. */
export type AttemptOutcome = 'in_flight' | 'delivered' | 'retry' | 'gone' | 'dead';

/** One try at a delivery: when, by which worker, how it ended, the receiver's status and latency. */
@Entity('delivery_attempts')
export class DeliveryAttempt {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'delivery_id' }) deliveryId!: string;
  @PrimaryColumn('int') attempt!: number;
  @Column('text') worker!: string;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column('text') outcome!: AttemptOutcome;
  @Column('int', { name: 'response_code', nullable: true }) responseCode!: number | null;
  @Column('int', { name: 'latency_ms', nullable: true }) latencyMs!: number | null;
  @Column('text', { nullable: true }) error!: string | null;
}
