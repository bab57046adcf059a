import type { Role } from '#core';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An integration's credential; the secret is shown once and stored only as its SHA-256. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') role!: Role;
  @Column('bytea', { name: 'secret_hash' }) secretHash!: Buffer;
  /** Customer keys: the controller party the key speaks for. */
  @Column('uuid', { name: 'party_id', nullable: true }) partyId!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
}
