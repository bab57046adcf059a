import { Field, ID, InputType, PartialType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

@InputType()
export class CreateProductInput {
  @Field() @IsString() @Length(1, 200) name!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^https?:\/\//, { message: 'website: an http(s) URL' })
  website?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) externalKey?: string;
}

@InputType({ description: 'The fields to change; omitted fields stay as they are, null clears.' })
export class UpdateProductInput extends PartialType(CreateProductInput) {
  @Field(() => ID) @IsUUID() id!: string;
}

@InputType()
export class ProductFilter {
  @Field({ nullable: true, description: 'Matches name and description.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
