import { Field, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PartyRoleEnum } from '../party.model.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class CertificationInput {
  @Field()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,40}$/, { message: 'code: upper case, e.g. EU_US_DPF' })
  code!: string;
  @Field({ nullable: true }) @IsOptional() @Matches(DAY, { message: 'since: YYYY-MM-DD' }) since?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(DAY, { message: 'until: YYYY-MM-DD' }) until?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) reference?: string;
}

@InputType()
export class CreatePartyInput {
  @Field() @IsString() @Length(1, 300) name!: string;
  @Field(() => [PartyRoleEnum]) @IsEnum(PartyRoleEnum, { each: true }) @ArrayMaxSize(7) roles!: PartyRoleEnum[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) legalForm?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) registrationNumber?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) street?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(20) postalCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) city?: string;
  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2.' })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  country?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) contactName?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) contactEmail?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(50) contactPhone?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) dpoName?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) dpoEmail?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(50) dpoPhone?: string;
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^https?:\/\//, { message: 'website: an http(s) URL' })
  website?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() isPublicAuthority?: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) staffCount?: number;
  @Field(() => [CertificationInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CertificationInput)
  certifications?: CertificationInput[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) externalKey?: string;
}

@InputType({ description: 'The fields to change; omitted fields stay as they are, null clears.' })
export class UpdatePartyInput extends PartialType(CreatePartyInput) {
  @Field(() => ID) @IsUUID() id!: string;
}

@InputType()
export class PartyFilter {
  @Field(() => [PartyRoleEnum], { nullable: true })
  @IsOptional()
  @IsEnum(PartyRoleEnum, { each: true })
  roles?: PartyRoleEnum[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(3) country?: string;
  @Field({ nullable: true, description: 'Matches name, registration number, city.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
