import { ArgsType, Field } from '@nestjs/graphql';
import { IsDate, IsOptional } from 'class-validator';

@ArgsType()
export class AsOfArgs {
  @Field(() => Date, {
    nullable: true,
    description: 'Answer as the register stood at this instant (from its history). Omit for now.',
  })
  @IsOptional()
  @IsDate()
  asOf?: Date;
}

/**
 * GraphQL models of register objects remember the instant they were read at, so nested fields
 * (a party of an activity) are read as of the same instant. Not a GraphQL field.
 */
export interface ReadAt {
  readAt?: Date;
}
