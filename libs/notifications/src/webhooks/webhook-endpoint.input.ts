import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: 'https URL on a public host.' }) @IsString() @MaxLength(2000) url!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) description?: string;
  @Field(() => [ID], { nullable: true, description: 'Only changes concerning these products (default: all).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  productIds?: string[];
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) description?: string | null;
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  productIds?: string[];
}

@ArgsType()
export class RotateWebhookSecretArgs {
  @Field(() => ID) @IsUUID() id!: string;
  @Field(() => Int, {
    nullable: true,
    description: 'Hours the previous secret keeps signing alongside the new one (0 to 168, default 24).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(168)
  overlapHours?: number;
}
