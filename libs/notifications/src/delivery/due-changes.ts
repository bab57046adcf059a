import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { APP_DATA_SOURCE } from '#database';
import type { DataSource } from 'typeorm';

/** Makes an announced change effective once its notice period is over (ChangesService.activate). */
export interface ChangeActivator {
  activate(tenantId: string, changeId: string): Promise<void>;
}

/** Provided by the changes feature (`useExisting: ChangesService`); without it no change is claimed. */
export const CHANGE_ACTIVATOR = Symbol('CHANGE_ACTIVATOR');

/**
 * Claims announced changes whose effective date has come (a lease, so several workers never both
 * activate one) and hands each to the activator; a failed activation is retried once the lease
 * runs out.
 */
@Injectable()
export class DueChanges {
  private readonly logger = new Logger('DueChanges');

  constructor(
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(CHANGE_ACTIVATOR) private readonly activator?: ChangeActivator,
  ) {}

  async runOnce(): Promise<number> {
    if (!this.activator) return 0;
    const due = (await this.dataSource.query(`SELECT tenant_id, id FROM claim_due_changes($1, $2)`, [
      this.config.worker.batchSize,
      this.config.worker.leaseSeconds,
    ])) as Array<{ tenant_id: string; id: string }>;
    for (const change of due) {
      try {
        await this.activator.activate(change.tenant_id, change.id);
      } catch (error) {
        this.logger.error(`activating change ${change.id} failed: ${(error as Error).message}`);
      }
    }
    return due.length;
  }
}
