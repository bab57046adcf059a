import { Injectable } from '@nestjs/common';
import type { Principal } from '#core';
import { TenantDb, type TenantTx } from '#database';

export interface WriteOptions {
  note?: string;
  /** Backdated imports only: when the change took effect (seed changelogs, spreadsheets). */
  effectiveAt?: Date;
}

/**
 * Every register write goes through here: one transaction in the caller's tenant, named after the
 * caller, so the history trigger records who changed what (and refuses writes with no actor).
 */
@Injectable()
export class RegisterWriter {
  constructor(private readonly db: TenantDb) {}

  write<T>(principal: Principal, work: (tx: TenantTx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    return this.db.run(principal.tenantId, work, { actor: principal.actorLabel, ...options });
  }

  read<T>(principal: Principal, work: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.db.run(principal.tenantId, work, { readOnly: true });
  }
}
