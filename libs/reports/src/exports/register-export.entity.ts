import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ExportedFile {
  name: string;
  sha256: string;
  size: number;
}

/** One export of the register: who took what, when (its insert is a history entry). */
@Entity('register_exports')
export class RegisterExport {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') format!: string;
  @Column('text') layout!: string;
  @Column('text') locale!: string;
  @Column('text') channel!: string;
  @Column('timestamptz', { name: 'as_of' }) asOf!: Date;
  @Column('timestamptz', { name: 'generated_at' }) generatedAt!: Date;
  @Column('bigint', { name: 'chain_length' }) chainLength!: string;
  @Column('text', { name: 'chain_head_hash', nullable: true }) chainHeadHash!: string | null;
  @Column('jsonb') files!: ExportedFile[];
}
