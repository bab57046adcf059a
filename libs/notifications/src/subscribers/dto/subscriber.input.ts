import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { LocaleEnum } from '#accounts';
import {
  ArrayMaxSize,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SubscriberStatusEnum } from '../subscriber.model.js';

@InputType({ description: 'Subscribe an address; it receives notices once it confirms the email sent to it.' })
export class AddSubscriberInput {
  @Field() @IsEmail() @MaxLength(254) email!: string;
  @Field(() => LocaleEnum, { nullable: true, description: "Default: the organisation's language." })
  @IsOptional()
  @IsEnum(LocaleEnum)
  language?: LocaleEnum;
  @Field(() => [ID], { nullable: true, description: 'Only changes to these products; omit or empty for all.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  productIds?: string[];
}

@InputType({ description: 'A public subscription to an organisation’s subprocessor changes.' })
export class SubscribeInput extends AddSubscriberInput {
  @Field({ description: 'The organisation (its slug, as in /t/<slug>/subprocessors).' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'tenant: an organisation slug' })
  tenant!: string;
}

@InputType()
export class SubscriberFilter {
  @Field(() => SubscriberStatusEnum, { nullable: true })
  @IsOptional()
  @IsEnum(SubscriberStatusEnum)
  status?: SubscriberStatusEnum;
  @Field({ nullable: true, description: 'Part of the email address.' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  search?: string;
}

@ArgsType()
export class SubscriberPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 50).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number;
  @Field({ nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}
