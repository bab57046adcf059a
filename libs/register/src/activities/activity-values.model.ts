import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ReadAt } from '../common/as-of.js';
import { ControllerAuthorisationEnum, DpiaStatusEnum } from './activity-enums.js';

// The value lists of an activity as clients see them. Those naming a party keep the instant the
// activity was read at (`readAt`), so their `party` is the party as it stood then.

const DAY = { nullable: true, description: 'YYYY-MM-DD' } as const;

@ObjectType('ActivityPurpose', { description: 'A purpose with its own Art. 6(1) basis and what that basis needs.' })
export class ActivityPurposeModel {
  @Field(() => ID) id!: string;
  @Field() description!: string;
  @Field(() => String, { nullable: true, description: 'Art. 6(1) basis code, e.g. ART6_1_B.' })
  legalBasis!: string | null;
  @Field(() => String, { nullable: true, description: 'Art. 6(3): the law behind (c) or (e).' })
  legalReference!: string | null;
  @Field(() => String, { nullable: true, description: '(f): the legitimate-interest assessment.' })
  liaReference!: string | null;
  @Field(() => String, DAY) liaDate!: string | null;
  @Field(() => String, { nullable: true, description: '(a): how consent is obtained and recorded (Art. 7(1)).' })
  consentMechanism!: string | null;
  @Field(() => String, { nullable: true, description: '(a): how consent is withdrawn (Art. 7(3)).' })
  consentWithdrawal!: string | null;
  @Field(() => Boolean, { nullable: true }) directMarketing!: boolean | null;
}

@ObjectType('ActivityController', {
  description: 'Art. 30(2)(a)-(b): a controller the organisation processes for, and what it does for it.',
})
export class ActivityControllerModel implements ReadAt {
  @Field(() => ID) partyId!: string;
  @Field(() => String, { nullable: true }) processingCategories!: string | null;
  @Field(() => String, { nullable: true, description: 'The Art. 28(3) agreement with this controller.' })
  dpaReference!: string | null;
  @Field(() => ControllerAuthorisationEnum, { nullable: true }) authorisation!: ControllerAuthorisationEnum | null;
  readAt?: Date;
}

@ObjectType('ActivityArt9Condition', { description: 'An Art. 9(2) condition for special-category data.' })
export class ActivityArt9ConditionModel {
  @Field({ description: 'E.g. ART9_2_A.' }) code!: string;
  @Field(() => String, { nullable: true }) legalReference!: string | null;
  @Field(() => Boolean, { nullable: true }) explicitConsent!: boolean | null;
}

@ObjectType('ActivityArt10Basis', { description: 'The Art. 10 basis for criminal-conviction and offence data.' })
export class ActivityArt10BasisModel {
  @Field({ description: 'E.g. ART10_AUTHORISED_BY_LAW.' }) code!: string;
  @Field(() => String, { nullable: true }) legalReference!: string | null;
}

@ObjectType('ActivityRecipient', { description: 'Art. 30(1)(d): who receives the data, and where.' })
export class ActivityRecipientModel implements ReadAt {
  @Field(() => ID) id!: string;
  @Field({ description: 'Recipient kind code, e.g. RK_PROCESSOR.' }) kind!: string;
  @Field(() => ID, { nullable: true }) partyId!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' }) country!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) dpaReference!: string | null;
  readAt?: Date;
}

@ObjectType('ActivityTransfer', { description: 'Art. 30(1)(e): a transfer to a third country or organisation.' })
export class ActivityTransferModel implements ReadAt {
  @Field(() => ID) id!: string;
  @Field({ description: 'ISO 3166-1 alpha-2, or EPO.' }) country!: string;
  @Field(() => ID, { nullable: true, description: 'One of the recipients of this activity.' })
  recipientId!: string | null;
  @Field(() => ID, { nullable: true }) partyId!: string | null;
  @Field(() => String, { nullable: true, description: 'Transfer mechanism code, e.g. SCC_MODULE_2.' })
  mechanism!: string | null;
  @Field(() => String, { nullable: true }) tiaReference!: string | null;
  @Field(() => String, DAY) tiaReviewDate!: string | null;
  @Field(() => String, { nullable: true }) supplementaryMeasures!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: when the supervisory authority was informed.' })
  saNotifiedAt!: string | null;
  @Field(() => String, { nullable: true }) safeguardReference!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  readAt?: Date;
}

@ObjectType('ActivityRetentionRule', { description: 'Art. 30(1)(f): how long a data category is kept.' })
export class ActivityRetentionRuleModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'Null: every data category of the activity.' })
  dataCategoryCode!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601 duration, e.g. P180D.' }) duration!: string | null;
  @Field(() => String, { nullable: true, description: 'Trigger code, e.g. RT_CONTRACT_END.' }) trigger!: string | null;
  @Field(() => String, { nullable: true, description: 'Action code, e.g. RA_DELETE.' }) action!: string | null;
  @Field(() => String, { nullable: true, description: 'Justification code, e.g. RJ_LEGAL_OBLIGATION.' })
  justification!: string | null;
  @Field(() => String, { nullable: true }) legalReference!: string | null;
  @Field(() => String, { nullable: true }) criterion!: string | null;
}

@ObjectType('ActivityAutomatedDecision', { description: 'Art. 22: automated decision-making, incl. profiling.' })
export class ActivityAutomatedDecisionModel {
  @Field() exists!: boolean;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field({ description: 'Solely automated, with legal or similarly significant effect (Art. 22(1)).' })
  legalOrSimilarEffect!: boolean;
  @Field(() => String, { nullable: true, description: 'Art. 22(2) exception code, e.g. ART22_2_A.' })
  exception!: string | null;
  @Field() profiling!: boolean;
}

@ObjectType('ActivityDpia', { description: 'Art. 35: data protection impact assessment.' })
export class ActivityDpiaModel {
  @Field(() => Boolean, { nullable: true, description: 'Null: not assessed yet.' }) required!: boolean | null;
  @Field(() => DpiaStatusEnum, { nullable: true }) status!: DpiaStatusEnum | null;
  @Field(() => String, { nullable: true }) reference!: string | null;
}
