import pg from 'pg';

/** The driver's connection as a query writes to it (pg's extended-protocol messages). */
interface Wire {
  execute(config: unknown): void;
  sync(): void;
  parse(config: { text: string }): void;
  bind(config: object): void;
}

/**
 * A statement and the COMMIT after it, in one message to PostgreSQL: Parse, Bind, Execute of the
 * statement, then of COMMIT, then one Sync (the extended protocol's pipelining). PostgreSQL runs the
 * COMMIT the moment the statement completes, without a round trip to this process (whose event loop
 * may be busy with other requests): a lock the statement takes is held through the commit only.
 * If the statement fails, PostgreSQL skips everything up to the Sync, COMMIT included, and reports
 * the error as for any query; the transaction is then aborted and the caller rolls it back.
 * `commitsAfter` tells statement counters (tests, benchmarks) that a COMMIT travels with it.
 */
export class StatementWithCommit extends pg.Query {
  readonly commitsAfter = true;

  private constructor(text: string, values: unknown[], done: (error: Error | null, results: unknown) => void) {
    super(text, values, done as never);
  }

  /** Sends `text` with its COMMIT on `client`; answers the statement's result and the COMMIT's. */
  static send(client: pg.ClientBase, text: string, values: unknown[]): Promise<pg.QueryResult[]> {
    return new Promise((resolve, reject) => {
      // A query object is not a promise: pg calls back when PostgreSQL has answered both.
      void client.query(
        new StatementWithCommit(text, values, (error, results) =>
          error ? reject(error) : resolve(results as pg.QueryResult[]),
        ),
      );
    });
  }

  /** pg's own messages for the statement; COMMIT joins them before the Sync that ends them. */
  prepare(connection: Wire): void {
    let executed = false;
    const wire: Wire = Object.create(connection, {
      execute: {
        value: (config: unknown) => {
          executed = true;
          connection.execute(config);
        },
      },
      sync: {
        value: () => {
          // Only after the statement's Execute: a Sync after a failed Bind (nothing ran) commits nothing.
          if (executed) {
            connection.parse({ text: 'COMMIT' });
            connection.bind({});
            connection.execute({});
          }
          connection.sync();
        },
      },
    }) as Wire;
    (pg.Query.prototype as unknown as { prepare(c: Wire): void }).prepare.call(this, wire);
  }
}
