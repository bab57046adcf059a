import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { AppError, Permission, type Principal } from '#core';
import { UuidPipe } from '#core';
import { ExportFormat, ExportLayout } from '../reports.types.js';
import { ExportService } from './export.service.js';
import {
  ExportManifestModel,
  ExportRegisterInput,
  ExportVerificationModel,
  RegisterExportModel,
  VerifyExportInput,
} from './exports.models.js';
import { ExportVerifier } from './verify.service.js';

/** GraphQL answers carry the file inline: beyond this, the HTTP download (GET /exports/register) serves. */
export const GRAPHQL_EXPORT_LIMIT = 20 * 1024 * 1024;

@Resolver()
export class ExportsResolver {
  constructor(
    private readonly exports: ExportService,
    private readonly verifier: ExportVerifier,
  ) {}

  @Requires(Permission.Export)
  @Mutation(() => RegisterExportModel, {
    description:
      'Exports the register (now or as of an instant) with its manifest; recorded in the history. Large registers: GET /exports/register.',
  })
  async exportRegister(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ExportRegisterInput,
  ): Promise<RegisterExportModel> {
    const request = {
      format: input.format,
      layout: input.layout ?? ExportLayout.ART30,
      ...(input.asOf ? { asOf: input.asOf } : {}),
      ...(input.locale ? { lang: input.locale } : {}),
      channel: 'graphql' as const,
      bundle: input.format === ExportFormat.CSV || input.bundle !== false,
    };
    const plan = this.exports.plan(request);
    const chunks: Buffer[] = [];
    let size = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > GRAPHQL_EXPORT_LIMIT)
          return done(
            AppError.badInput(
              'input',
              'This export is too large to answer inline: download it over HTTP (GET /exports/register).',
            ),
          );
        chunks.push(chunk);
        done();
      },
    });
    const manifest = await this.exports.export(principal, request, sink, plan);
    const content = Buffer.concat(chunks);
    return Object.assign(new RegisterExportModel(), {
      fileName: plan.fileName,
      contentType: plan.contentType,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      contentBase64: content.toString('base64'),
      manifest: ExportManifestModel.from(manifest),
    });
  }

  @Requires(Permission.Export)
  @Query(() => ExportManifestModel, { description: 'The recorded manifest of an earlier export.' })
  async exportManifest(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<ExportManifestModel> {
    return ExportManifestModel.from(await this.exports.manifest(principal, id));
  }

  @Requires(Permission.Read)
  @Query(() => ExportVerificationModel, {
    description:
      'Checks exported files against their manifest, the export against its record, and the whole history chain.',
  })
  async verifyExport(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: VerifyExportInput,
  ): Promise<ExportVerificationModel> {
    return ExportVerificationModel.from(
      await this.verifier.verify(principal, {
        content: Buffer.from(input.contentBase64, 'base64'),
        fileName: input.fileName ?? null,
        manifestJson: input.manifestJson ?? null,
        exportId: input.exportId ?? null,
      }),
    );
  }
}
