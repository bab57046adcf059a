import pg from 'pg';

const BOOKKEEPING = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SET TRANSACTION|SELECT set_config)/i;

/**
 * Counts the statements every pg client of this process sends (the API runs in-process in the
 * benchmark): all of them, and the data statements (without transaction and tenant bookkeeping).
 */
export class SqlCounter {
  total = 0;
  data = 0;
  private readonly original = pg.Client.prototype.query;

  start(): void {
    const count = (text: string) => {
      this.total++;
      if (!BOOKKEEPING.test(text)) this.data++;
    };
    const original = this.original;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0];
      count(typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? ''));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
  }

  reset(): void {
    this.total = 0;
    this.data = 0;
  }

  stop(): void {
    pg.Client.prototype.query = this.original;
  }
}
