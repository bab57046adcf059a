import pg from 'pg';
import type { QueryRunner } from 'typeorm';

/** What a transaction of {@link TenantDb.run} is opened with: its mode and its settings. */
export interface TransactionOpening {
  tenantId: string;
  actor: string;
  note: string;
  effectiveAt: string;
  readOnly: boolean;
  snapshot: boolean;
  /** The connection comes from a request's read transaction, committed in the same round trip. */
  commitFirst?: boolean;
}

/**
 * `START TRANSACTION` (with its mode) and the transaction's settings as one simple-protocol query:
 * one round trip where TypeORM's startTransaction and a parameterised set_config take two (three
 * with an isolation level). Simple-protocol queries carry no parameters, so the values are
 * inlined as string literals by the driver's own escapeLiteral (quotes doubled; with a backslash,
 * an E'' literal with backslashes doubled), which holds under either standard_conforming_strings.
 */
export function openingSql(opening: TransactionOpening): string {
  const mode = [
    ...(opening.snapshot ? ['ISOLATION LEVEL REPEATABLE READ'] : []),
    ...(opening.readOnly ? ['READ ONLY'] : []),
  ].join(', ');
  const settings: Array<[string, string]> = [
    ['app.tenant_id', opening.tenantId],
    ['app.actor_label', opening.actor],
    ['app.change_note', opening.note],
    ['app.effective_at', opening.effectiveAt],
  ];
  const values = settings.map(([name, value]) => `set_config('${name}', ${literal(value)}, true)`);
  const start = `START TRANSACTION${mode ? ` ${mode}` : ''}; SELECT ${values.join(', ')}`;
  return opening.commitFirst ? `COMMIT; ${start}` : start;
}

function literal(value: string): string {
  // A query string ends at NUL: refuse it rather than send a truncated query (the input pipe refuses it first).
  if (value.includes('\u0000')) throw new Error('A transaction setting cannot hold the NUL character');
  return pg.escapeLiteral(value);
}

/**
 * Opens the runner's transaction with {@link openingSql} and tells TypeORM, as its own
 * startTransaction would, so that what runs inside joins it (save() opens no transaction of its
 * own, nested transactions become savepoints) and commitTransaction/rollbackTransaction end it.
 * Marked before the query, as TypeORM does: if the settings fail after the START, the caller's
 * rollback still ends the transaction before the connection goes back to the pool.
 */
export async function openTransaction(runner: QueryRunner, opening: TransactionOpening): Promise<void> {
  Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
  await runner.query(openingSql(opening));
}
