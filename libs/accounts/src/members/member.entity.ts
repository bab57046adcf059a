import type { Role } from '#core';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's account in one tenant (tenant-owned: one person in two tenants has two members). */
@Entity('members')
export class Member {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') email!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text') role!: Role;
  /** argon2id; null until the invitation is accepted. Never leaves the service layer. */
  @Column('text', { name: 'password_hash', nullable: true }) passwordHash!: string | null;
  /** For auditors: access ends here. */
  @Column('timestamptz', { name: 'access_expires_at', nullable: true }) accessExpiresAt!: Date | null;
  @Column('bytea', { name: 'invitation_token_hash', nullable: true }) invitationTokenHash!: Buffer | null;
  @Column('timestamptz', { name: 'invitation_expires_at', nullable: true }) invitationExpiresAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
}
