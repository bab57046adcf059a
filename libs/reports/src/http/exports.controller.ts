import { Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Requires } from '#accounts';
import { AppError, Permission, type Principal, UuidPipe } from '#core';
import type { Lang } from '#gdpr';
import { ExportService, type ExportRequest } from '../exports/export.service.js';
import type { ExportManifest } from '../exports/manifest.js';
import { ExportVerifier, type ExportVerification } from '../exports/verify.service.js';
import { ExportFormat, ExportLayout } from '../reports.types.js';

const MAX_VERIFY_BYTES = 200 * 1024 * 1024;

/**
 * Plain HTTP for what GraphQL carries badly: the download of a large export, streamed as it is
 * written, and checking a file someone holds. Authenticated like the API: `Authorization: Bearer
 * <session token or API key>` (the global guard). E.g.
 *   curl -H "authorization: Bearer $TOKEN" -OJ 'localhost:3000/exports/register?format=xlsx&locale=nl'
 */
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportService,
    private readonly verifier: ExportVerifier,
  ) {}

  @Requires(Permission.Export)
  @Get('register')
  async register(
    @CurrentPrincipal() principal: Principal,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const request = exportRequest(query);
    const plan = this.exports.plan(request);
    res.setHeader('content-type', plan.contentType);
    res.setHeader('content-disposition', `attachment; filename="${plan.fileName}"`);
    res.setHeader('x-art30-export-id', plan.exportId);
    res.setHeader('cache-control', 'no-store');
    try {
      await this.exports.export(principal, request, res, plan);
    } catch (error) {
      // Before the first byte: a JSON error. After it: the download is cut short, so no complete
      // file exists without its record in the history.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      for (const header of ['content-type', 'content-disposition', 'x-art30-export-id']) res.removeHeader(header);
      throw error;
    }
  }

  @Requires(Permission.Export)
  @Get(':id/manifest')
  @Header('cache-control', 'no-store')
  manifest(@CurrentPrincipal() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ExportManifest> {
    return this.exports.manifest(principal, id);
  }

  /**
   * The request body is the bundle (zip) or one file:
   *   curl -H "authorization: Bearer $TOKEN" --data-binary @register.zip -H 'content-type: application/zip' localhost:3000/exports/verify
   *   curl … --data-binary @register-art30-2026-11-22.xlsx -H 'content-type: application/octet-stream' 'localhost:3000/exports/verify?exportId=…'
   */
  @Requires(Permission.Read)
  @Post('verify')
  async verify(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Query('exportId') exportId?: string,
    @Query('fileName') fileName?: string,
  ): Promise<ExportVerification> {
    if (exportId !== undefined) new UuidPipe().transform(exportId, { type: 'query', data: 'exportId' });
    const content = await readBody(req);
    return this.verifier.verify(principal, { content, fileName: fileName ?? null, exportId: exportId ?? null });
  }
}

function readBody(req: Request): Promise<Buffer> {
  if (Buffer.isBuffer(req.body)) return Promise.resolve(req.body);
  if (req.readableEnded) throw AppError.badInput('body', 'Send the file as the request body (--data-binary @file).');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_VERIFY_BYTES) {
        reject(AppError.badInput('body', 'This file is too large to check here: use `npm run cli -- verify`.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const oneOf = <T extends string>(field: string, value: unknown, allowed: readonly T[], fallback?: T): T => {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value.toLowerCase()))
    return value.toLowerCase() as T;
  throw AppError.badInput(field, `${field} must be one of ${allowed.join(', ')}.`);
};

export function exportRequest(query: Record<string, unknown>): ExportRequest {
  const format = oneOf('format', query.format, Object.values(ExportFormat));
  const layout = oneOf('layout', query.layout, Object.values(ExportLayout), ExportLayout.ART30);
  const lang = query.locale === undefined ? undefined : oneOf<Lang>('locale', query.locale, ['nl', 'en']);
  let asOf: Date | undefined;
  if (query.asOf !== undefined) {
    asOf = typeof query.asOf === 'string' ? new Date(query.asOf) : new Date(NaN);
    if (Number.isNaN(asOf.getTime()))
      throw AppError.badInput('asOf', 'asOf must be an instant, e.g. 2026-01-01 or 2026-01-01T12:00:00Z.');
  }
  const bundle = oneOf('bundle', query.bundle, ['true', 'false'], 'true') === 'true';
  return {
    format,
    layout,
    ...(asOf ? { asOf } : {}),
    ...(lang ? { lang } : {}),
    channel: 'http',
    bundle: bundle || format === ExportFormat.CSV,
  };
}
