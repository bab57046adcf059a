import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Why a change was made: stored with its entries in the register history. */
@ArgsType()
export class ChangeNoteArgs {
  @Field({ nullable: true, description: 'Why: kept with the change in the register history.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
