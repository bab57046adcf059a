import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBase64, IsBoolean, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { LocaleEnum } from '#accounts';
import { ExportFormat, ExportLayout } from '../reports.types.js';
import type { ExportManifest } from './manifest.js';
import type { ExportVerification } from './verify.service.js';

@InputType()
export class ExportRegisterInput {
  @Field(() => ExportFormat) @IsEnum(ExportFormat) format!: ExportFormat;
  @Field(() => ExportLayout, { nullable: true, description: 'Default ART30.' })
  @IsOptional()
  @IsEnum(ExportLayout)
  layout?: ExportLayout;
  @Field({ nullable: true, description: 'The register as it stood at this instant (from its history). Omit for now.' })
  @IsOptional()
  @IsDate()
  asOf?: Date;
  @Field(() => LocaleEnum, { nullable: true, description: "Default: the organisation's language." })
  @IsOptional()
  @IsEnum(LocaleEnum)
  locale?: LocaleEnum;
  @Field({
    nullable: true,
    description: 'true (default): a zip with the file(s) and manifest.json; false: the file alone (not for CSV).',
  })
  @IsOptional()
  @IsBoolean()
  bundle?: boolean;
}

@InputType()
export class VerifyExportInput {
  @Field({ description: 'The bundle (zip with manifest.json) or one exported file, base64.' })
  @IsBase64()
  @MaxLength(40_000_000)
  contentBase64!: string;
  @Field({ nullable: true, description: "The file's name as in the manifest (for a single file)." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fileName?: string;
  @Field({ nullable: true, description: 'The manifest.json text, for a single file.' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
  manifestJson?: string;
  @Field(() => ID, { nullable: true, description: 'Or the export id: its recorded manifest is used.' })
  @IsOptional()
  @IsUUID()
  exportId?: string;
}

@ObjectType('ExportedFile')
export class ExportedFileModel {
  @Field() name!: string;
  @Field() sha256!: string;
  @Field(() => Int) size!: number;
}

@ObjectType('ExportManifest', { description: 'What an export says about itself; manifest.json in a bundle.' })
export class ExportManifestModel {
  @Field(() => ID) exportId!: string;
  @Field() tenantSlug!: string;
  @Field() layout!: string;
  @Field() format!: string;
  @Field() locale!: string;
  @Field() asOf!: Date;
  @Field() generatedAt!: Date;
  @Field() generatedBy!: string;
  @Field(() => Int, { description: 'Entries in the hash-chained history when the export was made.' })
  historyLength!: number;
  @Field(() => String, { nullable: true }) historyHeadHash!: string | null;
  @Field(() => [ExportedFileModel]) files!: ExportedFileModel[];
  @Field({ description: 'The manifest as JSON, exactly as manifest.json holds it.' }) json!: string;

  static from(m: ExportManifest): ExportManifestModel {
    return Object.assign(new ExportManifestModel(), {
      exportId: m.exportId,
      tenantSlug: m.tenant.slug,
      layout: m.layout,
      format: m.exportFormat,
      locale: m.locale,
      asOf: new Date(m.asOf),
      generatedAt: new Date(m.generatedAt),
      generatedBy: m.generatedBy,
      historyLength: m.history.length,
      historyHeadHash: m.history.headHash,
      files: m.files,
      json: JSON.stringify(m, null, 2) + '\n',
    });
  }
}

@ObjectType('RegisterExport')
export class RegisterExportModel {
  @Field() fileName!: string;
  @Field() contentType!: string;
  @Field(() => Int) size!: number;
  @Field({ description: 'SHA-256 of the content (the bundle itself).' }) sha256!: string;
  @Field() contentBase64!: string;
  @Field(() => ExportManifestModel) manifest!: ExportManifestModel;
}

@ObjectType('ExportFileVerdict')
export class FileVerdictModel {
  @Field() name!: string;
  @Field() expectedSha256!: string;
  @Field(() => String, { nullable: true }) actualSha256!: string | null;
  @Field() ok!: boolean;
}

@ObjectType('ExportVerification')
export class ExportVerificationModel {
  @Field({ description: 'Files match, the export is on record as stated, and the history verifies.' }) ok!: boolean;
  @Field(() => ID, { nullable: true }) exportId!: string | null;
  @Field(() => [FileVerdictModel]) files!: FileVerdictModel[];
  @Field() recorded!: boolean;
  @Field() headInChain!: boolean;
  @Field() historyOk!: boolean;
  @Field(() => Int) historyLength!: number;
  @Field(() => [String]) problems!: string[];

  static from(v: ExportVerification): ExportVerificationModel {
    return Object.assign(new ExportVerificationModel(), v);
  }
}
