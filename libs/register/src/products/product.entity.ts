import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A product or service of the tenant (Cradeq: Core, Carbon, Parallel). */
@Entity('products')
export class Product {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text', { nullable: true }) website!: string | null;
  @Column('text', { name: 'external_key', nullable: true }) externalKey!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
