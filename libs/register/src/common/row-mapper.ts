import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Maps raw rows (snake_case columns, already typed by pg) onto entity instances, using the
 * entity's own column metadata, for reads written in SQL (history-backed `asOf` reads).
 */
export function mapRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: Array<Record<string, unknown>>,
): T[] {
  const metadata = em.connection.getMetadata(target);
  const columns = metadata.columns.map((c) => [c.databaseName, c.propertyName] as const);
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const [column, property] of columns) (entity as Record<string, unknown>)[property] = row[column] ?? null;
    return entity;
  });
}
