import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TransferStatusEnum } from '../common/transfer-status.enum.js';

export { TransferStatusEnum };
import type { ActivityHealth, Finding, LocatedTransfer } from '#gdpr';
import { ActivityRoleEnum, ActivityStatusEnum } from '../activities/activity-enums.js';
import type { Lang } from '../history/locale.js';

export enum SeverityEnum {
  ERROR = 'error',
  WARNING = 'warning',
  INFO = 'info',
}
registerEnumType(SeverityEnum, {
  name: 'Severity',
  description: 'ERROR: the law is not met or cannot be shown; WARNING: guidance or a likely gap; INFO: worth knowing.',
});

export enum Art30FieldEnum {
  ORGANISATION = 'organisation',
  JOINT_CONTROLLERS = 'joint_controllers',
  CONTROLLERS = 'controllers',
  PURPOSES = 'purposes',
  PROCESSING_CATEGORIES = 'processing_categories',
  LEGAL_BASIS = 'legal_basis',
  DATA_SUBJECTS = 'data_subjects',
  DATA_CATEGORIES = 'data_categories',
  RECIPIENTS = 'recipients',
  TRANSFERS = 'transfers',
  RETENTION = 'retention',
  TOMS = 'toms',
}
registerEnumType(Art30FieldEnum, { name: 'Art30Field', description: 'A field Art. 30(1) or 30(2) requires.' });

@ObjectType('Finding', { description: 'Where the register falls short of the law or guidance, and why.' })
export class FindingModel {
  @Field({ description: 'Stable rule id, e.g. R-ART9-CONDITION-MISSING.' }) ruleId!: string;
  @Field(() => SeverityEnum) severity!: SeverityEnum;
  @Field({ description: 'What the rule rests on, e.g. "GDPR Art. 9(1), 9(2)".' }) article!: string;
  @Field({ description: 'In the requested language.' }) message!: string;
  @Field() messageNl!: string;
  @Field() messageEn!: string;
  @Field(() => String, { nullable: true, description: 'Specifics of this occurrence, in the requested language.' })
  detail!: string | null;
  @Field(() => String, { nullable: true }) detailNl!: string | null;
  @Field(() => String, { nullable: true }) detailEn!: string | null;
  @Field({ description: 'Where in the activity, e.g. "purposes[0]"; empty for the whole.' }) path!: string;
  @Field(() => ID, { nullable: true, description: 'null for findings about the organisation itself.' })
  activityId!: string | null;
  @Field(() => String, { nullable: true, description: 'The purpose, recipient or transfer concerned.' })
  itemId!: string | null;

  static from(finding: Finding, lang: Lang): FindingModel {
    return Object.assign(new FindingModel(), {
      ruleId: finding.ruleId,
      severity: finding.severity as SeverityEnum,
      article: finding.article,
      message: finding.message[lang],
      messageNl: finding.message.nl,
      messageEn: finding.message.en,
      detail: finding.detail?.[lang] ?? null,
      detailNl: finding.detail?.nl ?? null,
      detailEn: finding.detail?.en ?? null,
      path: finding.path,
      activityId: finding.activityId,
      itemId: finding.itemId ?? null,
    });
  }
}

@ObjectType('TransferAssessment', { description: 'One place a recipient processes the data, assessed.' })
export class TransferAssessmentModel {
  @Field({ description: 'E.g. "recipients[1].locations[0]" (engagements follow the recipients).' }) path!: string;
  @Field(() => ID, { nullable: true, description: 'The recipient, engagement or transfer.' })
  recipientId!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2; null when unknown.' })
  destination!: string | null;
  @Field(() => TransferStatusEnum) status!: TransferStatusEnum;
  @Field(() => String, { nullable: true, description: "'EEA', an adequacy decision or a mechanism code." })
  basis!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'TIA on file; null when the basis needs none.' })
  tiaPresent!: boolean | null;
  @Field() reason!: string;
  @Field() reasonNl!: string;
  @Field() reasonEn!: string;

  static from(t: LocatedTransfer, lang: Lang): TransferAssessmentModel {
    const a = t.assessment;
    return Object.assign(new TransferAssessmentModel(), {
      path: t.path,
      recipientId: t.recipientId ?? null,
      destination: a.destination,
      status: a.status as TransferStatusEnum,
      basis: a.basis,
      tiaPresent: a.tiaPresent,
      reason: a.reason[lang],
      reasonNl: a.reason.nl,
      reasonEn: a.reason.en,
    });
  }
}

@ObjectType('ActivityHealth')
export class ActivityHealthModel {
  @Field(() => ID) activityId!: string;
  @Field() name!: string;
  @Field(() => ActivityStatusEnum) status!: ActivityStatusEnum;
  @Field(() => ActivityRoleEnum) role!: ActivityRoleEnum;
  @Field(() => Int, { description: 'Completeness 0-100 less penalties for findings.' }) score!: number;
  @Field(() => [FindingModel]) findings!: FindingModel[];
  @Field(() => TransferStatusEnum, { nullable: true, description: 'Worst over its transfers; null: none recorded.' })
  transferStatus!: TransferStatusEnum | null;
  @Field(() => [TransferAssessmentModel]) transfers!: TransferAssessmentModel[];
  @Field(() => [Art30FieldEnum], { description: 'Required Art. 30 fields that are missing.' })
  missingFields!: Art30FieldEnum[];
  @Field(() => [Art30FieldEnum], { description: 'The Art. 30 fields its role requires.' })
  requiredFields!: Art30FieldEnum[];

  static from(
    health: ActivityHealth,
    about: { name: string; status: string; role: string },
    lang: Lang,
  ): ActivityHealthModel {
    return Object.assign(new ActivityHealthModel(), {
      activityId: health.activityId,
      name: about.name,
      status: about.status as ActivityStatusEnum,
      role: about.role as ActivityRoleEnum,
      score: health.score,
      findings: health.findings.map((f) => FindingModel.from(f, lang)),
      transferStatus: health.transferStatus as TransferStatusEnum | null,
      transfers: health.transfers.map((t) => TransferAssessmentModel.from(t, lang)),
      missingFields: health.fields.missing as Art30FieldEnum[],
      requiredFields: health.fields.required as Art30FieldEnum[],
    });
  }
}

@ObjectType('SeverityCounts')
export class SeverityCountsModel {
  @Field(() => Int) error!: number;
  @Field(() => Int) warning!: number;
  @Field(() => Int) info!: number;
}

@ObjectType('RegisterHealth', { description: 'How complete and lawful the register is, as of an instant.' })
export class RegisterHealthModel {
  @Field({ description: 'The instant the register was read at.' }) asOf!: Date;
  @Field({ description: 'The day (UTC) the rules were applied at, YYYY-MM-DD.' }) day!: string;
  @Field({ description: 'Version of the GDPR reference data applied.' }) referenceVersion!: string;
  @Field(() => Int, { description: '0-100: mean of the activities, less register-level penalties.' })
  score!: number;
  @Field(() => SeverityCountsModel) counts!: SeverityCountsModel;
  @Field(() => [FindingModel], { description: 'Findings about the organisation itself.' })
  findings!: FindingModel[];
  @Field(() => [ActivityHealthModel], { description: 'Every activity that is not retired, by name.' })
  activities!: ActivityHealthModel[];
}
