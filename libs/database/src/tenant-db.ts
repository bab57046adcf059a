import './pg-type-parsers.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type EntityManager, QueryFailedError, type QueryRunner } from 'typeorm';
import type { Statement } from './one-statement.js';
import { executeSql, type PreparedStatement, queryPrepared } from './prepared.js';
import { StatementWithCommit } from './statement-with-commit.js';
import { openTransaction } from './transaction-opening.js';

export const APP_DATA_SOURCE = Symbol('APP_DATA_SOURCE');

/**
 * One unit of work inside one tenant. Repositories take this, not a bare EntityManager, so a
 * query cannot be written without the tenant it runs for (RLS enforces it a second time).
 */
export interface TenantTx {
  readonly tenantId: string;
  readonly em: EntityManager;
  /**
   * Write transactions only: `statement` is the work's last, sent when the work returns with the
   * COMMIT in the same message. PostgreSQL commits the moment the statement completes, without
   * waiting for this process's event loop (busy with other requests under load), so a lock the
   * statement takes (the history chain head) is held for the commit only.
   */
  readonly commitWith?: (statement: Statement) => void;
}

export interface TxOptions {
  readOnly?: boolean;
  /**
   * Who makes the change, for the register history (who/when/before/after). The history
   * trigger refuses register writes in a transaction that names no actor.
   */
  actor?: string;
  /** A person's note on why, stored with every history entry of this transaction. */
  note?: string;
  /** Backdated imports only (seed changelogs, spreadsheet imports): when the change took effect. */
  effectiveAt?: Date;
  /**
   * One snapshot for every statement of the work (exports read many tables and the history head,
   * and must not see a write that lands between two of them).
   */
  snapshot?: boolean;
}

/** A first read to send with a read transaction's opening. */
interface FirstRead {
  statement: PreparedStatement;
  args: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One HTTP request's shared read transaction. Plain reads of a request (authentication, a page,
 * every DataLoader batch) run in it instead of opening a transaction each: opened on first use
 * (`BEGIN READ ONLY` and the tenant in one round trip), committed when the request ends. READ
 * COMMITTED, as before: every statement still sees what committed before it (a mutation's own
 * write included). It is given back early, while idle, when the request opens a transaction of its
 * own (a write), so a request never waits for a second connection while holding one.
 */
export class ReadScope {
  private runner?: QueryRunner;
  private opening?: Promise<TenantTx>;
  private tenantId?: string;
  private inFlight = 0;
  private ending = false;
  private failed = false;
  /** The connection may hold a half-made prepared statement: close it instead of pooling it. */
  private discard = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Whether a read for this tenant can join (one tenant per transaction; none after the end). */
  serves(tenantId: string): boolean {
    return !this.ending && UUID.test(tenantId) && (this.tenantId === undefined || this.tenantId === tenantId);
  }

  run<T>(tenantId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.enter(tenantId, async () => work(await (this.opening ??= this.open(tenantId))));
  }

  /**
   * A hot read by prepared statement (see {@link TenantDb.readPrepared}). The first read of the
   * request travels with the opening statements: one round trip for `BEGIN`, the tenant and the read.
   */
  readPrepared<T>(tenantId: string, statement: PreparedStatement, args: readonly string[]): Promise<T[]> {
    return this.enter(tenantId, async () => {
      if (this.opening) return queryPrepared<T>((await this.opening).em, statement, [...args]);
      let rows: T[] = [];
      this.opening = this.open(tenantId, { statement, args }).then((opened) => {
        rows = opened.rows as T[];
        return opened.tx;
      });
      await this.opening;
      return rows;
    });
  }

  private async enter<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.tenantId ??= tenantId;
    try {
      return await work();
    } catch (error) {
      // A failed statement aborts the transaction: the next read starts a fresh one.
      this.failed ||= isDatabaseError(error);
      throw error;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0 && (this.ending || this.failed)) await this.finish();
    }
  }

  /** The request is over: commit now, or when the last read still running is done. */
  async end(): Promise<void> {
    this.ending = true;
    if (this.inFlight === 0) await this.finish();
  }

  /** Before the request opens another transaction: give the connection back if nothing uses it. */
  async releaseIfIdle(): Promise<void> {
    if (this.inFlight === 0 && this.opening) await this.finish();
  }

  /**
   * Before a write of the same request: hands over the connection of the idle read transaction,
   * still open, for the write to commit it in the write's own opening round trip (`COMMIT; START
   * TRANSACTION; …`) instead of one of its own; the scope opens afresh if it reads again. Answers
   * nothing (and keeps or ends the transaction as {@link releaseIfIdle} would) where that is not safe.
   */
  async handOver(): Promise<QueryRunner | undefined> {
    if (this.inFlight !== 0 || !this.opening) return undefined;
    const opened = await this.opening.then(
      () => true,
      () => false,
    );
    if (!opened || this.failed || this.discard || this.inFlight !== 0 || !this.runner) {
      await this.releaseIfIdle();
      return undefined;
    }
    const runner = this.runner;
    this.runner = this.opening = this.tenantId = undefined;
    return runner;
  }

  /**
   * `BEGIN READ ONLY` and the tenant, and a first read if given, in one round trip: one
   * simple-protocol query of several statements, where parameters cannot travel, so the read is an
   * `EXECUTE` of a prepared statement with its UUID arguments inlined (executeSql checks them), and
   * the tenant id is checked to be a UUID (serves) before it is inlined.
   */
  private open(tenantId: string): Promise<TenantTx>;
  private open(tenantId: string, firstRead: FirstRead): Promise<{ tx: TenantTx; rows: unknown[] }>;
  private async open(tenantId: string, firstRead?: FirstRead): Promise<TenantTx | { tx: TenantTx; rows: unknown[] }> {
    const runner = this.dataSource.createQueryRunner();
    queueQueries(runner);
    this.runner = runner;
    const opening = `START TRANSACTION READ ONLY; SELECT set_config('app.tenant_id', '${tenantId}', true)`;
    const tx = { tenantId, em: runner.manager };
    try {
      if (firstRead === undefined) {
        await runner.query(opening);
        return tx;
      }
      // TypeORM answers nothing for a query of several statements: the driver's client does.
      const client = (await runner.connect()) as { query(sql: string): Promise<Array<{ rows: unknown[] }>> };
      const read = executeSql(client, firstRead.statement, firstRead.args);
      const sql = `${opening}; ${read.sql}`;
      const results = await client.query(sql).catch((error: unknown) => {
        this.discard = !read.done(false);
        throw error instanceof QueryFailedError ? error : new QueryFailedError(sql, undefined, error as Error);
      });
      read.done(true);
      return { tx, rows: results.at(-1)!.rows };
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  private async finish(): Promise<void> {
    const { runner, failed, opening, discard } = this;
    this.runner = this.opening = this.tenantId = undefined;
    this.failed = this.discard = false;
    if (!runner) return;
    try {
      if (opening) await opening.catch(() => undefined);
      if (discard) throw new Error('the connection may hold a half-made prepared statement');
      await runner.query(failed ? 'ROLLBACK' : 'COMMIT');
      await runner.release();
    } catch (error) {
      // Never hand a connection in an unknown transaction state back to the pool.
      await (runner as unknown as { releasePostgresConnection(err: unknown): Promise<void> })
        .releasePostgresConnection(error)
        .catch(() => undefined);
    }
  }
}

/**
 * Sends `last` with the COMMIT in the same message ({@link StatementWithCommit}). After a failed
 * `last` the transaction is aborted, not committed: the caller's rollback ends it. The runner is
 * released afterwards, never reused, so its own transaction flag does not matter.
 */
async function commitAfter(runner: QueryRunner, last: Statement): Promise<void> {
  const client = (await runner.connect()) as pg.ClientBase;
  await StatementWithCommit.send(client, last.sql, last.params).catch((error: unknown) => {
    // As TypeORM reports a failed statement, so error handling sees the same kind of error.
    throw new QueryFailedError(last.sql, last.params, error as Error);
  });
}

/** TypeORM wraps every error PostgreSQL answers a statement with in a QueryFailedError. */
function isDatabaseError(error: unknown): boolean {
  return error instanceof Error && error.name === 'QueryFailedError';
}

/**
 * The reads sharing a scope's connection ask at once (a request's DataLoader batches). pg queues
 * them, but deprecates that and pg 9 will refuse it: they wait for each other here instead.
 */
function queueQueries(runner: QueryRunner): void {
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: unknown[]) => {
    const next = previous.then(() => query(...args));
    previous = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
}

const scopes = new AsyncLocalStorage<ReadScope>();

/**
 * Runs work in a transaction bound to one tenant. The tenant is set with
 * `set_config('app.tenant_id', …, true)`: transaction-local, so a pooled connection never carries
 * one tenant's setting into another's request. Inside a request scope ({@link TenantDb.scope}),
 * plain reads share the request's one read transaction.
 */
@Injectable()
export class TenantDb {
  constructor(@Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /**
   * Runs `work` (and everything it starts asynchronously) in a new request scope; call `end()` on
   * the returned scope when the request is over (the API does both in its request middleware).
   */
  scope<T>(work: () => T): { result: T; scope: ReadScope } {
    const scope = new ReadScope(this.dataSource);
    return { result: scopes.run(scope, work), scope };
  }

  /**
   * Before waiting for something slow (an export's turn): give the request's read connection back
   * when no read is using it, so waiting requests do not hold the connections others need.
   */
  async releaseReadScope(): Promise<void> {
    await scopes.getStore()?.releaseIfIdle();
  }

  async run<T>(tenantId: string, work: (tx: TenantTx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    const scope = scopes.getStore();
    if (scope) {
      const plainRead = options.readOnly && !options.actor && !options.note && !options.effectiveAt;
      if (plainRead && scope.serves(tenantId)) return scope.run(tenantId, work);
    }
    // The request's idle read transaction is committed in this one's opening, on its connection.
    const handed = await scope?.handOver();
    const runner = handed ?? this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      // The START with its mode and the settings in one round trip.
      await openTransaction(runner, {
        commitFirst: handed !== undefined,
        tenantId,
        actor: options.actor ?? '',
        note: options.note ?? '',
        effectiveAt: options.effectiveAt?.toISOString() ?? '',
        readOnly: Boolean(options.readOnly),
        snapshot: Boolean(options.snapshot),
      });
      let last: Statement | undefined;
      const commitWith = (statement: Statement) => {
        if (last) throw new Error('commitWith: a transaction has one last statement');
        last = statement;
      };
      const result = await work({ tenantId, em: runner.manager, ...(options.readOnly ? {} : { commitWith }) });
      if (last) await commitAfter(runner, last);
      else await runner.commitTransaction();
      return result;
    } catch (error) {
      // The work's error is the one worth reporting; a failed rollback (connection gone) is not.
      if (runner.isTransactionActive && !runner.isReleased) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * A plain read by prepared statement, run like `run(…, { readOnly: true })`. What it is for: when
   * it is the first read of a request scope, it is sent in the same round trip as the scope's `BEGIN`
   * and tenant (authentication, on every request), and PostgreSQL plans it once per connection.
   * The arguments are UUIDs only (they may be inlined as literals; anything else is refused).
   */
  async readPrepared<T>(tenantId: string, statement: PreparedStatement, args: readonly string[]): Promise<T[]> {
    const scope = scopes.getStore();
    if (scope?.serves(tenantId)) return scope.readPrepared<T>(tenantId, statement, args);
    return this.run(tenantId, (tx) => queryPrepared<T>(tx.em, statement, [...args]), { readOnly: true });
  }

  /** For the few reads that precede knowing a tenant (tenant by slug). RLS still applies. */
  async withoutTenant<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return work(this.dataSource.manager);
  }

  /** `SELECT 1` through the app role's pool: what /health reports. */
  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
