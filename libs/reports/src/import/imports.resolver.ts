import { Args, Field, InputType, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { IsBase64, IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal } from '#core';
import { ImportService } from './import.service.js';

@InputType()
export class ImportRegisterInput {
  @Field({ description: "The file, base64: art30's XLSX or zip of CSVs, one CSV, or the ICO template (XLSX or CSV)." })
  @IsBase64()
  @MaxLength(40_000_000)
  contentBase64!: string;
  @Field({ description: 'Its name (the extension says what it is), e.g. register.xlsx.' })
  @IsString()
  @Length(1, 200)
  fileName!: string;
  @Field({ nullable: true, description: 'true (default): report every problem and change nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@ObjectType('ImportProblem')
export class ImportProblemModel {
  @Field() sheet!: string;
  @Field(() => Int) row!: number;
  @Field() column!: string;
  @Field() reason!: string;
}

@ObjectType('ImportResult')
export class ImportResultModel {
  @Field() dryRun!: boolean;
  @Field() layout!: string;
  @Field({ description: 'false: nothing was written; see problems.' }) ok!: boolean;
  @Field(() => Int) rows!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => [ImportProblemModel]) problems!: ImportProblemModel[];
}

@Resolver()
export class ImportsResolver {
  constructor(private readonly imports: ImportService) {}

  @Requires(Permission.Write)
  @Mutation(() => ImportResultModel, {
    description:
      'Imports a register (art30 layout or ICO template). Dry run by default; a real run is all or nothing, and re-importing the same file changes nothing.',
  })
  importRegister(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ImportRegisterInput,
  ): Promise<ImportResultModel> {
    return this.imports.run(
      principal,
      { content: Buffer.from(input.contentBase64, 'base64'), fileName: input.fileName },
      { dryRun: input.dryRun !== false },
    );
  }
}
