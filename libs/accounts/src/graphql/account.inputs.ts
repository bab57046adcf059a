import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  IsDate,
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
  ValidateIf,
} from 'class-validator';
import { Role } from '#core';
import { LocaleEnum } from '../tenants/tenant.model.js';

const PASSWORD_RULE = 'Use 12 to 200 characters.';

@InputType()
export class SignInInput {
  @Field({ description: 'The organisation\'s slug, e.g. "cradeq".' })
  @IsString()
  @Length(1, 40)
  tenant!: string;
  @Field() @IsString() @Length(3, 254) email!: string;
  @Field() @IsString() @Length(1, 200) password!: string;
}

@InputType()
export class InviteMemberInput {
  @Field() @IsEmail({}, { message: 'Give a valid email address.' }) @MaxLength(254) email!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) displayName?: string;
  @Field(() => Role) @IsEnum(Role) role!: Role;
  @Field(() => Date, { nullable: true, description: 'Auditors only: when their access ends.' })
  @IsOptional()
  @IsDate()
  accessExpiresAt?: Date;
}

@InputType()
export class AcceptInvitationInput {
  @Field() @IsString() @MaxLength(200) token!: string;
  @Field() @IsString() @Length(12, 200, { message: PASSWORD_RULE }) password!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) displayName?: string;
}

@InputType()
export class ChangeMemberRoleInput {
  @Field(() => ID) @Matches(/^[0-9a-f-]{36}$/i, { message: 'memberId must be an id (a UUID).' }) memberId!: string;
  @Field(() => Role) @IsEnum(Role) role!: Role;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() accessExpiresAt?: Date;
}

@InputType()
export class CreateApiKeyInput {
  @Field() @IsString() @Length(1, 100) name!: string;
  @Field(() => Role) @IsEnum(Role) role!: Role;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() expiresAt?: Date;
  @Field(() => ID, {
    nullable: true,
    description: 'Required for (and only for) the customer role: the controller party.',
  })
  @IsOptional()
  @IsUUID()
  partyId?: string;
}

/** Omitted fields stay; an explicit null is refused (neither can be cleared). */
const sent = ValidateIf((_: object, value: unknown) => value !== undefined);

@InputType()
export class UpdateTenantInput {
  @Field({ nullable: true }) @sent @IsString() @Length(1, 200) name?: string;
  @Field(() => LocaleEnum, { nullable: true }) @sent @IsEnum(LocaleEnum) defaultLocale?: LocaleEnum;
  @Field(() => Int, {
    nullable: true,
    description: 'Default notice period for subprocessor changes, in days (0 to 365).',
  })
  @sent
  @IsInt()
  @Min(0)
  @Max(365)
  noticePeriodDays?: number;
}
