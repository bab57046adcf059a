import pg from 'pg';

const BOOKKEEPING = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SET TRANSACTION|SELECT set_config)/i;

/**
 * Whether a statement reads or writes rows, not only transaction and tenant bookkeeping. A text
 * of several statements (the read transaction's opening with authentication) does if any part does.
 */
export function carriesData(text: string): boolean {
  return text.split(';').some((part) => part.trim() !== '' && !BOOKKEEPING.test(part));
}

export interface CapturedStatement {
  text: string;
  values?: unknown[];
  /** The driver's prepared statement name, where art30 named it. */
  name?: string;
  /** Sent with its COMMIT in one message (StatementWithCommit); a replay sends it the same way. */
  commitsAfter?: boolean;
}

/**
 * Records the statements every pg client of this process sends (the in-process API instance of the
 * benchmark): counts all of them and the data statements (without transaction and tenant
 * bookkeeping), and keeps each connection's sequence so a raw `pg` client can replay the same SQL.
 */
export class SqlCounter {
  total = 0;
  data = 0;
  readonly statements: CapturedStatement[] = [];
  private readonly byClient = new Map<pg.Client, CapturedStatement[]>();
  private readonly original = pg.Client.prototype.query;

  start(): void {
    const record = (
      client: pg.Client,
      text: string,
      values: unknown,
      name: string | undefined,
      commitsAfter: boolean,
    ) => {
      this.total += commitsAfter ? 2 : 1;
      if (carriesData(text)) this.data++;
      const statement = {
        text,
        values: Array.isArray(values) ? values : undefined,
        ...(name ? { name } : {}),
        ...(commitsAfter ? { commitsAfter } : {}),
      };
      this.statements.push(statement);
      if (!this.byClient.has(client)) this.byClient.set(client, []);
      this.byClient.get(client)!.push(statement);
    };
    const original = this.original;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [first, second] = args;
      const config =
        typeof first === 'object' && first !== null
          ? (first as { text?: string; values?: unknown; name?: string; commitsAfter?: boolean })
          : {};
      record(
        this,
        typeof first === 'string' ? first : (config.text ?? ''),
        Array.isArray(second) ? second : config.values,
        config.name,
        config.commitsAfter === true,
      );
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
  }

  /** Each connection's statements in order, one connection after the other (replayable on one). */
  perConnection(): CapturedStatement[] {
    return [...this.byClient.values()].flat();
  }

  stop(): void {
    pg.Client.prototype.query = this.original;
  }
}
