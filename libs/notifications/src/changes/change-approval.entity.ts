import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

/** A controller on specific authorisation (Art. 28(2)): the change waits for its decision. */
@Entity('change_approvals')
export class ChangeApproval {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid', { name: 'change_id' }) changeId!: string;
  @PrimaryColumn('uuid', { name: 'party_id' }) partyId!: string;
  @Column('text') status!: ApprovalStatus;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column('text', { nullable: true }) note!: string | null;
}
