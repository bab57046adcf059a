import { AppError } from '#core';
import type { TenantTx } from '#database';
import { assertExternalKeyFree } from '../common/external-key.js';
import { DATA_CATEGORIES } from '#gdpr';
import type { ActivityFields } from './activity-checks.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHIPPED_CATEGORIES: ReadonlySet<string> = new Set(DATA_CATEGORIES.map((c) => c.code));

/** An id a field names, with the path to report when it does not exist. */
interface Reference {
  field: string;
  id: string;
}

/**
 * Checks, inside the writing transaction, that everything the sent fields name exists in the
 * tenant: parties, products, engagements, custom data categories (another tenant's ids are
 * invisible under RLS, so they fail like unknown ones), and that each transfer's recipient is one
 * of the activity's recipients. `activity` is the record as it will be stored.
 */
export async function checkActivityReferences(
  tx: TenantTx,
  activity: ActivityFields & { id: string },
  sent: Partial<ActivityFields>,
): Promise<void> {
  const parties: Reference[] = [
    ...(sent.jointControllerIds ?? []).map((id, i) => ({ field: `input.jointControllerIds[${i}]`, id })),
    ...(sent.controllers ?? []).map((c, i) => ({ field: `input.controllers[${i}].partyId`, id: c.partyId })),
    ...(sent.recipients ?? []).flatMap((r, i) =>
      r.partyId ? [{ field: `input.recipients[${i}].partyId`, id: r.partyId }] : [],
    ),
    ...(sent.transfers ?? []).flatMap((t, i) =>
      t.partyId ? [{ field: `input.transfers[${i}].partyId`, id: t.partyId }] : [],
    ),
  ];
  await mustExist(tx, 'parties', 'Party', parties);
  await mustExist(
    tx,
    'products',
    'Product',
    (sent.productIds ?? []).map((id, i) => ({ field: `input.productIds[${i}]`, id })),
  );
  await mustExist(
    tx,
    'engagements',
    'Engagement',
    (sent.engagementIds ?? []).map((id, i) => ({ field: `input.engagementIds[${i}]`, id })),
  );
  await checkDataCategories(tx, [
    ...(sent.dataCategoryCodes ?? []).map((id, i) => ({ field: `input.dataCategoryCodes[${i}]`, id })),
    ...(sent.retention ?? []).flatMap((r, i) =>
      r.dataCategoryCode ? [{ field: `input.retention[${i}].dataCategoryCode`, id: r.dataCategoryCode }] : [],
    ),
  ]);
  if (sent.transfers || sent.recipients) checkTransferRecipients(activity, sent);
  await assertExternalKeyFree(tx, 'activities', 'activity', sent.externalKey, activity.id);
}

async function mustExist(tx: TenantTx, table: string, what: string, refs: Reference[]): Promise<void> {
  if (refs.length === 0) return;
  const ids = [...new Set(refs.map((r) => r.id).filter((id) => UUID.test(id)))];
  const rows = ids.length
    ? ((await tx.em.query(`SELECT id FROM ${table} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
        tx.tenantId,
        ids,
      ])) as Array<{ id: string }>)
    : [];
  const found = new Set(rows.map((r) => r.id));
  const missing = refs.find((r) => !found.has(r.id.toLowerCase()));
  if (missing) throw AppError.badInput(missing.field, `${what} ${missing.id} was not found.`);
}

/** Shipped codes (#gdpr DATA_CATEGORIES) or the tenant's own (table data_categories). */
async function checkDataCategories(tx: TenantTx, refs: Reference[]): Promise<void> {
  const custom = [...new Set(refs.map((r) => r.id).filter((code) => !SHIPPED_CATEGORIES.has(code)))];
  if (custom.length === 0) return;
  const rows = (await tx.em.query(`SELECT code FROM data_categories WHERE tenant_id = $1 AND code = ANY($2::text[])`, [
    tx.tenantId,
    custom,
  ])) as Array<{ code: string }>;
  const found = new Set([...SHIPPED_CATEGORIES, ...rows.map((r) => r.code)]);
  const missing = refs.find((r) => !found.has(r.id));
  if (missing)
    throw AppError.badInput(
      missing.field,
      `"${missing.id}" is not a known data category: use a shipped code (e.g. DC_EMAIL) or add your own first.`,
    );
}

function checkTransferRecipients(activity: ActivityFields, sent: Partial<ActivityFields>): void {
  const recipients = new Set(activity.recipients.map((r) => r.id));
  activity.transfers.forEach((t, i) => {
    if (t.recipientId === null || recipients.has(t.recipientId)) return;
    throw sent.transfers
      ? AppError.badInput(
          `input.transfers[${i}].recipientId`,
          `"${t.recipientId}" is not one of this activity's recipients: give the recipient's id.`,
        )
      : AppError.badInput(
          'input.recipients',
          `Transfer ${t.id} names recipient "${t.recipientId}": keep that recipient or change the transfers too.`,
        );
  });
}
