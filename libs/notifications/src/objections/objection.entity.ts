import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ObjectionStatus = 'received' | 'under_review' | 'resolved' | 'contract_terminated';

/** A customer's objection to an announced change, through a signed link in a notice or the API. */
@Entity('objections')
export class Objection {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'change_id' }) changeId!: string;
  @Column('uuid', { name: 'subscriber_id', nullable: true }) subscriberId!: string | null;
  @Column('uuid', { name: 'party_id', nullable: true }) partyId!: string | null;
  @Column('text') channel!: 'link' | 'api';
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) organisation!: string | null;
  @Column('text') reason!: string;
  @Column('text') status!: ObjectionStatus;
  @Column('text', { nullable: true }) resolution!: string | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('text', { name: 'updated_by', nullable: true }) updatedBy!: string | null;
}
