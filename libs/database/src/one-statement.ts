import type { EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';
import type { TenantTx } from './tenant-db.js';

/** One SQL statement and its positional parameters ($1, $2 …), not sent yet. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** The INSERT TypeORM sends for `rows` of `entity` (values converted as it converts them), without sending it. */
export function insertStatement<T extends ObjectLiteral>(
  tx: TenantTx,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T> | Array<QueryDeepPartialEntity<T>>,
): Statement {
  const [sql, params] = tx.em.createQueryBuilder().insert().into(entity).values(rows).getQueryAndParameters();
  return { sql, params };
}

/**
 * Data-modifying statements (INSERTs) as ONE statement, sent in one round trip instead of one each:
 * all but the last become WITH clauses. PostgreSQL runs them in one snapshot, checks foreign keys
 * and fires row triggers at the end of the whole statement, so rows may reference each other (a
 * parent inserted in an earlier clause satisfies a child's foreign key) but no clause sees another's
 * rows while it runs.
 */
export function asOne(statements: Statement[]): Statement | undefined {
  const params: unknown[] = [];
  const parts = statements.map((s) => {
    const offset = params.length;
    params.push(...s.params);
    // Generated INSERTs carry every value as a parameter, so `$n` occurs only as a placeholder.
    return s.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  });
  const last = parts.pop();
  if (last === undefined) return undefined;
  const sql = parts.length === 0 ? last : `WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(', ')} ${last}`;
  return { sql, params };
}
