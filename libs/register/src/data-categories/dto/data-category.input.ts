import { Field, ID, InputType, PartialType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

export const CUSTOM_CODE = /^[A-Z][A-Z0-9_]{1,60}$/;

@InputType()
export class CreateCustomDataCategoryInput {
  @Field({ description: 'Upper case letters, digits and _, starting with a letter (2-61 characters).' })
  @IsString()
  @Matches(CUSTOM_CODE, { message: 'code: upper case letters, digits and _, e.g. STUDENT_PORTFOLIO' })
  code!: string;
  @Field() @IsString() @Length(1, 200) labelNl!: string;
  @Field() @IsString() @Length(1, 200) labelEn!: string;
  @Field({ nullable: true, description: 'Art. 9(1) data (default false).' })
  @IsOptional()
  @IsBoolean()
  special?: boolean;
  @Field({ nullable: true, description: 'Art. 10 data (default false).' })
  @IsOptional()
  @IsBoolean()
  criminal?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) externalKey?: string;
}

@InputType({ description: 'The fields to change; omitted fields stay as they are, null clears.' })
export class UpdateCustomDataCategoryInput extends PartialType(CreateCustomDataCategoryInput) {
  @Field(() => ID) @IsUUID() id!: string;
}

@InputType()
export class CustomDataCategoryFilter {
  @Field({ nullable: true, description: 'Matches code and labels.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
