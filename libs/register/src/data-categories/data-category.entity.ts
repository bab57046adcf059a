import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant's own personal-data category, extending the shipped taxonomy (#gdpr DATA_CATEGORIES). */
@Entity('data_categories')
export class CustomDataCategory {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text', { name: 'label_nl' }) labelNl!: string;
  @Column('text', { name: 'label_en' }) labelEn!: string;
  @Column('boolean') special!: boolean;
  @Column('boolean') criminal!: boolean;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text', { name: 'external_key', nullable: true }) externalKey!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
