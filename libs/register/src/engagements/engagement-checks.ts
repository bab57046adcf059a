import { AppError } from '#core';
import type { TenantTx } from '#database';
import { TRANSFER_MECHANISMS } from '#gdpr';
import { checkCode, checkCountries } from '../common/code-checks.js';
import { assertExternalKeyFree } from '../common/external-key.js';
import type { DataCategoriesService } from '../data-categories/data-categories.service.js';
import { partyReader } from '../parties/parties.service.js';
import type { ProductsService } from '../products/products.service.js';
import type { CreateEngagementInput } from './dto/engagement.input.js';
import type { Engagement } from './engagement.entity.js';

const MECHANISMS: ReadonlySet<string> = new Set(TRANSFER_MECHANISMS.map((m) => m.code));
const MAX_CHAIN = 50;

/**
 * Checks and normalises, inside the writing transaction, what an engagement write sent: the vendor,
 * parent, products and data categories must exist in the tenant (another tenant's ids are
 * invisible under RLS, so they fail like unknown ones), codes and countries must be known, the
 * chain must stay acyclic and dates in order. `engagement` is the record as it will be stored.
 */
export async function checkEngagement(
  tx: TenantTx,
  engagement: Engagement,
  sent: Partial<CreateEngagementInput>,
  services: { products: ProductsService; categories: DataCategoriesService },
): Promise<void> {
  await assertExternalKeyFree(tx, 'engagements', 'engagement', engagement.externalKey, engagement.id);
  if (sent.vendorId) {
    const [vendor] = await partyReader.byIds(tx, [sent.vendorId]);
    if (!vendor) throw vendorNotFound(sent.vendorId);
    engagement.vendorId = vendor.id;
  }
  if (sent.parentEngagementId)
    engagement.parentEngagementId = await checkParent(tx, engagement.id, sent.parentEngagementId);
  if (sent.productIds)
    engagement.productIds = await services.products.checkIds(tx, 'input.productIds', sent.productIds);
  if (sent.dataCategoryCodes)
    engagement.dataCategoryCodes = await services.categories.checkCodes(
      tx,
      'input.dataCategoryCodes',
      sent.dataCategoryCodes,
    );
  if (sent.processingLocations)
    engagement.processingLocations = checkCountries('input.processingLocations', sent.processingLocations);
  if (sent.accessLocations) engagement.accessLocations = checkCountries('input.accessLocations', sent.accessLocations);
  if (sent.transferMechanism)
    checkCode(
      'input.transferMechanism',
      sent.transferMechanism,
      MECHANISMS,
      'transfer mechanism (see transferMechanisms)',
    );
  if (engagement.startedOn && engagement.endedOn && engagement.endedOn < engagement.startedOn)
    throw AppError.badInput(
      'input.endedOn',
      `An engagement cannot end (${engagement.endedOn}) before it starts (${engagement.startedOn}).`,
    );
  if (sent.externalKey) {
    const [other] = (await tx.em.query(
      `SELECT id FROM engagements WHERE tenant_id = $1 AND external_key = $2 AND id <> $3`,
      [tx.tenantId, sent.externalKey, engagement.id],
    )) as unknown[];
    if (other)
      throw AppError.conflict(`Another engagement has external key "${sent.externalKey}".`, 'input.externalKey');
  }
}

/** An engagement's vendor that is not a party of the tenant (or not visible to it). */
export function vendorNotFound(vendorId: string): AppError {
  return AppError.badInput('input.vendorId', `Party ${vendorId} was not found.`);
}

/** The parent must exist, and walking up from it must never reach the engagement itself. */
async function checkParent(tx: TenantTx, id: string, parentId: string): Promise<string> {
  const chain = (await tx.em.query(
    `WITH RECURSIVE chain (id, parent_engagement_id, depth) AS (
       SELECT e.id, e.parent_engagement_id, 1 FROM engagements e WHERE e.tenant_id = $1 AND e.id = $2
       UNION ALL
       SELECT e.id, e.parent_engagement_id, c.depth + 1 FROM engagements e
         JOIN chain c ON e.tenant_id = $1 AND e.id = c.parent_engagement_id
        WHERE c.depth <= ${MAX_CHAIN})
     SELECT id FROM chain`,
    [tx.tenantId, parentId],
  )) as Array<{ id: string }>;
  if (chain.length === 0) throw AppError.badInput('input.parentEngagementId', `Engagement ${parentId} was not found.`);
  if (chain.some((link) => link.id === id))
    throw AppError.badInput(
      'input.parentEngagementId',
      'This parent would make the sub-processing chain a loop: an engagement cannot sit under itself.',
    );
  if (chain.length > MAX_CHAIN)
    throw AppError.badInput('input.parentEngagementId', `A sub-processing chain is at most ${MAX_CHAIN} deep.`);
  return chain[0]!.id;
}
