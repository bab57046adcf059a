import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  Art10Basis,
  Art9Condition,
  AutomatedDecision,
  ControllerLink,
  Dpia,
  Purpose,
  Recipient,
  RetentionRule,
  Transfer,
} from './activity.values.js';

export type ActivityStatus = 'draft' | 'active' | 'retired';
export type ActivityRole = 'controller' | 'joint_controller' | 'processor';
export type DataSource = 'data_subject' | 'third_party' | 'public_source' | 'controller';

/** A processing activity: one record of the Art. 30 register, with everything it carries. */
@Entity('activities')
export class Activity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId!: string;
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) description!: string | null;
  /** The business function that owns it. */
  @Column('text', { nullable: true }) department!: string | null;
  @Column('text') status!: ActivityStatus;
  /** The tenant's role in this activity. */
  @Column('text') role!: ActivityRole;
  @Column('date', { name: 'review_date', nullable: true }) reviewDate!: string | null;
  @Column('date', { name: 'started_on', nullable: true }) startedOn!: string | null;
  @Column('uuid', { name: 'product_ids', array: true }) productIds!: string[];
  @Column('uuid', { name: 'joint_controller_ids', array: true }) jointControllerIds!: string[];
  /** Subprocessor engagements this activity relies on. */
  @Column('uuid', { name: 'engagement_ids', array: true }) engagementIds!: string[];
  @Column('jsonb') controllers!: ControllerLink[];
  @Column('jsonb') purposes!: Purpose[];
  @Column('text', { name: 'data_subject_codes', array: true }) dataSubjectCodes!: string[];
  @Column('text', { name: 'data_category_codes', array: true }) dataCategoryCodes!: string[];
  @Column('jsonb', { name: 'art9_conditions' }) art9Conditions!: Art9Condition[];
  @Column('jsonb', { name: 'art10_basis', nullable: true }) art10Basis!: Art10Basis | null;
  @Column('text', { array: true }) sources!: DataSource[];
  @Column('text', { name: 'source_description', nullable: true }) sourceDescription!: string | null;
  @Column('jsonb') recipients!: Recipient[];
  @Column('jsonb') transfers!: Transfer[];
  @Column('jsonb') retention!: RetentionRule[];
  @Column('jsonb', { name: 'automated_decision', nullable: true }) automatedDecision!: AutomatedDecision | null;
  @Column('jsonb', { nullable: true }) dpia!: Dpia | null;
  @Column('text', { name: 'tom_codes', array: true }) tomCodes!: string[];
  @Column('text', { name: 'security_description', nullable: true }) securityDescription!: string | null;
  @Column('boolean', { name: 'information_society_service', nullable: true }) informationSocietyService!:
    boolean | null;
  @Column('boolean', { name: 'likely_risk', nullable: true }) likelyRisk!: boolean | null;
  @Column('boolean', { nullable: true }) occasional!: boolean | null;
  @Column('text', { name: 'external_key', nullable: true }) externalKey!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
