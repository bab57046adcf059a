import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { RegisterEntityTypeEnum } from './history.models.js';
import { LocaleEnum } from './locale.js';

@ArgsType()
export class LocaleArgs {
  @Field(() => LocaleEnum, { nullable: true, description: "Language of summaries; default: the tenant's." })
  @IsOptional()
  @IsEnum(LocaleEnum)
  locale?: LocaleEnum;
}

@ArgsType()
export class ChangelogFilterArgs {
  @Field(() => Date, { nullable: true, description: 'Changes effective at or after this instant.' })
  @IsOptional()
  @IsDate()
  since?: Date;

  @Field(() => Date, { nullable: true, description: 'Changes effective at or before this instant.' })
  @IsOptional()
  @IsDate()
  until?: Date;

  @Field(() => RegisterEntityTypeEnum, { nullable: true })
  @IsOptional()
  @IsEnum(RegisterEntityTypeEnum)
  entityType?: RegisterEntityTypeEnum;

  @Field(() => ID, { nullable: true, description: 'Only changes of this object.' })
  @IsOptional()
  @IsUUID()
  entityId?: string;
}

@ArgsType()
export class EntityHistoryArgs {
  @Field(() => RegisterEntityTypeEnum)
  @IsEnum(RegisterEntityTypeEnum)
  entityType!: RegisterEntityTypeEnum;

  @Field(() => ID)
  @IsUUID()
  entityId!: string;

  @Field(() => Int, { nullable: true, description: 'Newest entries to return, 1 to 500 (default 100).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  first?: number;
}
