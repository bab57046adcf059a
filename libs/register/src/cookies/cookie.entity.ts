import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CookieCategory = 'strictly_necessary' | 'functional' | 'analytics' | 'marketing';

/** A cookie or similar technology, per product. */
@Entity('cookies')
export class Cookie {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'product_id', nullable: true }) productId!: string | null;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) purpose!: string | null;
  @Column('text') category!: CookieCategory;
  @Column('text') party!: 'first' | 'third';
  @Column('text', { nullable: true }) provider!: string | null;
  /** E.g. "session", "2 hours", or an ISO 8601 duration. */
  @Column('text', { nullable: true }) lifetime!: string | null;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text', { name: 'external_key', nullable: true }) externalKey!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
