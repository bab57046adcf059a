import { Injectable } from '@nestjs/common';
import type { Tenant } from '#accounts';
import { AppError } from '#core';
import { TenantDb, type TenantTx } from '#database';
import { engagementReader, type Engagement, partyReader, type Product, productReader } from '#register';
import { LessThanOrEqual } from 'typeorm';
import type { ChangeKind, ChangeSubject, FieldDiff } from '../changes/subprocessor-change.entity.js';
import { SubprocessorChange } from '../changes/subprocessor-change.entity.js';
import { Subscriber } from '../subscribers/subscriber.entity.js';
import type { ObjectionSubject } from './subscription-pages.js';

export interface PublicProduct {
  id: string;
  name: string;
}

export interface PublicSubprocessor {
  engagementId: string;
  vendorName: string;
  vendorCountry: string | null;
  purpose: string;
  processingLocations: string[];
  accessLocations: string[];
  transferMechanism: string | null;
  /** Empty: every product. */
  products: PublicProduct[];
}

/** A change as it stood at the instant read: later withdrawals or activations are not yet known then. */
export type PublicChangeStatus = 'announced' | 'awaiting_approval' | 'effective' | 'withdrawn' | 'rejected';

export interface PublicChange {
  id: string;
  kind: ChangeKind;
  status: PublicChangeStatus;
  subject: ChangeSubject;
  diff: FieldDiff[];
  productIds: string[];
  urgentReason: string | null;
  announcedAt: Date;
  effectiveAt: Date;
  objectionDeadline: Date;
  /** When its status last changed (feeds: the entry's `updated`). */
  updatedAt: Date;
}

export interface PublicRegister {
  tenant: Tenant;
  /** The instant the list is read at (now, or the end of the asOf day). */
  at: Date;
  asOf: Date | undefined;
  products: PublicProduct[];
  product: PublicProduct | undefined;
  subprocessors: PublicSubprocessor[];
  upcoming: PublicChange[];
  history: PublicChange[];
}

/** How many past changes a page or feed shows. */
export const HISTORY_LIMIT = 200;
const PAGE = 100;

/**
 * What the public page and feeds show of a tenant's register: its products, the subprocessors in
 * service, and the announced changes, now or as the register stood at an instant (the register's
 * history-backed asOf reads). One read-only transaction in the tenant: the same RLS as any request,
 * with no user; nothing but public fields leaves here.
 */
@Injectable()
export class PublicRegisterService {
  constructor(private readonly db: TenantDb) {}

  read(tenant: Tenant, options: { asOf?: Date; productId?: string } = {}): Promise<PublicRegister> {
    const at = options.asOf ?? new Date();
    const asOf = options.asOf;
    return this.db.run(
      tenant.id,
      async (tx) => {
        const products = (await readAll((page) => productReader.page(tx, { conditions: [], ...page }, asOf))).map(
          (p: Product) => ({ id: p.id, name: p.name }),
        );
        const product = options.productId ? products.find((p) => p.id === options.productId) : undefined;
        if (options.productId && !product) throw AppError.badInput('product', 'There is no such product.');
        const subprocessors = await this.subprocessors(tx, products, asOf, product?.id);
        const changes = (
          await tx.em.find(SubprocessorChange, {
            where: { tenantId: tx.tenantId, announcedAt: LessThanOrEqual(at) },
            order: { announcedAt: 'DESC', id: 'ASC' },
            take: HISTORY_LIMIT,
          })
        )
          .filter((c) => !product || c.productIds.length === 0 || c.productIds.includes(product.id))
          .map((c) => publicChange(c, at));
        const upcoming = changes
          .filter((c) => c.status === 'announced' || c.status === 'awaiting_approval')
          .sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime());
        return { tenant, at, asOf, products, product, subprocessors, upcoming, history: changes };
      },
      { readOnly: true },
    );
  }

  /** The change an objection link is for, if it and the subscriber it was sent to exist. */
  async objectionSubject(
    tenantId: string,
    changeId: string,
    subscriberId: string,
  ): Promise<ObjectionSubject | undefined> {
    return this.db.run(
      tenantId,
      async (tx) => {
        const change = await tx.em.findOneBy(SubprocessorChange, { tenantId, id: changeId });
        const subscriber = await tx.em.findOneBy(Subscriber, { tenantId, id: subscriberId });
        if (!change || !subscriber) return undefined;
        const now = new Date();
        const withdrawn = change.status === 'withdrawn' || change.status === 'rejected';
        return {
          vendorName: change.subject.vendorName,
          purpose: change.subject.purpose,
          effectiveAt: change.effectiveAt,
          objectionDeadline: change.objectionDeadline,
          withdrawn,
          open: !withdrawn && change.objectionDeadline > now,
          subscriberLanguage: subscriber.language,
        };
      },
      { readOnly: true },
    );
  }

  private async subprocessors(
    tx: TenantTx,
    products: PublicProduct[],
    asOf: Date | undefined,
    productId: string | undefined,
  ): Promise<PublicSubprocessor[]> {
    const conditions = [{ sql: 'r.status = ?', params: ['active'] }];
    if (productId)
      conditions.push({
        sql: '(cardinality(r.product_ids) = 0 OR ?::uuid = ANY (r.product_ids))',
        params: [productId],
      });
    const engagements = await readAll((page) =>
      engagementReader.page(tx, { conditions, sortColumn: 'purpose', ...page }, asOf),
    );
    const vendors = new Map(
      (await partyReader.byIds(tx, [...new Set(engagements.map((e) => e.vendorId))], asOf)).map((p) => [p.id, p]),
    );
    const productById = new Map(products.map((p) => [p.id, p]));
    return engagements
      .map((e: Engagement) => ({
        engagementId: e.id,
        vendorName: vendors.get(e.vendorId)?.name ?? '—',
        vendorCountry: vendors.get(e.vendorId)?.country ?? null,
        purpose: e.purpose,
        processingLocations: e.processingLocations ?? [],
        accessLocations: e.accessLocations ?? [],
        transferMechanism: e.transferMechanism,
        products: (e.productIds ?? []).flatMap((id) => productById.get(id) ?? []),
      }))
      .sort((a, b) => a.vendorName.localeCompare(b.vendorName) || a.purpose.localeCompare(b.purpose));
  }
}

/** Every page of a keyset-paginated read. */
async function readAll<T>(
  read: (page: { first: number; after?: string }) => Promise<{
    edges: Array<{ node: T; cursor: string }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  }>,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await read({ first: PAGE, after });
    all.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return all;
    after = page.pageInfo.endCursor;
  }
}

function publicChange(change: SubprocessorChange, at: Date): PublicChange {
  return {
    id: change.id,
    kind: change.kind,
    status: statusAt(change, at),
    subject: change.subject,
    diff: change.diff,
    productIds: change.productIds,
    urgentReason: change.urgentReason,
    announcedAt: change.announcedAt,
    effectiveAt: change.effectiveAt,
    objectionDeadline: change.objectionDeadline,
    updatedAt: [change.effectedAt, change.withdrawnAt]
      .filter((d): d is Date => d !== null && d <= at)
      .reduce((latest, d) => (d > latest ? d : latest), change.announcedAt),
  };
}

function statusAt(change: SubprocessorChange, at: Date): PublicChangeStatus {
  if (change.withdrawnAt && change.withdrawnAt <= at) return 'withdrawn';
  if (change.effectedAt && change.effectedAt <= at) return 'effective';
  // Rejections carry no timestamp: shown as they are now.
  if (change.status === 'rejected') return 'rejected';
  return change.status === 'awaiting_approval' ? 'awaiting_approval' : 'announced';
}
