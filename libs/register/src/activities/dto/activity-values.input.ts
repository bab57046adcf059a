import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { ControllerAuthorisationEnum, DpiaStatusEnum } from '../activity-enums.js';

// Inputs for the value lists of an activity. Codes are checked against #gdpr by the service (so
// the message can name the list they come from); here only shape and size.

export const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = { message: 'a date as YYYY-MM-DD' };
/** Item ids: kept when given (a UUID or a short key of your own), generated when omitted. */
const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ITEM_ID_MESSAGE = { message: 'an id of letters, digits, - and _ (at most 64)' };
const CODE = 64;
const REF = 500;
const TEXT = 2000;

@InputType()
export class ActivityPurposeInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ITEM_ID, ITEM_ID_MESSAGE) id?: string;
  @Field() @IsString() @Length(1, TEXT) description!: string;
  @Field({ nullable: true, description: 'Art. 6(1) code, e.g. ART6_1_B.' })
  @IsOptional()
  @IsString()
  @MaxLength(CODE)
  legalBasis?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(REF) legalReference?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(REF) liaReference?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(DAY, DAY_MESSAGE) liaDate?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) consentMechanism?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) consentWithdrawal?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() directMarketing?: boolean;
}

@InputType()
export class ActivityControllerInput {
  @Field(() => ID) @IsUUID() partyId!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) processingCategories?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(REF) dpaReference?: string;
  @Field(() => ControllerAuthorisationEnum, { nullable: true })
  @IsOptional()
  @IsEnum(ControllerAuthorisationEnum)
  authorisation?: ControllerAuthorisationEnum;
}

@InputType()
export class ActivityArt9ConditionInput {
  @Field({ description: 'Art. 9(2) code, e.g. ART9_2_A.' }) @IsString() @MaxLength(CODE) code!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(REF) legalReference?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() explicitConsent?: boolean;
}

@InputType()
export class ActivityArt10BasisInput {
  @Field({ description: 'Art. 10 code, e.g. ART10_AUTHORISED_BY_LAW.' }) @IsString() @MaxLength(CODE) code!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(REF) legalReference?: string;
}

@InputType()
export class ActivityRecipientInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ITEM_ID, ITEM_ID_MESSAGE) id?: string;
  @Field({ description: 'Recipient kind code, e.g. RK_PROCESSOR.' }) @IsString() @MaxLength(CODE) kind!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() partyId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(3) country?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) description?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(REF) dpaReference?: string;
}

@InputType()
export class ActivityTransferInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ITEM_ID, ITEM_ID_MESSAGE) id?: string;
  @Field({ description: 'ISO 3166-1 alpha-2, or EPO.' }) @IsString() @MaxLength(3) country!: string;
  @Field(() => ID, { nullable: true, description: 'The id of one of this activity’s recipients.' })
  @IsOptional()
  @Matches(ITEM_ID, ITEM_ID_MESSAGE)
  recipientId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() partyId?: string;
  @Field({ nullable: true, description: 'Transfer mechanism code, e.g. SCC_MODULE_2.' })
  @IsOptional()
  @IsString()
  @MaxLength(CODE)
  mechanism?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(REF) tiaReference?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(DAY, DAY_MESSAGE) tiaReviewDate?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) supplementaryMeasures?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(DAY, DAY_MESSAGE) saNotifiedAt?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(REF) safeguardReference?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) description?: string;
}

@InputType()
export class ActivityRetentionRuleInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ITEM_ID, ITEM_ID_MESSAGE) id?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(CODE) dataCategoryCode?: string;
  @Field({ nullable: true, description: 'ISO 8601 duration, e.g. P180D or P3Y.' })
  @IsOptional()
  @IsString()
  @MaxLength(CODE)
  duration?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(CODE) trigger?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(CODE) action?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(CODE) justification?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(REF) legalReference?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) criterion?: string;
}

@InputType()
export class ActivityAutomatedDecisionInput {
  @Field() @IsBoolean() exists!: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) description?: string;
  @Field({ nullable: true, defaultValue: false }) @IsOptional() @IsBoolean() legalOrSimilarEffect?: boolean;
  @Field({ nullable: true, description: 'Art. 22(2) code, e.g. ART22_2_A.' })
  @IsOptional()
  @IsString()
  @MaxLength(CODE)
  exception?: string;
  @Field({ nullable: true, defaultValue: false }) @IsOptional() @IsBoolean() profiling?: boolean;
}

@InputType()
export class ActivityDpiaInput {
  @Field({ nullable: true }) @IsOptional() @IsBoolean() required?: boolean;
  @Field(() => DpiaStatusEnum, { nullable: true }) @IsOptional() @IsEnum(DpiaStatusEnum) status?: DpiaStatusEnum;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(REF) reference?: string;
}
