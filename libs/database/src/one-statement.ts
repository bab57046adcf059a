import { isDeepStrictEqual } from 'node:util';
import type { EntityMetadata, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];
import type { TenantTx } from './tenant-db.js';

/** One SQL statement and its positional parameters ($1, $2 …), not sent yet. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * The INSERT TypeORM sends for `rows` of `entity` (values converted as it converts them), without
 * sending it. Building the text is the costly part (TypeORM runs a regular expression over the
 * query per alias and per parameter); its values are cheap. So the text is TypeORM's own, made once
 * per entity, row count and set of omitted fields (sent as DEFAULT), and the values come from the
 * same conversion TypeORM applies (`preparePersistentValue`). The first statement of each shape is
 * built both ways and must come out the same, so a TypeORM that converts differently fails loudly.
 */
export function insertStatement<T extends ObjectLiteral>(
  tx: TenantTx,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T> | Array<QueryDeepPartialEntity<T>>,
): Statement {
  const list = (Array.isArray(rows) ? rows : [rows]) as ObjectLiteral[];
  const metadata = tx.em.connection.getMetadata(entity);
  const columns = insertedColumns(metadata);
  const values = list.map((row) => columns.map((column) => column.getEntityValue(row) as unknown));
  // SQL expressions (functions) and generated keys are TypeORM's alone to write.
  if (values.some((row) => row.some((value) => typeof value === 'function'))) return typeormInsert(tx, entity, rows);
  const driver = tx.em.connection.driver;
  const params = values.flatMap((row) =>
    row.flatMap((value, c) => (value === undefined ? [] : [driver.preparePersistentValue(value, columns[c]!)])),
  );
  const shape = `${list.length}:${values.map((row) => row.map((v) => (v === undefined ? 0 : 1)).join('')).join(',')}`;
  const known = insertTexts.get(metadata) ?? insertTexts.set(metadata, new Map()).get(metadata)!;
  const sql = known.get(shape);
  if (sql !== undefined) return { sql, params };
  const built = typeormInsert(tx, entity, rows);
  if (!isDeepStrictEqual(built.params, params))
    throw new Error(`insertStatement: TypeORM converts ${metadata.name}'s values otherwise than expected`);
  known.set(shape, built.sql);
  return built;
}

const insertTexts = new WeakMap<EntityMetadata, Map<string, string>>();

/** The columns TypeORM's INSERT names, in its order (plain columns: no generated or versioned ones). */
function insertedColumns(metadata: EntityMetadata): ColumnMetadata[] {
  const columns = metadata.columns.filter((column) => column.isInsert);
  if (columns.some((c) => c.isGenerated || c.isVersion || c.isDiscriminator || c.isVirtual))
    throw new Error(`insertStatement: ${metadata.name} has columns TypeORM fills itself; use TypeORM's insert`);
  return columns;
}

function typeormInsert<T extends ObjectLiteral>(
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
