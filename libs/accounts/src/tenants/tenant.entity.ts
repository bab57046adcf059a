import { Column, Entity, PrimaryColumn } from 'typeorm';

export type Locale = 'nl' | 'en';

/** An organisation using art30. Not tenant-owned itself: its public fields are readable by slug. */
@Entity('tenants')
export class Tenant {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') slug!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'default_locale' }) defaultLocale!: Locale;
  /** Art. 28(2): days between announcing a subprocessor change and its taking effect, unless a change says otherwise. */
  @Column('int', { name: 'notice_period_days' }) noticePeriodDays!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
