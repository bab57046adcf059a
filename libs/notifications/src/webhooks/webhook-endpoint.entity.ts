import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An HTTPS endpoint told about subprocessor changes, signed per Standard Webhooks. The signing
 * secret must be recoverable to sign, so it is stored encrypted (never hashed, never returned
 * after creation); a rotated-out secret keeps signing alongside the new one until it expires.
 */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') url!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('uuid', { name: 'product_ids', array: true }) productIds!: string[];
  @Column('text') status!: 'active' | 'disabled';
  @Column('text', { name: 'disabled_reason', nullable: true }) disabledReason!: string | null;
  @Column('bytea', { name: 'secret_ciphertext' }) secretCiphertext!: Buffer;
  @Column('bytea', { name: 'previous_secret_ciphertext', nullable: true }) previousSecretCiphertext!: Buffer | null;
  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true }) previousSecretExpiresAt!: Date | null;
  /** A customer's API key that registered it (it sees and manages only its own). */
  @Column('uuid', { name: 'api_key_id', nullable: true }) apiKeyId!: string | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
