import { Field, ID, InputType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TransferStatusEnum } from '../../common/transfer-status.enum.js';
import { ActivityDataSourceEnum, ActivityRoleEnum, ActivityStatusEnum } from '../activity-enums.js';
import {
  ActivityArt10BasisInput,
  ActivityArt9ConditionInput,
  ActivityAutomatedDecisionInput,
  ActivityControllerInput,
  ActivityDpiaInput,
  ActivityPurposeInput,
  ActivityRecipientInput,
  ActivityRetentionRuleInput,
  ActivityTransferInput,
  DAY,
} from './activity-values.input.js';

/** Longest lists an activity may carry (beyond these it is several activities). */
export const ACTIVITY_LIMITS = { items: 100, ids: 200, codes: 100 } as const;
const CODE = 64;

/** Value lists with nested inputs: validated item by item, at most `max` items. */
function NestedList(type: () => new () => object, max: number = ACTIVITY_LIMITS.items): PropertyDecorator {
  return (target, key) => {
    Field(() => [type()], { nullable: true })(target, key);
    IsOptional()(target, key);
    ArrayMaxSize(max)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(type)(target, key);
  };
}

function IdList(description?: string): PropertyDecorator {
  return (target, key) => {
    Field(() => [ID], { nullable: true, description })(target, key);
    IsOptional()(target, key);
    ArrayMaxSize(ACTIVITY_LIMITS.ids)(target, key);
    IsUUID('all', { each: true })(target, key);
  };
}

function CodeList(description: string): PropertyDecorator {
  return (target, key) => {
    Field(() => [String], { nullable: true, description })(target, key);
    IsOptional()(target, key);
    ArrayMaxSize(ACTIVITY_LIMITS.codes)(target, key);
    IsString({ each: true })(target, key);
    MaxLength(CODE, { each: true })(target, key);
  };
}

@InputType({ description: 'A processing activity. Lists default to empty; item ids are generated when omitted.' })
export class CreateActivityInput {
  @Field() @IsString() @Length(1, 300) name!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) department?: string;
  @Field(() => ActivityStatusEnum, { nullable: true, description: 'Default DRAFT.' })
  @IsOptional()
  @IsEnum(ActivityStatusEnum)
  status?: ActivityStatusEnum;
  @Field(() => ActivityRoleEnum) @IsEnum(ActivityRoleEnum) role!: ActivityRoleEnum;
  @Field({ nullable: true }) @IsOptional() @Matches(DAY, { message: 'a date as YYYY-MM-DD' }) reviewDate?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(DAY, { message: 'a date as YYYY-MM-DD' }) startedOn?: string;
  @IdList() productIds?: string[];
  @IdList('Subprocessor engagements this activity relies on.') engagementIds?: string[];
  @IdList('Parties that are joint controllers (Art. 26).') jointControllerIds?: string[];
  @NestedList(() => ActivityControllerInput, ACTIVITY_LIMITS.ids) controllers?: ActivityControllerInput[];
  @NestedList(() => ActivityPurposeInput) purposes?: ActivityPurposeInput[];
  @CodeList('E.g. DS_CUSTOMERS.') dataSubjectCodes?: string[];
  @CodeList('Shipped (DC_…) or your own data-category codes.') dataCategoryCodes?: string[];
  @NestedList(() => ActivityArt9ConditionInput, 20) art9Conditions?: ActivityArt9ConditionInput[];
  @Field(() => ActivityArt10BasisInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActivityArt10BasisInput)
  art10Basis?: ActivityArt10BasisInput;
  @Field(() => [ActivityDataSourceEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsEnum(ActivityDataSourceEnum, { each: true })
  sources?: ActivityDataSourceEnum[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) sourceDescription?: string;
  @NestedList(() => ActivityRecipientInput, ACTIVITY_LIMITS.ids) recipients?: ActivityRecipientInput[];
  @NestedList(() => ActivityTransferInput, ACTIVITY_LIMITS.ids) transfers?: ActivityTransferInput[];
  @NestedList(() => ActivityRetentionRuleInput) retention?: ActivityRetentionRuleInput[];
  @Field(() => ActivityAutomatedDecisionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActivityAutomatedDecisionInput)
  automatedDecision?: ActivityAutomatedDecisionInput;
  @Field(() => ActivityDpiaInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActivityDpiaInput)
  dpia?: ActivityDpiaInput;
  @CodeList('Art. 32 measure codes, e.g. TOM_EVENT_LOGGING.') tomCodes?: string[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) securityDescription?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() informationSocietyService?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() likelyRisk?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() occasional?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) externalKey?: string;
}

@InputType({
  description: 'The fields to change; omitted fields stay as they are, null clears, a given list replaces the list.',
})
export class UpdateActivityInput extends PartialType(CreateActivityInput) {
  @Field(() => ID) @IsUUID() id!: string;
}

@InputType()
export class ActivityFilter {
  @Field(() => [ActivityStatusEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsEnum(ActivityStatusEnum, { each: true })
  status?: ActivityStatusEnum[];
  @Field(() => [ActivityRoleEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsEnum(ActivityRoleEnum, { each: true })
  role?: ActivityRoleEnum[];
  @Field({ nullable: true, description: 'Any purpose has this Art. 6(1) basis, e.g. ART6_1_F.' })
  @IsOptional()
  @IsString()
  @MaxLength(CODE)
  legalBasis?: string;
  @Field({ nullable: true, description: 'Any recipient or transfer is in this country (ISO alpha-2).' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  country?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() productId?: string;
  @Field({ nullable: true, description: 'true: holds special-category (Art. 9) data; false: holds none.' })
  @IsOptional()
  @IsBoolean()
  specialCategory?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(CODE) dataCategoryCode?: string;
  @Field(() => TransferStatusEnum, {
    nullable: true,
    description: 'Computed as of the read instant: the worst status over its recipients, transfers and engagements.',
  })
  @IsOptional()
  @IsEnum(TransferStatusEnum)
  transferStatus?: TransferStatusEnum;
  @Field({ nullable: true, description: 'Matches name, description, department.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
