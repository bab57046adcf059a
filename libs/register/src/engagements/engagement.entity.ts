import { Column, Entity, PrimaryColumn } from 'typeorm';

export type EngagementStatus = 'planned' | 'active' | 'ended';

/** A vendor engaged as (sub)processor: what for, which data, where it is processed and reached from. */
@Entity('engagements')
export class Engagement {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'vendor_id' }) vendorId!: string;
  /** The engagement this one is a sub-processor under (the chain, EDPB Opinion 22/2024). */
  @Column('uuid', { name: 'parent_engagement_id', nullable: true }) parentEngagementId!: string | null;
  @Column('text') purpose!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text') status!: EngagementStatus;
  @Column('uuid', { name: 'product_ids', array: true }) productIds!: string[];
  @Column('text', { name: 'data_category_codes', array: true }) dataCategoryCodes!: string[];
  /** Where the data is stored and processed (ISO 3166-1 alpha-2). */
  @Column('text', { name: 'processing_locations', array: true }) processingLocations!: string[];
  /** Where the vendor can reach the data from (support, administration), if elsewhere. */
  @Column('text', { name: 'access_locations', array: true }) accessLocations!: string[];
  @Column('text', { name: 'transfer_mechanism', nullable: true }) transferMechanism!: string | null;
  @Column('text', { name: 'tia_reference', nullable: true }) tiaReference!: string | null;
  @Column('date', { name: 'tia_review_date', nullable: true }) tiaReviewDate!: string | null;
  @Column('text', { name: 'supplementary_measures', nullable: true }) supplementaryMeasures!: string | null;
  @Column('date', { name: 'dpa_signed_on', nullable: true }) dpaSignedOn!: string | null;
  @Column('text', { name: 'dpa_reference', nullable: true }) dpaReference!: string | null;
  @Column('date', { name: 'started_on', nullable: true }) startedOn!: string | null;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn!: string | null;
  @Column('text', { name: 'external_key', nullable: true }) externalKey!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
