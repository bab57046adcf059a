import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ChangeKind = 'added' | 'changed' | 'replaced' | 'removed';
export type ChangeStatus = 'announced' | 'awaiting_approval' | 'effective' | 'withdrawn' | 'rejected';

/** One field of an engagement before and after a change: what notices and webhooks say changed. */
export interface FieldDiff {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * What the change is about, frozen when it is announced, so notices, feeds and the public page say
 * what was announced even after the engagement or vendor is edited or deleted.
 */
export interface ChangeSubject {
  vendorName: string;
  vendorCountry: string | null;
  purpose: string;
  processingLocations: string[];
  accessLocations: string[];
  transferMechanism: string | null;
  dataCategoryCodes: string[];
  productNames: string[];
  /** replaced: the vendor being replaced. */
  replacedVendorName?: string | null;
}

/** An announced addition, change, replacement or removal of a subprocessor (Art. 28(2)). */
@Entity('subprocessor_changes')
export class SubprocessorChange {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') kind!: ChangeKind;
  /** The engagement added, changed or removed; for a replacement, the new one. */
  @Column('uuid', { name: 'engagement_id' }) engagementId!: string;
  @Column('uuid', { name: 'replaced_engagement_id', nullable: true }) replacedEngagementId!: string | null;
  /** changed: the engagement's fields once the change takes effect (applied by the worker). */
  @Column('jsonb', { nullable: true }) proposed!: Record<string, unknown> | null;
  @Column('jsonb') diff!: FieldDiff[];
  @Column('jsonb') subject!: ChangeSubject;
  /** Whose customers it concerns: subscribers of these products (empty: every product). */
  @Column('uuid', { name: 'product_ids', array: true }) productIds!: string[];
  @Column('text') status!: ChangeStatus;
  @Column('text', { nullable: true }) note!: string | null;
  /** Set when the change took effect at once (an emergency replacement); still notified. */
  @Column('text', { name: 'urgent_reason', nullable: true }) urgentReason!: string | null;
  @Column('int', { name: 'notice_period_days' }) noticePeriodDays!: number;
  @Column('timestamptz', { name: 'announced_at' }) announcedAt!: Date;
  @Column('timestamptz', { name: 'effective_at' }) effectiveAt!: Date;
  @Column('timestamptz', { name: 'objection_deadline' }) objectionDeadline!: Date;
  @Column('timestamptz', { name: 'effected_at', nullable: true }) effectedAt!: Date | null;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt!: Date | null;
  @Column('text', { name: 'withdrawal_reason', nullable: true }) withdrawalReason!: string | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'lease_until', nullable: true }) leaseUntil!: Date | null;
}
