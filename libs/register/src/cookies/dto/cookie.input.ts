import { Field, ID, InputType, PartialType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { CookieCategoryEnum, CookiePartyEnum } from '../cookie.model.js';

@InputType()
export class CreateCookieInput {
  @Field(() => ID, { nullable: true, description: 'The product that sets it.' })
  @IsOptional()
  @IsUUID()
  productId?: string;
  @Field() @IsString() @Length(1, 200) name!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(1000) purpose?: string;
  @Field(() => CookieCategoryEnum) @IsEnum(CookieCategoryEnum) category!: CookieCategoryEnum;
  @Field(() => CookiePartyEnum) @IsEnum(CookiePartyEnum) party!: CookiePartyEnum;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) provider?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) lifetime?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) externalKey?: string;
}

@InputType({ description: 'The fields to change; omitted fields stay as they are, null clears.' })
export class UpdateCookieInput extends PartialType(CreateCookieInput) {
  @Field(() => ID) @IsUUID() id!: string;
}

@InputType()
export class CookieFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() productId?: string;
  @Field(() => CookieCategoryEnum, { nullable: true })
  @IsOptional()
  @IsEnum(CookieCategoryEnum)
  category?: CookieCategoryEnum;
  @Field(() => CookiePartyEnum, { nullable: true }) @IsOptional() @IsEnum(CookiePartyEnum) party?: CookiePartyEnum;
  @Field({ nullable: true, description: 'Matches name, provider and purpose.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
