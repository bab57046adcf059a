import type { TenantTx } from '#database';
import type { EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A register row read for changing it, locked until the transaction ends. An edit reads the row,
 * applies the sent fields and saves; TypeORM's save writes every field that differs from the row
 * as it is by then, so without the lock two edits of different fields racing (two API processes)
 * would write the first one's field back to its old value (test/multi-process.e2e-spec.ts).
 */
export function findForUpdate<T extends ObjectLiteral & { tenantId: string; id: string }>(
  tx: TenantTx,
  entity: EntityTarget<T>,
  id: string,
): Promise<T | null> {
  return tx.em.findOne(entity, {
    where: { tenantId: tx.tenantId, id } as never,
    lock: { mode: 'pessimistic_write' },
  });
}
