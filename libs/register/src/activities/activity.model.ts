import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ReadAt } from '../common/as-of.js';
import { Connection } from '../common/pagination.js';
import { ActivityDataSourceEnum, ActivityRoleEnum, ActivityStatusEnum } from './activity-enums.js';
import type { Activity } from './activity.entity.js';
import {
  ActivityArt10BasisModel,
  ActivityArt9ConditionModel,
  ActivityAutomatedDecisionModel,
  ActivityControllerModel,
  ActivityDpiaModel,
  ActivityPurposeModel,
  ActivityRecipientModel,
  ActivityRetentionRuleModel,
  ActivityTransferModel,
} from './activity-values.model.js';

@ObjectType('Activity', { description: 'A processing activity: one record of the Art. 30 register.' })
export class ActivityModel implements ReadAt {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'The business function that owns it.' })
  department!: string | null;
  @Field(() => ActivityStatusEnum) status!: ActivityStatusEnum;
  @Field(() => ActivityRoleEnum) role!: ActivityRoleEnum;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) reviewDate!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: when processing started.' })
  startedOn!: string | null;
  @Field(() => [ID]) productIds!: string[];
  @Field(() => [ID], { description: 'Subprocessor engagements this activity relies on.' }) engagementIds!: string[];
  @Field(() => [ID], { description: 'Art. 30(1)(a): the joint controllers (see jointControllers).' })
  jointControllerIds!: string[];
  @Field(() => [ActivityControllerModel], { description: 'Art. 30(2): the controllers processed for.' })
  controllers!: ActivityControllerModel[];
  @Field(() => [ActivityPurposeModel]) purposes!: ActivityPurposeModel[];
  @Field(() => [String], { description: 'Data-subject category codes, e.g. DS_CUSTOMERS.' })
  dataSubjectCodes!: string[];
  @Field(() => [String], { description: 'Data-category codes: shipped (DC_…) or the organisation’s own.' })
  dataCategoryCodes!: string[];
  @Field(() => [ActivityArt9ConditionModel]) art9Conditions!: ActivityArt9ConditionModel[];
  @Field(() => ActivityArt10BasisModel, { nullable: true }) art10Basis!: ActivityArt10BasisModel | null;
  @Field(() => [ActivityDataSourceEnum]) sources!: ActivityDataSourceEnum[];
  @Field(() => String, { nullable: true }) sourceDescription!: string | null;
  @Field(() => [ActivityRecipientModel]) recipients!: ActivityRecipientModel[];
  @Field(() => [ActivityTransferModel]) transfers!: ActivityTransferModel[];
  @Field(() => [ActivityRetentionRuleModel]) retention!: ActivityRetentionRuleModel[];
  @Field(() => ActivityAutomatedDecisionModel, { nullable: true })
  automatedDecision!: ActivityAutomatedDecisionModel | null;
  @Field(() => ActivityDpiaModel, { nullable: true }) dpia!: ActivityDpiaModel | null;
  @Field(() => [String], { description: 'Art. 32 measure codes, e.g. TOM_EVENT_LOGGING.' }) tomCodes!: string[];
  @Field(() => String, { nullable: true }) securityDescription!: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Art. 8: an information society service.' })
  informationSocietyService!: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Art. 30(5): likely to result in a risk.' })
  likelyRisk!: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Art. 30(5): outside the regular course of business.' })
  occasional!: boolean | null;
  @Field(() => String, { nullable: true, description: 'Your own key for imports (unique per tenant).' })
  externalKey!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  readAt?: Date;

  static from(activity: Activity, readAt?: Date): ActivityModel {
    // Rows rebuilt from history carry the jsonb as stored: fill what older entries may lack.
    return Object.assign(new ActivityModel(), activity, {
      status: activity.status as ActivityStatusEnum,
      role: activity.role as ActivityRoleEnum,
      sources: activity.sources as ActivityDataSourceEnum[],
      controllers: (activity.controllers ?? []).map((c) => Object.assign(new ActivityControllerModel(), c, { readAt })),
      recipients: (activity.recipients ?? []).map((r) => Object.assign(new ActivityRecipientModel(), r, { readAt })),
      transfers: (activity.transfers ?? []).map((t) => Object.assign(new ActivityTransferModel(), t, { readAt })),
      purposes: activity.purposes ?? [],
      art9Conditions: activity.art9Conditions ?? [],
      retention: activity.retention ?? [],
      readAt,
    });
  }
}

export const ActivityConnection = Connection(ActivityModel, 'Activity');
