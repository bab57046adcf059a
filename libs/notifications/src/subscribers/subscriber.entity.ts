import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed';

/**
 * A customer's contact told about subprocessor changes by email, without an account. Double
 * opt-in: only `confirmed` subscribers receive notices; the consent record says when, under which
 * text, from where.
 */
@Entity('subscribers')
export class Subscriber {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') email!: string;
  @Column('text') language!: 'nl' | 'en';
  /** Products whose changes this subscriber wants (empty: all). */
  @Column('uuid', { name: 'product_ids', array: true }) productIds!: string[];
  @Column('text') status!: SubscriberStatus;
  @Column('bytea', { name: 'confirmation_token_hash', nullable: true }) confirmationTokenHash!: Buffer | null;
  @Column('timestamptz', { name: 'confirmation_expires_at', nullable: true }) confirmationExpiresAt!: Date | null;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt!: Date;
  @Column('timestamptz', { name: 'confirmed_at', nullable: true }) confirmedAt!: Date | null;
  @Column('text', { name: 'consent_text_version', nullable: true }) consentTextVersion!: string | null;
  @Column('text', { name: 'consent_ip', nullable: true }) consentIp!: string | null;
  @Column('text', { name: 'consent_user_agent', nullable: true }) consentUserAgent!: string | null;
  @Column('timestamptz', { name: 'unsubscribed_at', nullable: true }) unsubscribedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
