import pg from 'pg';

/**
 * Every SQL statement (transaction control included) sent through the pg driver while `work`
 * runs, normalised. A test app runs in the test's process, so these are all of its statements.
 */
export async function countStatements(work: () => Promise<void>): Promise<string[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const seen: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    seen.push(text.replace(/\s+/g, ' ').trim());
    // A statement sent with its COMMIT in one message (StatementWithCommit): the COMMIT is one more.
    if ((first as { commitsAfter?: boolean } | null)?.commitsAfter) seen.push('COMMIT');
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return seen;
}
