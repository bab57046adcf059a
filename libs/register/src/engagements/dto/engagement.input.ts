import { Field, ID, InputType, PartialType } from '@nestjs/graphql';
import { isIsoDate } from '#gdpr';
import {
  ArrayMaxSize,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { EngagementStatusEnum } from '../engagement.model.js';

/** A calendar day YYYY-MM-DD that exists (no 2025-02-30). */
function IsDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isDay', validator: { validate: isIsoDate, defaultMessage: (a) => `${a?.property}: a date YYYY-MM-DD` } },
    options,
  );
}

@InputType()
export class CreateEngagementInput {
  @Field(() => ID, { description: 'The party engaged.' }) @IsUUID() vendorId!: string;
  @Field(() => ID, { nullable: true, description: 'The engagement this one is a sub-processor under.' })
  @IsOptional()
  @IsUUID()
  parentEngagementId?: string;
  @Field() @IsString() @Length(1, 1000) purpose!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @Field(() => EngagementStatusEnum, { nullable: true, description: 'Default ACTIVE.' })
  @IsOptional()
  @IsEnum(EngagementStatusEnum)
  status?: EngagementStatusEnum;
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  productIds?: string[];
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(61, { each: true })
  dataCategoryCodes?: string[];
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 (or EPO).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(3, { each: true })
  processingLocations?: string[];
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 (or EPO).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(3, { each: true })
  accessLocations?: string[];
  @Field({ nullable: true, description: 'A transferMechanisms code, e.g. SCC_MODULE_3.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  transferMechanism?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) tiaReference?: string;
  @Field({ nullable: true }) @IsOptional() @IsDay() tiaReviewDate?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) supplementaryMeasures?: string;
  @Field({ nullable: true }) @IsOptional() @IsDay() dpaSignedOn?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) dpaReference?: string;
  @Field({ nullable: true }) @IsOptional() @IsDay() startedOn?: string;
  @Field({ nullable: true }) @IsOptional() @IsDay() endedOn?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) externalKey?: string;
}

@InputType({ description: 'The fields to change; omitted fields stay as they are, null clears.' })
export class UpdateEngagementInput extends PartialType(CreateEngagementInput) {
  @Field(() => ID) @IsUUID() id!: string;
}

@InputType()
export class EngagementFilter {
  @Field(() => EngagementStatusEnum, { nullable: true })
  @IsOptional()
  @IsEnum(EngagementStatusEnum)
  status?: EngagementStatusEnum;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() vendorId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() parentEngagementId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() productId?: string;
  @Field({ nullable: true, description: 'Processed in or accessed from this country.' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  country?: string;
  @Field({ nullable: true, description: 'Matches purpose, description, DPA and TIA references.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
