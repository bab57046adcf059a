import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import type { TenantTx } from '#database';
import { type Condition } from '../common/register-reader.js';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, type Connection } from '../common/pagination.js';
import { RegisterWriter } from '../common/register-writer.js';
import type { Words } from './change-labels.js';
import { entityName, fieldDiff, type FieldDiff, summarise } from './change-summary.js';
import type { RegisterEntityType } from './register-change.entity.js';

export interface ChangelogQuery {
  first?: number;
  after?: string;
  since?: Date;
  until?: Date;
  entityType?: RegisterEntityType;
  entityId?: string;
}

/** One history entry, explained: what happened to which entity, in words and as a diff. */
export interface ChangeEntry {
  seq: string;
  txId: string;
  entityType: RegisterEntityType;
  entityId: string;
  op: 'insert' | 'update' | 'delete';
  name: Words;
  summary: Words;
  fields: FieldDiff[];
  actor: string;
  note: string | null;
  effectiveAt: Date;
  recordedAt: Date;
}

/** The entries one transaction wrote: one change as a person made it. */
export interface ChangeSet {
  id: string;
  effectiveAt: Date;
  recordedAt: Date;
  actor: string;
  note: string | null;
  summary: Words;
  changes: ChangeEntry[];
}

export interface Changelog extends Connection<ChangeSet> {
  headHash: string | null;
  chainLength: number;
}

interface StoredChange {
  seq: string;
  tx_id: string;
  entity_type: RegisterEntityType;
  entity_id: string;
  op: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor_label: string;
  note: string | null;
  effective_at: Date;
  recorded_at: Date;
}

const ENTITY_NAMES: Record<RegisterEntityType, string> = {
  parties: 'Party',
  products: 'Product',
  data_categories: 'Data category',
  activities: 'Activity',
  engagements: 'Engagement',
  cookies: 'Cookie',
};

const UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const COLUMNS = `c.seq::text AS seq, c.tx_id::text AS tx_id, c.entity_type, c.entity_id::text AS entity_id, c.op,
  c.before, c.after, c.actor_label, c.note, c.effective_at, c.recorded_at`;

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

function explain(rows: StoredChange[], names: ReadonlyMap<string, string>): ChangeEntry[] {
  return rows.map((row) => {
    const facts = { entityType: row.entity_type, op: row.op, before: row.before, after: row.after };
    const current = row.after ?? row.before;
    return {
      seq: row.seq,
      txId: row.tx_id,
      entityType: row.entity_type,
      entityId: row.entity_id,
      op: row.op,
      name: {
        nl: entityName(row.entity_type, current, names, 'nl'),
        en: entityName(row.entity_type, current, names, 'en'),
      },
      summary: summarise(facts, names),
      fields: row.op === 'update' ? fieldDiff(row.entity_type, row.before, row.after) : [],
      actor: row.actor_label,
      note: row.note,
      effectiveAt: row.effective_at,
      recordedAt: row.recorded_at,
    };
  });
}

function changeSet(id: string, changes: ChangeEntry[]): ChangeSet {
  const first = changes[0]!;
  const join = (lang: 'nl' | 'en') => [...new Set(changes.map((c) => c.summary[lang]))].join('; ');
  return {
    id,
    effectiveAt: new Date(Math.max(...changes.map((c) => c.effectiveAt.getTime()))),
    recordedAt: new Date(Math.min(...changes.map((c) => c.recordedAt.getTime()))),
    actor: first.actor,
    note: first.note,
    summary: { nl: join('nl'), en: join('en') },
    changes,
  };
}

/** Vendor names for engagement entries: the party's latest recorded name (also after deletion). */
async function vendorNames(tx: TenantTx, rows: StoredChange[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.entity_type !== 'engagements') continue;
    for (const side of [row.before, row.after]) if (typeof side?.vendor_id === 'string') ids.add(side.vendor_id);
  }
  if (ids.size === 0) return new Map();
  const found = (await tx.em.query(
    `SELECT DISTINCT ON (c.entity_id) c.entity_id::text AS id, coalesce(c.after->>'name', c.before->>'name') AS name
       FROM register_changes c
      WHERE c.tenant_id = $1 AND c.entity_type = 'parties' AND c.entity_id = ANY($2::uuid[])
      ORDER BY c.entity_id, c.seq DESC`,
    [tx.tenantId, [...ids]],
  )) as Array<{ id: string; name: string | null }>;
  return new Map(found.filter((f) => f.name).map((f) => [f.id, f.name!]));
}

async function chainHead(tx: TenantTx): Promise<{ headHash: string | null; chainLength: number }> {
  const [head] = (await tx.em.query(
    `SELECT encode(head_hash, 'hex') AS head_hash, length::int AS length FROM register_chain_heads WHERE tenant_id = $1`,
    [tx.tenantId],
  )) as Array<{ head_hash: string | null; length: number }>;
  return { headHash: head?.head_hash ?? null, chainLength: head?.length ?? 0 };
}

function filterConditions(query: ChangelogQuery): Condition[] {
  const conditions: Condition[] = [];
  if (query.since) conditions.push({ sql: 'c.effective_at >= ?', params: [query.since] });
  if (query.until) conditions.push({ sql: 'c.effective_at <= ?', params: [query.until] });
  if (query.entityType) conditions.push({ sql: 'c.entity_type = ?', params: [query.entityType] });
  if (query.entityId) conditions.push({ sql: 'c.entity_id = ?::uuid', params: [query.entityId] });
  return conditions;
}

function cursorCondition(after: string): Condition {
  const { sortKey, id } = decodeCursor(after);
  if (!CURSOR_TIME.test(sortKey) || !/^\d{1,19}$/.test(id))
    throw AppError.badInput('after', 'This cursor is not valid: pass the endCursor of a previous page.');
  return { sql: '(g.effective_at, g.last_seq) < (?::timestamptz, ?::bigint)', params: [sortKey, id] };
}

/** `c.tenant_id = $1` plus the conditions, numbering their `?` after the params already bound. */
function sqlWhere(conditions: Condition[], params: unknown[]): string {
  return ['c.tenant_id = $1', ...conditions.map((c) => bind(c, params))].join(' AND ');
}

function bind(condition: Condition, params: unknown[]): string {
  let next = 0;
  return `(${condition.sql.replace(/\?/g, () => {
    params.push(condition.params?.[next++]);
    return `$${params.length}`;
  })})`;
}
