import './pg-type-parsers.js';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

export const APP_DATA_SOURCE = Symbol('APP_DATA_SOURCE');

/**
 * One unit of work inside one tenant. Repositories take this, not a bare EntityManager, so a
 * query cannot be written without the tenant it runs for (RLS enforces it a second time).
 */
export interface TenantTx {
  readonly tenantId: string;
  readonly em: EntityManager;
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

/**
 * Runs work in a transaction bound to one tenant. The tenant is set with
 * `set_config('app.tenant_id', …, true)`: transaction-local, so a pooled connection never carries
 * one tenant's setting into another's request.
 */
@Injectable()
export class TenantDb {
  constructor(@Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async run<T>(tenantId: string, work: (tx: TenantTx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction(options.snapshot ? 'REPEATABLE READ' : undefined);
      if (options.readOnly) await runner.query('SET TRANSACTION READ ONLY');
      await runner.query(
        `SELECT set_config('app.tenant_id', $1, true), set_config('app.actor_label', $2, true),
                set_config('app.change_note', $3, true), set_config('app.effective_at', $4, true)`,
        [tenantId, options.actor ?? '', options.note ?? '', options.effectiveAt?.toISOString() ?? ''],
      );
      const result = await work({ tenantId, em: runner.manager });
      await runner.commitTransaction();
      return result;
    } catch (error) {
      // The work's error is the one worth reporting; a failed rollback (connection gone) is not.
      if (runner.isTransactionActive && !runner.isReleased) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
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
