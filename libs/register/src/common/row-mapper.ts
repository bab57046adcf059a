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

/**
 * A mapper for rows read as one JSON text each (`SELECT row_to_json(r)::text`): one JSON.parse per
 * row costs about half the driver's per-column parsing of arrays, jsonb and timestamps (bulk
 * reads: exports). JSON gives what pg gives but for timestamps (ISO text, made Dates here) and
 * 64-bit integers and numerics (numbers in JSON, strings from pg: made strings here).
 */
export function jsonRowMapper<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
): (json: string) => T {
  const metadata = em.connection.getMetadata(target);
  const columns = metadata.columns.map((c) => {
    const type = String(c.type);
    const convert =
      type === 'timestamptz' || type === 'timestamp' || type === 'timestamp with time zone'
        ? (v: unknown) => new Date(v as string)
        : type === 'bigint' || type === 'int8' || type === 'numeric' || type === 'decimal'
          ? (v: unknown) => String(v)
          : null;
    return [c.databaseName, c.propertyName, convert] as const;
  });
  return (json) => {
    const row = JSON.parse(json) as Record<string, unknown>;
    const entity = metadata.create() as Record<string, unknown>;
    for (const [column, property, convert] of columns) {
      const value = row[column] ?? null;
      entity[property] = value !== null && convert ? convert(value) : value;
    }
    return entity as T;
  };
}
