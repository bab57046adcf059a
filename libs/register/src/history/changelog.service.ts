import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import type { TenantTx } from '#database';
import { encodeCursor, MAX_PAGE_SIZE, type Connection } from '../common/pagination.js';
import type { Condition } from '../common/register-reader.js';
import { RegisterWriter } from '../common/register-writer.js';
import { type ChangeEntry, type ChangeSet, changeSet, explain, type StoredChange } from './change-entry.js';
import {
  bind,
  chainHead,
  COLUMNS,
  cursorCondition,
  filterConditions,
  sqlWhere,
  UTC,
  vendorNames,
} from './changelog.sql.js';
import type { RegisterEntityType } from './register-change.entity.js';

export type { ChangeEntry, ChangeSet };

export interface ChangelogQuery {
  first?: number;
  after?: string;
  since?: Date;
  until?: Date;
  entityType?: RegisterEntityType;
  entityId?: string;
}

export interface Changelog extends Connection<ChangeSet> {
  headHash: string | null;
  chainLength: number;
}

const ENTITY_NAMES: Record<RegisterEntityType, string> = {
  parties: 'Party',
  products: 'Product',
  data_categories: 'Data category',
  activities: 'Activity',
  engagements: 'Engagement',
  cookies: 'Cookie',
  register_exports: 'Export',
};

/** The register's changelog (per transaction, newest first) and each entity's own history. */
@Injectable()
export class RegisterChangelog {
  constructor(private readonly register: RegisterWriter) {}

  list(principal: Principal, query: ChangelogQuery): Promise<Changelog> {
    if (query.since && query.until && query.since > query.until)
      throw AppError.badInput('until', 'until must not be before since.');
    const keyset = query.after ? cursorCondition(query.after) : null;
    return this.register.read(principal, async (tx) => {
      const filters = filterConditions(query);
      const first = Math.min(query.first ?? 50, MAX_PAGE_SIZE);
      const params: unknown[] = [tx.tenantId];
      const where = sqlWhere(filters, params);
      const groupKeyset = keyset ? `WHERE ${bind(keyset, params)}` : '';
      // A change set is keyed by its newest entry (effective_at, seq). Grouping reads the tenant's
      // filtered history on every page: fine at register volumes (thousands of entries).
      const groups = (await tx.em.query(
        `SELECT g.tx_id::text AS tx_id, to_char(g.effective_at AT TIME ZONE 'UTC', ${UTC}) AS sort_key,
                g.last_seq::text AS last_seq, g.first_effective_at
           FROM (SELECT c.tx_id, max(c.effective_at) AS effective_at, min(c.effective_at) AS first_effective_at,
                        max(c.seq) AS last_seq
                   FROM register_changes c WHERE ${where} GROUP BY c.tx_id) g
           ${groupKeyset}
          ORDER BY g.effective_at DESC, g.last_seq DESC LIMIT ${first + 1}`,
        params,
      )) as Array<{ tx_id: string; sort_key: string; last_seq: string; first_effective_at: Date }>;
      const page = groups.slice(0, first);
      const countParams: unknown[] = [tx.tenantId];
      const [counted] = (await tx.em.query(
        `SELECT count(DISTINCT c.tx_id)::int AS n FROM register_changes c WHERE ${sqlWhere(filters, countParams)}`,
        countParams,
      )) as Array<{ n: number }>;
      const entries = await this.entriesOf(tx, page, filters);
      const edges = page.map((group) => ({
        cursor: encodeCursor(group.sort_key, group.last_seq),
        node: changeSet(group.tx_id, entries.get(group.tx_id) ?? []),
      }));
      const head = await chainHead(tx);
      return {
        edges,
        pageInfo: { hasNextPage: groups.length > first, endCursor: edges.at(-1)?.cursor ?? null },
        totalCount: counted?.n ?? 0,
        ...head,
      };
    });
  }

  /** Every recorded change of one entity, newest first (NOT_FOUND when it has none here). */
  entityHistory(principal: Principal, entityType: RegisterEntityType, entityId: string, first = 100) {
    return this.register.read(principal, async (tx) => {
      const rows = (await tx.em.query(
        `SELECT ${COLUMNS} FROM register_changes c
          WHERE c.tenant_id = $1 AND c.entity_type = $2 AND c.entity_id = $3::uuid
          ORDER BY c.effective_at DESC, c.seq DESC LIMIT ${Math.min(first, 500)}`,
        [tx.tenantId, entityType, entityId],
      )) as StoredChange[];
      if (rows.length === 0) throw AppError.notFound(ENTITY_NAMES[entityType], entityId);
      return explain(rows, await vendorNames(tx, rows));
    });
  }

  private async entriesOf(
    tx: TenantTx,
    page: Array<{ tx_id: string; first_effective_at: Date; sort_key: string }>,
    filters: Condition[],
  ): Promise<Map<string, ChangeEntry[]>> {
    const byTx = new Map<string, ChangeEntry[]>();
    if (page.length === 0) return byTx;
    // Bounded by the page's time span, so the (tenant, effective_at) index does the work.
    const from = new Date(Math.min(...page.map((g) => g.first_effective_at.getTime())) - 1);
    const params: unknown[] = [tx.tenantId];
    const where = sqlWhere(
      [
        ...filters,
        { sql: 'c.tx_id = ANY(?::bigint[])', params: [page.map((g) => g.tx_id)] },
        { sql: 'c.effective_at BETWEEN ? AND ?::timestamptz', params: [from, page[0]!.sort_key] },
      ],
      params,
    );
    const rows = (await tx.em.query(
      `SELECT ${COLUMNS} FROM register_changes c WHERE ${where} ORDER BY c.seq`,
      params,
    )) as StoredChange[];
    for (const entry of explain(rows, await vendorNames(tx, rows))) {
      const list = byTx.get(entry.txId) ?? [];
      list.push(entry);
      byTx.set(entry.txId, list);
    }
    return byTx;
  }
}
