import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import type { TenantTx } from '#database';
import { DATA_CATEGORIES } from '#gdpr';
import { assertExternalKeyFree } from '../common/external-key.js';
import type { Connection } from '../common/pagination.js';
import { type Condition, RegisterReader } from '../common/register-reader.js';
import { registerSource } from '../common/register-source.js';
import { RegisterWriter, type WriteOptions } from '../common/register-writer.js';
import { mapRows } from '../common/row-mapper.js';
import { containsPattern } from '../common/text-search.js';
import { applyChanges, sentFields } from '../common/updates.js';
import { CustomDataCategory } from './data-category.entity.js';
import type {
  CreateCustomDataCategoryInput,
  CustomDataCategoryFilter,
  UpdateCustomDataCategoryInput,
} from './dto/data-category.input.js';
import { findForUpdate } from '../common/row-lock.js';

export const customDataCategoryReader = new RegisterReader<CustomDataCategory>('data_categories', CustomDataCategory);
export const SHIPPED_DATA_CATEGORY_CODES: ReadonlySet<string> = new Set(DATA_CATEGORIES.map((c) => c.code));

/** The tenant's own data categories, extending the shipped taxonomy (#gdpr DATA_CATEGORIES). */
@Injectable()
export class DataCategoriesService {
  constructor(private readonly register: RegisterWriter) {}

  list(
    principal: Principal,
    filter: CustomDataCategoryFilter = {},
    page: { first?: number; after?: string } = {},
    asOf?: Date,
  ): Promise<Connection<CustomDataCategory>> {
    const conditions: Condition[] = [];
    if (filter.search) {
      conditions.push({
        sql: '(r.code ILIKE ? OR r.label_nl ILIKE ? OR r.label_en ILIKE ?)',
        params: Array(3).fill(containsPattern(filter.search)),
      });
    }
    return this.register.read(principal, (tx) =>
      customDataCategoryReader.page(tx, { conditions, sortColumn: 'code', ...page }, asOf),
    );
  }

  /** Every custom category (a tenant has tens, not thousands), ordered by code. */
  all(principal: Principal, asOf?: Date): Promise<CustomDataCategory[]> {
    return this.register.read(principal, async (tx) => {
      const params: unknown[] = [];
      const rows = await tx.em.query(
        `SELECT * FROM ${registerSource('data_categories', asOf, params)} r ORDER BY r.code`,
        params,
      );
      return mapRows(tx.em, CustomDataCategory, rows);
    });
  }

  async get(principal: Principal, id: string, asOf?: Date): Promise<CustomDataCategory> {
    const [category] = await this.register.read(principal, (tx) => customDataCategoryReader.byIds(tx, [id], asOf));
    if (!category) throw AppError.notFound('Data category', id);
    return category;
  }

  byIds(principal: Principal, ids: readonly string[], asOf?: Date): Promise<CustomDataCategory[]> {
    return this.register.read(principal, (tx) => customDataCategoryReader.byIds(tx, ids, asOf));
  }

  create(
    principal: Principal,
    input: CreateCustomDataCategoryInput,
    options?: WriteOptions,
  ): Promise<CustomDataCategory> {
    return this.register.write(principal, (tx) => this.insert(tx, input), options);
  }

  /** Inside a caller's transaction (imports and seeding write many rows in one). */
  async insert(tx: TenantTx, input: CreateCustomDataCategoryInput): Promise<CustomDataCategory> {
    const now = new Date();
    const category = tx.em.create(CustomDataCategory, {
      special: false,
      criminal: false,
      description: null,
      externalKey: null,
      ...sentFields(input),
      tenantId: tx.tenantId,
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
    });
    await this.guard(tx, category);
    await tx.em.insert(CustomDataCategory, category);
    return category;
  }

  update(
    principal: Principal,
    input: UpdateCustomDataCategoryInput,
    options?: WriteOptions,
  ): Promise<CustomDataCategory> {
    return this.register.write(
      principal,
      async (tx) => {
        const category = await findForUpdate(tx, CustomDataCategory, input.id);
        if (!category) throw AppError.notFound('Data category', input.id);
        const oldCode = category.code;
        applyChanges(category, sentFields(input), ['code', 'labelNl', 'labelEn', 'special', 'criminal']);
        if (category.code !== oldCode) {
          const uses = await usesOf(tx, oldCode);
          if (uses)
            throw AppError.conflict(`${oldCode} is still used by ${uses}: its code cannot change.`, 'input.code');
        }
        await this.guard(tx, category);
        category.updatedAt = new Date();
        return tx.em.save(category);
      },
      options,
    );
  }

  delete(principal: Principal, id: string, options?: WriteOptions): Promise<CustomDataCategory> {
    return this.register.write(
      principal,
      async (tx) => {
        const category = await tx.em.findOneBy(CustomDataCategory, { tenantId: tx.tenantId, id });
        if (!category) throw AppError.notFound('Data category', id);
        const uses = await usesOf(tx, category.code);
        if (uses) throw AppError.conflict(`${category.code} is still used by ${uses}.`);
        await tx.em.delete(CustomDataCategory, { tenantId: tx.tenantId, id });
        return category;
      },
      options,
    );
  }

  /** Shipped codes or the tenant's own; anything else is BAD_USER_INPUT naming the field (`input.dataCategoryCodes[2]`). */
  async checkCodes(tx: TenantTx, field: string, codes: readonly string[]): Promise<string[]> {
    const custom = [...new Set(codes.filter((code) => !SHIPPED_DATA_CATEGORY_CODES.has(code)))];
    const found = new Set(
      custom.length === 0
        ? []
        : (
            (await tx.em.query(`SELECT code FROM data_categories WHERE tenant_id = $1 AND code = ANY($2::text[])`, [
              tx.tenantId,
              custom,
            ])) as Array<{ code: string }>
          ).map((r) => r.code),
    );
    codes.forEach((code, i) => {
      if (!SHIPPED_DATA_CATEGORY_CODES.has(code) && !found.has(code))
        throw AppError.badInput(
          `${field}[${i}]`,
          `"${code}" is not a known data category: use a shipped code (e.g. DC_EMAIL) or add your own first.`,
        );
    });
    return [...new Set(codes)];
  }

  private async guard(tx: TenantTx, category: CustomDataCategory): Promise<void> {
    if (category.special && category.criminal)
      throw AppError.badInput(
        'input.criminal',
        'A category is either special (Art. 9) or criminal-conviction data (Art. 10), not both.',
      );
    if (SHIPPED_DATA_CATEGORY_CODES.has(category.code))
      throw AppError.conflict(
        `${category.code} is a shipped data category: use it, or pick another code.`,
        'input.code',
      );
    const clash = await tx.em.findOneBy(CustomDataCategory, { tenantId: tx.tenantId, code: category.code });
    if (clash && clash.id !== category.id)
      throw AppError.conflict(`Another data category has code ${category.code}.`, 'input.code');
    await assertExternalKeyFree(tx, 'data_categories', 'data category', category.externalKey, category.id);
  }
}

/** What names a code: activities (categories and retention rules) and engagements; null when nothing. */
async function usesOf(tx: TenantTx, code: string): Promise<string | null> {
  const [counts] = (await tx.em.query(
    `SELECT (SELECT count(*)::int FROM activities WHERE tenant_id = $1 AND ($2 = ANY (data_category_codes)
               OR retention @> jsonb_build_array(jsonb_build_object('dataCategoryCode', $2::text)))) AS activities,
            (SELECT count(*)::int FROM engagements WHERE tenant_id = $1 AND $2 = ANY (data_category_codes)) AS engagements`,
    [tx.tenantId, code],
  )) as Array<{ activities: number; engagements: number }>;
  const parts = [
    counts?.activities ? `${counts.activities} processing ${counts.activities === 1 ? 'activity' : 'activities'}` : '',
    counts?.engagements ? `${counts.engagements} engagement${counts.engagements === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' and ') : null;
}
