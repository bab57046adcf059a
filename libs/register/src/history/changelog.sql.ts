import { AppError } from '#core';
import type { TenantTx } from '#database';
import type { Condition } from '../common/register-reader.js';
import type { StoredChange } from './change-entry.js';
import type { ChangelogQuery } from './changelog.service.js';

// The SQL pieces of the changelog: filters, the keyset cursor, and the look-ups beside a page.

export const UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const COLUMNS = `c.seq::text AS seq, c.tx_id::text AS tx_id, c.entity_type, c.entity_id::text AS entity_id, c.op,
  c.before, c.after, c.actor_label, c.note, c.effective_at, c.recorded_at`;

/** Vendor names for engagement entries: the party's latest recorded name (also after deletion). */
export async function vendorNames(tx: TenantTx, rows: StoredChange[]): Promise<Map<string, string>> {
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

export async function chainHead(tx: TenantTx): Promise<{ headHash: string | null; chainLength: number }> {
  const [head] = (await tx.em.query(
    `SELECT encode(head_hash, 'hex') AS head_hash, length::int AS length FROM register_chain_heads WHERE tenant_id = $1`,
    [tx.tenantId],
  )) as Array<{ head_hash: string | null; length: number }>;
  return { headHash: head?.head_hash ?? null, chainLength: head?.length ?? 0 };
}

export function filterConditions(query: ChangelogQuery): Condition[] {
  const conditions: Condition[] = [];
  if (query.since) conditions.push({ sql: 'c.effective_at >= ?', params: [query.since] });
  if (query.until) conditions.push({ sql: 'c.effective_at <= ?', params: [query.until] });
  if (query.entityType) conditions.push({ sql: 'c.entity_type = ?', params: [query.entityType] });
  if (query.entityId) conditions.push({ sql: 'c.entity_id = ?::uuid', params: [query.entityId] });
  return conditions;
}

/** The changelog's keyset: [effective_at in UTC, last seq] of the last change set of a page. */
export function cursorCondition(after: string): Condition {
  let value: unknown = null;
  try {
    value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  const [time, seq] = Array.isArray(value) && value.length === 2 ? (value as unknown[]) : [];
  if (typeof time !== 'string' || !CURSOR_TIME.test(time) || typeof seq !== 'string' || !/^\d{1,18}$/.test(seq))
    throw AppError.badInput('after', 'This cursor is not valid: pass the endCursor of a previous page.');
  return { sql: '(g.effective_at, g.last_seq) < (?::timestamptz, ?::bigint)', params: [time, seq] };
}

/** `c.tenant_id = $1` plus the conditions, numbering their `?` after the params already bound. */
export function sqlWhere(conditions: Condition[], params: unknown[]): string {
  return ['c.tenant_id = $1', ...conditions.map((c) => bind(c, params))].join(' AND ');
}

export function bind(condition: Condition, params: unknown[]): string {
  let next = 0;
  return `(${condition.sql.replace(/\?/g, () => {
    params.push(condition.params?.[next++]);
    return `$${params.length}`;
  })})`;
}
