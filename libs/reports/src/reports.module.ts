import { Module } from '@nestjs/common';
import { AccountsModule } from '#accounts';
import { RegisterModule } from '#register';
import { ExportService } from './exports/export.service.js';
import { ExportsResolver } from './exports/exports.resolver.js';
import { ExportVerifier } from './exports/verify.service.js';
import { ExportsController } from './http/exports.controller.js';
import { ImportService } from './import/import.service.js';
import { ImportsResolver } from './import/imports.resolver.js';

/**
 * Reports for auditors and supervisory authorities (exports in three layouts and four formats,
 * each with a manifest and recorded in the history) and imports of spreadsheet registers.
 * The services serve the API and the CLI; the resolvers and the controller only the API.
 */
@Module({
  imports: [AccountsModule, RegisterModule],
  providers: [ExportService, ExportVerifier, ImportService],
  exports: [ExportService, ExportVerifier, ImportService],
})
export class ReportsModule {}

/** The API's part: GraphQL and the HTTP download. */
@Module({
  imports: [ReportsModule],
  providers: [ExportsResolver, ImportsResolver],
  controllers: [ExportsController],
})
export class ReportsApiModule {}
