import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CreateEngagementInput, UpdateEngagementInput } from '#register';
import { ChangeStatusEnum } from './change.models.js';

/** When an announced change takes effect; shared by every announcement. */
@InputType({ isAbstract: true })
export class AnnouncementTimingInput {
  @Field(() => Date, { nullable: true, description: 'Later than the notice period allows is fine; earlier is not.' })
  @IsOptional()
  @IsDate()
  effectiveAt?: Date;
  @Field(() => Int, { nullable: true, description: "Overrides the organisation's notice period for this change." })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  noticePeriodDays?: number;
  @Field({ nullable: true, description: 'Takes effect at once (an emergency); customers are still notified.' })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  urgentReason?: string;
  @Field({ nullable: true, description: 'Why: kept in the history and shown with the change.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

@InputType()
export class AnnounceSubprocessorAdditionInput extends AnnouncementTimingInput {
  @Field(() => CreateEngagementInput)
  @ValidateNested()
  @Type(() => CreateEngagementInput)
  engagement!: CreateEngagementInput;
}

@InputType()
export class AnnounceSubprocessorChangeInput extends AnnouncementTimingInput {
  @Field(() => UpdateEngagementInput, { description: 'The engagement and the fields that change.' })
  @ValidateNested()
  @Type(() => UpdateEngagementInput)
  changes!: UpdateEngagementInput;
}

@InputType()
export class AnnounceSubprocessorReplacementInput extends AnnouncementTimingInput {
  @Field(() => ID) @IsUUID() replacedEngagementId!: string;
  @Field(() => CreateEngagementInput)
  @ValidateNested()
  @Type(() => CreateEngagementInput)
  engagement!: CreateEngagementInput;
}

@InputType()
export class AnnounceSubprocessorRemovalInput extends AnnouncementTimingInput {
  @Field(() => ID) @IsUUID() engagementId!: string;
}

@InputType()
export class DecideSubprocessorChangeInput {
  @Field(() => ID) @IsUUID() changeId!: string;
  @Field(() => ID, { description: 'The controller (party) whose decision this is.' }) @IsUUID() partyId!: string;
  @Field() @IsBoolean() approve!: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

@ArgsType()
export class ChangeFilterArgs {
  @Field(() => ChangeStatusEnum, { nullable: true }) @IsOptional() @IsEnum(ChangeStatusEnum) status?: ChangeStatusEnum;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() engagementId?: string;
}
