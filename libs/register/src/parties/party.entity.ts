import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a party is to the tenant; one organisation can be several (a vendor and a recipient). */
export const PARTY_ROLES = [
  'own_organisation',
  'controller',
  'joint_controller',
  'processor',
  'subprocessor',
  'representative',
  'recipient',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** A certification a vendor holds, e.g. `{ code: 'EU_US_DPF', since: '2023-07-17' }`. */
export interface Certification {
  code: string;
  since?: string | null;
  until?: string | null;
  reference?: string | null;
}

/** Any organisation the register names. */
@Entity('parties')
export class Party {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { array: true }) roles!: PartyRole[];
  @Column('text', { name: 'legal_form', nullable: true }) legalForm!: string | null;
  @Column('text', { name: 'registration_number', nullable: true }) registrationNumber!: string | null;
  @Column('text', { nullable: true }) street!: string | null;
  @Column('text', { name: 'postal_code', nullable: true }) postalCode!: string | null;
  @Column('text', { nullable: true }) city!: string | null;
  @Column('text', { nullable: true }) country!: string | null;
  @Column('text', { name: 'contact_name', nullable: true }) contactName!: string | null;
  @Column('text', { name: 'contact_email', nullable: true }) contactEmail!: string | null;
  @Column('text', { name: 'contact_phone', nullable: true }) contactPhone!: string | null;
  @Column('text', { name: 'dpo_name', nullable: true }) dpoName!: string | null;
  @Column('text', { name: 'dpo_email', nullable: true }) dpoEmail!: string | null;
  @Column('text', { name: 'dpo_phone', nullable: true }) dpoPhone!: string | null;
  @Column('text', { nullable: true }) website!: string | null;
  @Column('boolean', { name: 'is_public_authority' }) isPublicAuthority!: boolean;
  @Column('integer', { name: 'staff_count', nullable: true }) staffCount!: number | null;
  @Column('jsonb') certifications!: Certification[];
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text', { name: 'external_key', nullable: true }) externalKey!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
