import { prepared, queryPrepared, type TenantTx } from '#database';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { RegisterEntityType } from '../history/register-change.entity.js';
import { type Connection, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from './pagination.js';
import { registerSource } from './register-source.js';
import { mapRows } from './row-mapper.js';

/** A WHERE condition with its own parameters, written with `?` placeholders. */
export interface Condition {
  sql: string;
  params?: unknown[];
}

export interface ListQuery {
  conditions: Condition[];
  first?: number;
  after?: string;
  /** Sorted by lower(name), then id: what people expect of a register, and a stable keyset. */
  sortColumn?: string;
}

/**
 * Set-based reads of a register table, now or as of an instant: by ids (for DataLoaders: one
 * statement per batch) and pages (keyset pagination with a total count).
 */
export class RegisterReader<T extends ObjectLiteral & { id: string }> {
  constructor(
    private readonly table: RegisterEntityType,
    private readonly target: EntityTarget<T>,
  ) {}

  private columnNames?: string[];

  async byIds(tx: TenantTx, ids: readonly string[], asOf?: Date): Promise<T[]> {
    if (ids.length === 0) return [];
    const params: unknown[] = [];
    const from = registerSource(this.table, asOf, params);
    params.push(ids);
    const rows = await this.query(
      tx,
      asOf,
      `SELECT ${this.columns(tx, 'r')} FROM ${from} r WHERE r.id = ANY($${params.length}::uuid[])`,
      params,
    );
    return mapRows(tx.em, this.target, rows);
  }

  async all(tx: TenantTx, conditions: Condition[], asOf?: Date): Promise<T[]> {
    const params: unknown[] = [];
    const from = registerSource(this.table, asOf, params);
    const where = whereClause(conditions, params);
    const rows = await tx.em.query(`SELECT * FROM ${from} r ${where} ORDER BY lower(r.name), r.id`, params);
    return mapRows(tx.em, this.target, rows);
  }

  async page(tx: TenantTx, query: ListQuery, asOf?: Date): Promise<Connection<T>> {
    const sort = `lower(r.${query.sortColumn ?? 'name'})`;
    const first = Math.min(query.first ?? 50, MAX_PAGE_SIZE);
    const keyset: Condition[] = [];
    if (query.after) {
      const cursor = decodeCursor(query.after);
      keyset.push({ sql: `(${sort}, r.id) > (?, ?::uuid)`, params: [cursor.sortKey, cursor.id] });
    }
    // The page and the total in one statement: the count (one row) joined to the page, so an
    // empty page still answers its total.
    const params: unknown[] = [];
    const countFrom = registerSource(this.table, asOf, params);
    const countWhere = whereClause(query.conditions, params);
    const from = registerSource(this.table, asOf, params);
    const where = whereClause([...query.conditions, ...keyset], params);
    params.push(first + 1);
    const joined = await this.query(
      tx,
      asOf,
      `SELECT ${this.columns(tx, 'p')}, p.sort_key, c.total AS page_total
         FROM (SELECT count(*)::int AS total FROM ${countFrom} r ${countWhere}) c
         LEFT JOIN LATERAL (SELECT ${this.columns(tx, 'r')}, ${sort} AS sort_key FROM ${from} r ${where}
                             ORDER BY ${sort}, r.id LIMIT $${params.length}) p ON true
        ORDER BY p.sort_key, p.id`,
      params,
    );
    const total = Number(joined[0]?.page_total ?? 0);
    const rows = joined.filter((row) => row.id !== null);
    for (const row of rows) delete row.page_total;
    const nodes = mapRows(tx.em, this.target, rows.slice(0, first));
    const edges = nodes.map((node, i) => ({ cursor: encodeCursor(String(rows[i]!.sort_key), node.id), node }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: total,
    };
  }

  /**
   * Reads of the table as it is now are prepared statements, planned once per connection (the page
   * and by-id reads run on every request). As-of reads, rare and history-backed, are not.
   */
  private query(tx: TenantTx, asOf: Date | undefined, sql: string, params: unknown[]) {
    return asOf
      ? (tx.em.query(sql, params) as Promise<Array<Record<string, unknown>>>)
      : queryPrepared<Record<string, unknown>>(tx.em, prepared(sql), params);
  }

  /**
   * The entity's columns, named: a prepared `SELECT *` would fail once a migration adds a column
   * while the process runs. The as-of source has the table's row type, so the list serves both.
   */
  private columns(tx: TenantTx, alias: string): string {
    this.columnNames ??= tx.em.connection.getMetadata(this.target).columns.map((c) => `"${c.databaseName}"`);
    return this.columnNames.map((column) => `${alias}.${column}`).join(', ');
  }
}

/** Appends each condition's parameters and numbers its `?` placeholders. */
function whereClause(conditions: Condition[], params: unknown[]): string {
  if (conditions.length === 0) return '';
  const parts = conditions.map((condition) => {
    let next = 0;
    return (
      '(' +
      condition.sql.replace(/\?/g, () => {
        params.push(condition.params?.[next++]);
        return `$${params.length}`;
      }) +
      ')'
    );
  });
  return `WHERE ${parts.join(' AND ')}`;
}
