import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import type { TenantTx } from '#database';
import { checkCountry } from '../common/code-checks.js';
import type { Connection } from '../common/pagination.js';
import { type Condition, RegisterReader } from '../common/register-reader.js';
import { RegisterWriter, type WriteOptions } from '../common/register-writer.js';
import { containsPattern } from '../common/text-search.js';
import { applyChanges, sentFields } from '../common/updates.js';
import { DataCategoriesService } from '../data-categories/data-categories.service.js';
import { ProductsService } from '../products/products.service.js';
import type { CreateEngagementInput, EngagementFilter, UpdateEngagementInput } from './dto/engagement.input.js';
import { checkEngagement } from './engagement-checks.js';
import { Engagement } from './engagement.entity.js';
import { findForUpdate } from '../common/row-lock.js';

export const engagementReader = new RegisterReader<Engagement>('engagements', Engagement);

/** Vendors engaged as (sub)processors: list, read as of any instant, create, change, delete. */
@Injectable()
export class EngagementsService {
  constructor(
    private readonly register: RegisterWriter,
    private readonly products: ProductsService,
    private readonly categories: DataCategoriesService,
  ) {}

  list(
    principal: Principal,
    filter: EngagementFilter = {},
    page: { first?: number; after?: string } = {},
    asOf?: Date,
  ): Promise<Connection<Engagement>> {
    const conditions: Condition[] = [];
    if (filter.status) conditions.push({ sql: 'r.status = ?', params: [filter.status] });
    if (filter.vendorId) conditions.push({ sql: 'r.vendor_id = ?::uuid', params: [filter.vendorId] });
    if (filter.parentEngagementId)
      conditions.push({ sql: 'r.parent_engagement_id = ?::uuid', params: [filter.parentEngagementId] });
    if (filter.productId) conditions.push({ sql: '?::uuid = ANY (r.product_ids)', params: [filter.productId] });
    if (filter.country) {
      const country = checkCountry('filter.country', filter.country);
      conditions.push({
        sql: '(?::text = ANY (r.processing_locations) OR ?::text = ANY (r.access_locations))',
        params: [country, country],
      });
    }
    if (filter.search) {
      conditions.push({
        sql: '(r.purpose ILIKE ? OR r.description ILIKE ? OR r.dpa_reference ILIKE ? OR r.tia_reference ILIKE ?)',
        params: Array(4).fill(containsPattern(filter.search)),
      });
    }
    return this.register.read(principal, (tx) =>
      engagementReader.page(tx, { conditions, sortColumn: 'purpose', ...page }, asOf),
    );
  }

  async get(principal: Principal, id: string, asOf?: Date): Promise<Engagement> {
    const [engagement] = await this.register.read(principal, (tx) => engagementReader.byIds(tx, [id], asOf));
    if (!engagement) throw AppError.notFound('Engagement', id);
    return engagement;
  }

  byIds(principal: Principal, ids: readonly string[], asOf?: Date): Promise<Engagement[]> {
    return this.register.read(principal, (tx) => engagementReader.byIds(tx, ids, asOf));
  }

  create(principal: Principal, input: CreateEngagementInput, options?: WriteOptions): Promise<Engagement> {
    return this.register.write(principal, (tx) => this.insert(tx, input), options);
  }

  /** Inside a caller's transaction (imports and seeding write many rows in one). */
  async insert(tx: TenantTx, input: CreateEngagementInput): Promise<Engagement> {
    const engagement = await this.build(tx, input);
    await tx.em.insert(Engagement, engagement);
    return engagement;
  }

  /**
   * The engagement `input` describes, checked inside the caller's transaction but not written. A
   * caller that writes other rows as well inserts it last: its history trigger takes the tenant's
   * chain-head lock, held until the commit, so every statement before it shortens other writers' wait.
   * With `vendorCheckedByCaller`, the vendor is not looked up here: the caller promises to check, in a
   * read it makes anyway and before it writes, that the vendor is a party of the tenant (an
   * announcement reads the vendor's name for its notice: one round trip fewer).
   */
  async build(
    tx: TenantTx,
    input: CreateEngagementInput,
    options: { vendorCheckedByCaller?: boolean } = {},
  ): Promise<Engagement> {
    const now = new Date();
    const sent = sentFields(input);
    const engagement = tx.em.create(Engagement, {
      ...emptyEngagement(),
      ...sent,
      tenantId: tx.tenantId,
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
    });
    const checked = options.vendorCheckedByCaller ? { ...sent, vendorId: undefined } : sent;
    await checkEngagement(tx, engagement, checked, this.checks());
    return engagement;
  }

  /**
   * Corrections to the register. A material change to an active engagement (another vendor,
   * purpose, data, location or transfer mechanism) is an Art. 28(2) change that customers must be
   * told about first, so it goes through announceSubprocessorChange instead.
   */
  update(principal: Principal, input: UpdateEngagementInput, options?: WriteOptions): Promise<Engagement> {
    return this.register.write(
      principal,
      async (tx) => {
        const { before, after } = await this.preview(tx, input);
        const material = materialChanges(before, after);
        if (before.status === 'active' && material.length > 0)
          throw AppError.conflict(
            `Changing ${material.join(', ')} of an active subprocessor must be announced to customers first: ` +
              'use announceSubprocessorChange (or announceSubprocessorRemoval / Replacement).',
          );
        after.updatedAt = new Date();
        return tx.em.save(after);
      },
      options,
    );
  }

  /** Changes the given fields inside a caller's transaction (imports); omitted fields stay. */
  async patch(tx: TenantTx, id: string, changes: Partial<CreateEngagementInput>): Promise<Engagement> {
    const { after } = await this.preview(tx, { ...changes, id } as UpdateEngagementInput);
    after.updatedAt = new Date();
    return tx.em.save(after);
  }

  /** The engagement as it is and as it would be after `input`, checked, nothing written. */
  async preview(tx: TenantTx, input: UpdateEngagementInput): Promise<{ before: Engagement; after: Engagement }> {
    const before = await findForUpdate(tx, Engagement, input.id);
    if (!before) throw AppError.notFound('Engagement', input.id);
    const after = tx.em.create(Engagement, { ...before });
    const sent = sentFields(input);
    applyChanges(after, sent, ['vendorId', 'purpose', 'status']);
    for (const list of ['productIds', 'dataCategoryCodes', 'processingLocations', 'accessLocations'] as const)
      after[list] ??= [];
    await checkEngagement(tx, after, sent, this.checks());
    return { before, after };
  }

  private checks() {
    return { products: this.products, categories: this.categories };
  }

  delete(principal: Principal, id: string, options?: WriteOptions): Promise<Engagement> {
    return this.register.write(
      principal,
      async (tx) => {
        const engagement = await tx.em.findOneBy(Engagement, { tenantId: tx.tenantId, id });
        if (!engagement) throw AppError.notFound('Engagement', id);
        const [uses] = (await tx.em.query(
          `SELECT (SELECT count(*)::int FROM engagements WHERE tenant_id = $1 AND parent_engagement_id = $2) AS children,
                  (SELECT count(*)::int FROM activities WHERE tenant_id = $1 AND $2 = ANY (engagement_ids)) AS activities`,
          [tx.tenantId, id],
        )) as Array<{ children: number; activities: number }>;
        const n = { children: uses?.children ?? 0, activities: uses?.activities ?? 0 };
        if (n.children > 0)
          throw AppError.conflict(
            `${plural(n.children, 'sub-processor engagement sits', 'sub-processor engagements sit')} under this one: move or delete ${n.children === 1 ? 'it' : 'them'} first.`,
          );
        if (n.activities > 0)
          throw AppError.conflict(
            `${plural(n.activities, 'processing activity relies', 'processing activities rely')} on this engagement.`,
          );
        await tx.em.delete(Engagement, { tenantId: tx.tenantId, id });
        return engagement;
      },
      options,
    );
  }
}

/** The fields whose change Art. 28(2) customers must hear about before it happens. */
export const MATERIAL_ENGAGEMENT_FIELDS = [
  'vendorId',
  'purpose',
  'dataCategoryCodes',
  'processingLocations',
  'accessLocations',
  'transferMechanism',
] as const;

export function materialChanges(before: Engagement, after: Engagement): string[] {
  return MATERIAL_ENGAGEMENT_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function emptyEngagement(): Omit<Engagement, 'tenantId' | 'id' | 'vendorId' | 'purpose' | 'createdAt' | 'updatedAt'> {
  return {
    parentEngagementId: null,
    description: null,
    status: 'active',
    productIds: [],
    dataCategoryCodes: [],
    processingLocations: [],
    accessLocations: [],
    transferMechanism: null,
    tiaReference: null,
    tiaReviewDate: null,
    supplementaryMeasures: null,
    dpaSignedOn: null,
    dpaReference: null,
    startedOn: null,
    endedOn: null,
    externalKey: null,
  };
}
