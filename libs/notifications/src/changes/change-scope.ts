import type { TenantTx } from '#database';
import type { Engagement } from '#register';
import type { ChangeSubject } from './subprocessor-change.entity.js';

/**
 * Controllers on specific authorisation (Art. 28(2)) whose processing the change touches: those
 * named on a processor activity that uses one of the engagements involved, or that serves one of
 * the change's products (a change or activity without products concerns every product).
 */
export async function controllersNeedingApproval(
  tx: TenantTx,
  engagementIds: string[],
  productIds: string[],
): Promise<string[]> {
  const rows = (await tx.em.query(
    `SELECT DISTINCT (c->>'partyId')::uuid AS party_id
       FROM activities a CROSS JOIN LATERAL jsonb_array_elements(a.controllers) c
      WHERE a.tenant_id = $1 AND a.role = 'processor' AND a.status <> 'retired'
        AND c->>'authorisation' = 'specific'
        AND (a.engagement_ids && $2::uuid[]
             OR cardinality($3::uuid[]) = 0 OR cardinality(a.product_ids) = 0 OR a.product_ids && $3::uuid[])
      ORDER BY 1`,
    [tx.tenantId, engagementIds, productIds],
  )) as Array<{ party_id: string }>;
  return rows.map((row) => row.party_id);
}

/** The words a notice needs about an engagement, frozen at announcement. */
export async function describeEngagement(tx: TenantTx, engagement: Engagement): Promise<ChangeSubject> {
  const [vendor] = (await tx.em.query(`SELECT name, country FROM parties WHERE tenant_id = $1 AND id = $2`, [
    tx.tenantId,
    engagement.vendorId,
  ])) as Array<{ name: string; country: string | null }>;
  const products = (await tx.em.query(
    `SELECT name FROM products WHERE tenant_id = $1 AND id = ANY ($2::uuid[]) ORDER BY name`,
    [tx.tenantId, engagement.productIds],
  )) as Array<{ name: string }>;
  return {
    vendorName: vendor?.name ?? '(unknown vendor)',
    vendorCountry: vendor?.country ?? null,
    purpose: engagement.purpose,
    processingLocations: engagement.processingLocations,
    accessLocations: engagement.accessLocations,
    transferMechanism: engagement.transferMechanism,
    dataCategoryCodes: engagement.dataCategoryCodes,
    productNames: products.map((product) => product.name),
  };
}
