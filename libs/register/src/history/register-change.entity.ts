import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RegisterEntityType =
  | 'parties'
  | 'products'
  | 'data_categories'
  | 'activities'
  | 'engagements'
  | 'cookies'
  /** Exports of the register (#reports): recorded in the same chain, never part of the register read. */
  | 'register_exports';

/** One append-only, hash-chained history entry, written by the database trigger. */
@Entity('register_changes')
export class RegisterChange {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('bigint') seq!: string;
  @Column('bigint', { name: 'tx_id' }) txId!: string;
  @Column('text', { name: 'entity_type' }) entityType!: RegisterEntityType;
  @Column('uuid', { name: 'entity_id' }) entityId!: string;
  @Column('text') op!: 'insert' | 'update' | 'delete';
  @Column('jsonb', { nullable: true }) before!: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) after!: Record<string, unknown> | null;
  @Column('text', { name: 'actor_label' }) actorLabel!: string;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('timestamptz', { name: 'effective_at' }) effectiveAt!: Date;
  @Column('bytea', { name: 'prev_hash', nullable: true }) prevHash!: Buffer | null;
  @Column('bytea') hash!: Buffer;
}
