import { AppError } from '#core';
import type { TenantTx } from '#database';
import type { RegisterEntityType } from '../history/register-change.entity.js';

/**
 * Import keys are unique per tenant (a partial unique index backs this up): say which field
 * clashes before the database refuses the row.
 */
export async function assertExternalKeyFree(
  tx: TenantTx,
  table: RegisterEntityType,
  what: string,
  externalKey: string | null | undefined,
  id: string,
): Promise<void> {
  if (!externalKey) return;
  const rows = (await tx.em.query(
    `SELECT 1 FROM ${table} WHERE tenant_id = $1 AND external_key = $2 AND id <> $3 LIMIT 1`,
    [tx.tenantId, externalKey, id],
  )) as unknown[];
  if (rows.length > 0)
    throw AppError.conflict(`Another ${what} has external key "${externalKey}".`, 'input.externalKey');
}
