import { randomUUID } from 'node:crypto';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { TenantsService } from '#accounts';
import { APP_CONFIG, type AppConfig, AppError, type Principal } from '#core';
import { TenantDb, type TenantTx } from '#database';
import type { Lang } from '#gdpr';
import { ENGAGEMENT_NOTICES, type EngagementNoticeSource } from '#register';
import { buildDocument } from '../layouts/layouts.js';
import {
  type ExportChannel,
  type ExportDocument,
  ExportFormat,
  ExportLayout,
  type ExportMeta,
} from '../reports.types.js';
import { csvLines } from '../writers/csv.writer.js';
import { HashingStream } from '../writers/hashing.js';
import { jsonChunks } from '../writers/json.writer.js';
import { type FileDigest, ZipWriter } from '../writers/zip-writer.js';
import { type ExportManifest, MANIFEST_FILE } from './manifest.js';
import { type ExportedFile, RegisterExport } from './register-export.entity.js';
import { ExportSlots } from './export-slots.js';
import { RegisterSnapshotReader } from './register-stream.js';

export interface ExportRequest {
  format: ExportFormat;
  layout: ExportLayout;
  /** The register as it stood then (from the history); omitted: now. */
  asOf?: Date;
  lang?: Lang;
  channel: ExportChannel;
  /**
   * true: one zip with the files and manifest.json (always so for CSV); false: the single file
   * alone (its manifest is recorded with the export and served by id).
   */
  bundle: boolean;
}

/** What a download needs before its first byte. */
export interface ExportPlan {
  exportId: string;
  fileName: string;
  contentType: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  [ExportFormat.CSV]: 'text/csv; charset=utf-8',
  [ExportFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [ExportFormat.PDF]: 'application/pdf',
  [ExportFormat.JSON]: 'application/json',
};

/**
 * Exports a tenant's register: every table of a layout read in one snapshot (one REPEATABLE READ
 * transaction, which also reads the history's head), written straight to the caller's stream
 * while each file's SHA-256 is computed on the way out. When every file is written, the export
 * is recorded (a `register_exports` row, hence a history entry) and only then is the download
 * completed: an export that could not be recorded never completes.
 */
@Injectable()
export class ExportService {
  private readonly slots: ExportSlots;

  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantsService,
    @Inject(APP_CONFIG) config: AppConfig,
    // The change process's Art. 28(2) facts, so the findings file says what registerHealth says.
    @Optional() @Inject(ENGAGEMENT_NOTICES) private readonly notices?: EngagementNoticeSource,
  ) {
    this.slots = new ExportSlots(Math.floor(config.database.poolSize / 2));
  }

  plan(request: ExportRequest, day = new Date()): ExportPlan {
    const stamp = (request.asOf ?? day).toISOString().slice(0, 10);
    const base = `register-${request.layout}-${stamp}`;
    const zipped = request.bundle || request.format === ExportFormat.CSV;
    return {
      exportId: randomUUID(),
      fileName: zipped ? `${base}.zip` : `${base}.${request.format}`,
      contentType: zipped ? 'application/zip' : CONTENT_TYPES[request.format],
    };
  }

  /** Writes the export to `out` and answers its manifest (already recorded in the history). */
  async export(
    principal: Principal,
    request: ExportRequest,
    out: Writable,
    plan = this.plan(request),
  ): Promise<ExportManifest> {
    const generatedAt = new Date();
    if (request.asOf && request.asOf.getTime() > generatedAt.getTime())
      throw AppError.badInput('asOf', 'asOf is in the future: the register can be exported as of now or earlier.');
    const tenant = await this.tenants.current(principal);
    const lang: Lang = request.lang ?? tenant.defaultLocale;
    await this.db.releaseReadScope();
    return this.slots.run(() => this.exportIn(principal, request, out, plan, generatedAt, lang, tenant));
  }

  private exportIn(
    principal: Principal,
    request: ExportRequest,
    out: Writable,
    plan: ExportPlan,
    generatedAt: Date,
    lang: Lang,
    tenant: Awaited<ReturnType<TenantsService['current']>>,
  ): Promise<ExportManifest> {
    return this.db.run(
      principal.tenantId,
      async (tx) => {
        const history = await chainHead(tx);
        const reader = await new RegisterSnapshotReader(
          tx,
          request.asOf ?? generatedAt,
          !!request.asOf,
          this.notices,
        ).load();
        const meta: ExportMeta = {
          exportId: plan.exportId,
          tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
          layout: request.layout,
          format: request.format,
          lang,
          asOf: request.asOf ?? generatedAt,
          generatedAt,
          generatedBy: principal.actorLabel,
          history,
        };
        const manifestOf = (files: ExportedFile[]): ExportManifest => ({
          format: 'art30-export-manifest',
          version: 1,
          exportId: meta.exportId,
          tenant: meta.tenant,
          layout: meta.layout,
          exportFormat: meta.format,
          locale: lang,
          asOf: meta.asOf.toISOString(),
          generatedAt: generatedAt.toISOString(),
          generatedBy: meta.generatedBy,
          history,
          files,
        });
        const record = async (files: ExportedFile[]) => {
          const manifest = manifestOf(files);
          await this.record(principal, request, plan, manifest);
          return manifest;
        };
        const doc = await buildDocument(reader, meta);
        try {
          return await this.write(doc, request, plan, out, record, generatedAt);
        } finally {
          await doc.dispose();
        }
      },
      { readOnly: true, snapshot: true },
    );
  }

  private async write(
    doc: ExportDocument,
    request: ExportRequest,
    plan: ExportPlan,
    out: Writable,
    record: (files: ExportedFile[]) => Promise<ExportManifest>,
    generatedAt: Date,
  ): Promise<ExportManifest> {
    const baseName = plan.fileName.replace(/\.zip$/, '');
    if (request.format === ExportFormat.CSV) {
      const entries = doc.tables.map((table) => ({
        name: `${table.name}.csv`,
        add: (zip: ZipWriter) =>
          table.deflatedCsv
            ? table.deflatedCsv().then((file) => zip.addDeflated(`${table.name}.csv`, file))
            : zip.addStream(`${table.name}.csv`, csvLines(table)),
      }));
      return writeZip(entries, record, out, generatedAt);
    }
    const name = `${baseName}.${request.format}`;
    const source = () => fileStream(doc, request.format);
    if (request.bundle)
      return writeZip([{ name, add: (zip) => zip.addStream(name, source()) }], record, out, generatedAt);
    const hashing = new HashingStream();
    const held = new HoldUntil();
    const done = pipeline(source(), hashing, held, out);
    await new Promise<void>((resolve, reject) => {
      hashing.on('end', resolve);
      hashing.on('error', reject);
      done.catch(reject);
    });
    const manifest = await record([{ name, sha256: hashing.sha256, size: hashing.size }]).catch((error: unknown) => {
      held.destroy(error as Error);
      throw error;
    });
    held.release();
    await done;
    return manifest;
  }

  /** The manifest of an earlier export of the caller's tenant, from its record. */
  async manifest(principal: Principal, exportId: string): Promise<ExportManifest> {
    const [row] = await this.db.run(
      principal.tenantId,
      (tx) => tx.em.findBy(RegisterExport, { tenantId: tx.tenantId, id: exportId }),
      { readOnly: true },
    );
    if (!row) throw AppError.notFound('Export', exportId);
    const tenant = await this.tenants.current(principal);
    const [entry] = await this.db.run(
      principal.tenantId,
      (tx) =>
        tx.em.query(
          `SELECT actor_label FROM register_changes WHERE tenant_id = $1 AND entity_type = 'register_exports' AND entity_id = $2`,
          [tx.tenantId, exportId],
        ) as Promise<Array<{ actor_label: string }>>,
      { readOnly: true },
    );
    return {
      format: 'art30-export-manifest',
      version: 1,
      exportId: row.id,
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      layout: row.layout,
      exportFormat: row.format,
      locale: row.locale,
      asOf: row.asOf.toISOString(),
      generatedAt: row.generatedAt.toISOString(),
      generatedBy: entry?.actor_label ?? '',
      history: { length: Number(row.chainLength), headHash: row.chainHeadHash },
      files: row.files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.size })),
    };
  }

  private async record(principal: Principal, request: ExportRequest, plan: ExportPlan, manifest: ExportManifest) {
    const note = `${request.format} · ${request.layout} · ${manifest.locale} · as of ${manifest.asOf}`;
    await this.db.run(
      principal.tenantId,
      (tx) =>
        tx.em.insert(RegisterExport, {
          tenantId: tx.tenantId,
          id: manifest.exportId,
          name: plan.fileName,
          format: request.format,
          layout: request.layout,
          locale: manifest.locale,
          channel: request.channel,
          asOf: new Date(manifest.asOf),
          generatedAt: new Date(manifest.generatedAt),
          chainLength: String(manifest.history.length),
          chainHeadHash: manifest.history.headHash,
          files: manifest.files,
        }),
      { actor: principal.actorLabel, note },
    );
  }
}

function fileStream(doc: ExportDocument, format: ExportFormat): Readable {
  if (format === ExportFormat.JSON) return Readable.from(jsonChunks(doc));
  const through = new PassThrough();
  // exceljs and pdfkit are loaded by the first export that asks for them: imported with the
  // application, they held about 40 MB in every API and CLI process.
  const write =
    format === ExportFormat.XLSX
      ? import('../writers/xlsx.writer.js').then((m) => m.writeXlsx(doc, through))
      : import('../writers/pdf.writer.js').then((m) => m.writePdf(doc, through));
  write.catch((error: unknown) => through.destroy(error as Error));
  return through;
}

/** The head of the tenant's hash chain, read in the export's snapshot. */
async function chainHead(tx: TenantTx): Promise<{ length: number; headHash: string | null }> {
  const [head] = (await tx.em.query(
    `SELECT encode(head_hash, 'hex') AS head_hash, length::int AS length FROM register_chain_heads WHERE tenant_id = $1`,
    [tx.tenantId],
  )) as Array<{ head_hash: string | null; length: number }>;
  return { length: head?.length ?? 0, headHash: head?.head_hash ?? null };
}

/**
 * A zip of the files (written in turn, each hashed on its way in) and, last, manifest.json, made
 * once every file's hash is known and the export has been recorded. Ends `out` only then; on a
 * failure destroys it, so a download never looks complete.
 */
async function writeZip(
  entries: Array<{ name: string; add: (zip: ZipWriter) => Promise<FileDigest> }>,
  record: (files: ExportedFile[]) => Promise<ExportManifest>,
  out: Writable,
  mtime: Date,
): Promise<ExportManifest> {
  const zip = new ZipWriter(out, mtime);
  try {
    const files: ExportedFile[] = [];
    for (const entry of entries) files.push({ name: entry.name, ...(await entry.add(zip)) });
    const manifest = await record(files);
    await zip.addStream(MANIFEST_FILE, [JSON.stringify(manifest, null, 2) + '\n']);
    await zip.finish();
    out.end();
    await finished(out);
    return manifest;
  } catch (error) {
    out.destroy(error as Error);
    throw error;
  }
}

/** Lets everything through but the end, until released: the download completes only once recorded. */
class HoldUntil extends PassThrough {
  private flushed?: () => void;
  private released = false;

  release(): void {
    this.released = true;
    this.flushed?.();
  }

  override _flush(done: (error?: Error | null) => void): void {
    if (this.released) done();
    else this.flushed = () => done();
  }
}
