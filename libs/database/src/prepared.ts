import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * A hot read that PostgreSQL parses and plans once per connection instead of once per request
 * (planning was most of the database's time for the authentication and by-id reads). The name
 * comes from the text, so one text is one statement on every connection, and an edited text is a
 * new statement, never a stale plan under an old name.
 *
 * Only statements whose result columns are named (no `*`): a cached plan of `SELECT *` fails with
 * "cached plan must not change result type" once a migration adds a column while the process runs.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export function prepared(text: string): PreparedStatement {
  // Page and by-id reads build their text per call: the check and the hash are done once per text.
  const seen = byText.get(text);
  if (seen) return seen;
  if (/\bSELECT\s+(\w+\.)?\*/i.test(text)) throw new Error('prepared statements name their columns (no SELECT *)');
  const statement = { name: `art30_${createHash('sha256').update(text).digest('hex').slice(0, 20)}`, text };
  if (byText.size < MAX_PREPARED) byText.set(text, statement);
  return statement;
}

const byText = new Map<string, PreparedStatement>();

/**
 * The statements prepared so far, by name. Texts are written in code (values travel as
 * parameters), so they are few; the cap keeps a text built from something unforeseen from filling
 * every connection's memory: past it, new texts run unnamed.
 */
const known = new Map<string, string>();
const MAX_PREPARED = 500;

function admitted(statement: PreparedStatement): boolean {
  if (known.has(statement.name)) return true;
  if (known.size >= MAX_PREPARED) return false;
  known.set(statement.name, statement.text);
  return true;
}

/** Every statement this process has prepared, by name (the benchmark's raw floor prepares the same). */
export function preparedStatements(): ReadonlyMap<string, string> {
  return known;
}

/**
 * Runs a prepared statement with parameters through the driver's extended protocol (the driver
 * sends the Parse once per connection). Goes through TypeORM's query runner like any other read, so
 * it is queued, logged and error-wrapped the same way; TypeORM hands the query config to pg as is.
 */
export async function queryPrepared<T>(
  em: EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  // Protocol-level statements live in their own namespace (prefix) so that they never collide with
  // the SQL-level PREPAREs below on the same connection.
  if (!admitted(statement)) return (await em.query(statement.text, values)) as T[];
  const config = { name: `p${statement.name}`, text: statement.text };
  return (await em.query(config as unknown as string, values)) as T[];
}

/** Which SQL-level prepared statements each pooled connection holds. */
const preparedOn = new WeakMap<object, Set<string>>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The SQL that runs `statement` with `args` inlined as literals: `EXECUTE`, preceded by its
 * `PREPARE` the first time on this connection. For a read that must travel in one simple-protocol
 * query with other statements (a transaction's opening), where parameters cannot go. Only UUIDs are
 * inlined; anything else is refused before it could reach the text.
 *
 * Call `done(ok)` when the query has answered: after a failure it is unknown whether the PREPARE
 * took effect (prepared statements outlive a rolled-back transaction), so the caller must not give
 * the connection back to the pool (`done` answers false).
 */
export function executeSql(
  connection: object,
  statement: PreparedStatement,
  args: readonly string[],
): { sql: string; done(ok: boolean): boolean } {
  for (const arg of args) if (!UUID.test(arg)) throw new Error('executeSql inlines UUIDs only');
  known.set(statement.name, statement.text); // a transaction opening's read: a handful, not capped
  let held = preparedOn.get(connection);
  if (!held) preparedOn.set(connection, (held = new Set()));
  const isNew = !held.has(statement.name);
  const execute = `EXECUTE ${statement.name}(${args.map((arg) => `'${arg}'`).join(', ')})`;
  return {
    sql: isNew ? `PREPARE ${statement.name} AS ${statement.text}; ${execute}` : execute,
    done(ok) {
      if (ok && isNew) held.add(statement.name);
      return ok || !isNew;
    },
  };
}
