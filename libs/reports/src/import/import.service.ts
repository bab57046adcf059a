import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import { TenantDb, type TenantTx } from '#database';
import {
  ActivitiesService,
  DataCategoriesService,
  EngagementsService,
  PartiesService,
  ProductsService,
} from '#register';
import { isArt30, planArt30 } from './art30-import.js';
import { type ImportProblem, type Origin } from './import-cells.js';
import { parseRegisterFile } from './import-parser.js';
import type { ImportTable, PlannedRecord } from './import-plan.js';
import { planIco } from './ico-import.js';

export interface ImportResult {
  dryRun: boolean;
  layout: 'art30' | 'ico';
  /** Nothing was written when false (or on a dry run). */
  ok: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
}

export interface ImportOptions {
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOUNS: Record<ImportTable, string> = {
  data_categories: 'data category',
  parties: 'party',
  products: 'product',
  engagements: 'engagement',
  activities: 'activity',
};

/** Thrown inside the import's transaction to roll it back (dry run, or problems found). */
class RollBack extends Error {
  constructor(readonly result: ImportResult) {
    super('import rolled back');
  }
}

/**
 * Imports a register from art30's CSV/XLSX layout or the ICO template. Every row is written
 * through the register's own services (the same checks as the API) inside ONE transaction, each
 * in a savepoint, so that a bad row is reported (sheet, row, column, reason) and the next row is
 * still tried: a run finds every problem. A dry run, or a run with any problem, rolls the whole
 * transaction back (all or nothing). Rows match the register by external key (or, for keys that
 * are ids, by id); a matched row whose stored fields would not change is left untouched, so
 * importing the same file twice changes nothing, not even a timestamp.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly db: TenantDb,
    private readonly parties: PartiesService,
    private readonly products: ProductsService,
    private readonly categories: DataCategoriesService,
    private readonly engagements: EngagementsService,
    private readonly activities: ActivitiesService,
  ) {}

  async run(
    principal: Principal,
    file: { content: Buffer; fileName: string },
    options: ImportOptions,
  ): Promise<ImportResult> {
    const sheets = await parseRegisterFile(file.content, file.fileName);
    const plan = isArt30(sheets) ? planArt30(sheets) : planIco(sheets);
    if (!plan)
      throw AppError.badInput(
        'file',
        'Neither art30\'s layout (sheets or CSV files named activities, parties …) nor the ICO template (a row with "Business function" and "Purpose of processing").',
      );
    const result: ImportResult = {
      dryRun: options.dryRun,
      layout: plan.layout,
      ok: false,
      rows: plan.records.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      problems: [...plan.problems.list],
    };
    try {
      return await this.db.run(
        principal.tenantId,
        async (tx) => {
          await this.apply(tx, plan.records, result, options);
          result.ok = result.problems.length === 0;
          if (options.dryRun || !result.ok) throw new RollBack(result);
          return result;
        },
        { actor: principal.actorLabel, note: `import of ${file.fileName.slice(0, 200)}` },
      );
    } catch (error) {
      if (error instanceof RollBack) return error.result;
      throw error;
    }
  }

  private async apply(tx: TenantTx, records: PlannedRecord[], result: ImportResult, options: ImportOptions) {
    const keys = new Map<ImportTable, Map<string, string>>();
    for (const table of ['data_categories', 'parties', 'products', 'engagements', 'activities'] as const) {
      const rows = (await tx.em.query(
        `SELECT external_key, id::text AS id FROM ${table} WHERE tenant_id = $1 AND external_key IS NOT NULL`,
        [tx.tenantId],
      )) as Array<{ external_key: string; id: string }>;
      keys.set(table, new Map(rows.map((r) => [r.external_key, r.id])));
    }
    const problem = (origin: Origin, column: string, reason: string) =>
      result.problems.push({
        sheet: origin.sheet,
        row: origin.row,
        column: origin.headings.get(column) ?? column,
        reason,
      });
    const byId = async (table: ImportTable, key: string): Promise<string | null> => {
      if (!UUID.test(key)) return null;
      const rows = (await tx.em.query(`SELECT id::text AS id FROM ${table} WHERE tenant_id = $1 AND id = $2`, [
        tx.tenantId,
        key,
      ])) as Array<{ id: string }>;
      return rows[0]?.id ?? null;
    };
    // Keys that are ids of rows with no key of their own (a re-import of an export).
    const idKeys = new Map<string, string>();
    for (const record of records) {
      const found = keys.get(record.table)!.has(record.key) ? null : await byId(record.table, record.key);
      if (found) idKeys.set(`${record.table}:${record.key}`, found);
    }
    let done = 0;
    for (const record of records) {
      const missing: Array<[Origin, string, string]> = [];
      const input = record.build((table, key, origin, column) => {
        const id = keys.get(table)!.get(key) ?? idKeys.get(`${table}:${key}`);
        if (!id)
          missing.push([origin, column, `No ${NOUNS[table]} with key "${key}" in this file or in the register.`]);
        return id ?? null;
      });
      for (const m of missing) problem(...m);
      if (missing.length === 0) await this.write(tx, record, input, keys, idKeys, result, problem);
      options.onProgress?.(++done, records.length);
    }
  }

  private async write(
    tx: TenantTx,
    record: PlannedRecord,
    input: Record<string, unknown>,
    keys: Map<ImportTable, Map<string, string>>,
    idKeys: Map<string, string>,
    result: ImportResult,
    problem: (origin: Origin, column: string, reason: string) => void,
  ): Promise<void> {
    const matchedById = idKeys.get(`${record.table}:${record.key}`);
    const existing = keys.get(record.table)!.get(record.key) ?? matchedById;
    // A row matched by its id keeps having no key of its own.
    if (matchedById) delete input.externalKey;
    await tx.em.query('SAVEPOINT import_row');
    try {
      if (!existing) {
        const created = await this.insert(tx, record.table, input);
        keys.get(record.table)!.set(record.key, created.id);
        result.created += 1;
      } else {
        const before = await snapshot(tx, record.table, existing);
        await this.update(tx, record.table, existing, input, record, problem);
        if (JSON.stringify(before) === JSON.stringify(await snapshot(tx, record.table, existing))) {
          await tx.em.query('ROLLBACK TO SAVEPOINT import_row'); // not even updated_at moves
          result.unchanged += 1;
        } else result.updated += 1;
      }
      await tx.em.query('RELEASE SAVEPOINT import_row');
    } catch (error) {
      await tx.em.query('ROLLBACK TO SAVEPOINT import_row');
      if (error instanceof AppError) {
        const at = record.locate(error.field);
        problem(at.origin, at.column, error.message);
      } else {
        const code = (error as { code?: string }).code;
        problem(record.origin, '', `This row could not be stored${code ? ` (database error ${code})` : ''}.`);
      }
    }
  }

  private insert(tx: TenantTx, table: ImportTable, input: Record<string, unknown>): Promise<{ id: string }> {
    switch (table) {
      case 'data_categories':
        return this.categories.insert(tx, input as never);
      case 'parties':
        return this.parties.insert(tx, input as never);
      case 'products':
        return this.products.insert(tx, input as never);
      case 'engagements':
        return this.engagements.insert(tx, input as never);
      case 'activities':
        return this.activities.insert(tx, input as never);
    }
  }

  private async update(
    tx: TenantTx,
    table: ImportTable,
    id: string,
    input: Record<string, unknown>,
    record: PlannedRecord,
    problem: (origin: Origin, column: string, reason: string) => void,
  ): Promise<void> {
    switch (table) {
      case 'data_categories': {
        const [row] = (await tx.em.query(
          `SELECT code, label_nl, label_en, special, criminal FROM data_categories WHERE tenant_id = $1 AND id = $2`,
          [tx.tenantId, id],
        )) as Array<{ code: string; label_nl: string; label_en: string; special: boolean; criminal: boolean }>;
        const same =
          row &&
          row.code === input.code &&
          row.label_nl === input.labelNl &&
          row.label_en === input.labelEn &&
          row.special === input.special &&
          row.criminal === input.criminal;
        if (!same)
          problem(record.origin, 'code', 'This data category differs from the one in the register: change it there.');
        return;
      }
      case 'parties':
        await this.parties.patch(tx, id, input as never);
        return;
      case 'products':
        await this.products.patch(tx, id, input as never);
        return;
      case 'engagements':
        await this.engagements.patch(tx, id, input as never);
        return;
      case 'activities':
        await this.activities.replace(tx, id, input as never);
        return;
    }
  }
}

async function snapshot(tx: TenantTx, table: ImportTable, id: string): Promise<unknown> {
  const [row] = (await tx.em.query(
    `SELECT to_jsonb(t) - 'updated_at' AS row FROM ${table} t WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, id],
  )) as Array<{ row: unknown }>;
  return row?.row ?? null;
}
