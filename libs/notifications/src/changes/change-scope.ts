import type { TenantTx } from '#database';
import type { Engagement } from '#register';
import type { ChangeSubject } from './subprocessor-change.entity.js';

/**
 * Controllers on specific authorisation (Art. 28(2)) whose processing the change touches: those
 * named on a processor activity that uses one of the engagements involved ($2), or that serves one
 * of the change's products ($3; a change or activity without products concerns every product).
 */
const APPROVERS_SQL = `SELECT DISTINCT (c->>'partyId')::uuid AS party_id
       FROM activities a CROSS JOIN LATERAL jsonb_array_elements(a.controllers) c
      WHERE a.tenant_id = $1 AND a.role = 'processor' AND a.status <> 'retired'
        -- The predicate of the partial index activities_specific_authorisation, word for word.
        AND a.controllers @> '[{"authorisation": "specific"}]'::jsonb
        AND c->>'authorisation' = 'specific'
        AND (a.engagement_ids && $2::uuid[]
             OR cardinality($3::uuid[]) = 0 OR cardinality(a.product_ids) = 0 OR a.product_ids && $3::uuid[])
      ORDER BY 1`;

/** What an announcement reads before it writes anything. */
export interface AnnouncementContext {
  tenant: { slug: string; name: string; noticePeriodDays: number };
  /** The words a notice needs about the engagement shown, frozen at announcement. */
  subject: ChangeSubject;
  /** Party ids of the controllers whose specific authorisation the change waits for. */
  approvers: string[];
  /** The shown engagement's vendor as stored (a party of the tenant), or null when there is none. */
  vendorId: string | null;
}

/**
 * Everything an announcement needs to read, in one statement: the tenant (notice period, name for
 * the event), the words about the engagement shown (and the vendor it replaces), whether that vendor
 * is a party of the tenant, and the controllers who must approve. One round trip instead of six, all
 * before the first write of the transaction.
 */
export async function readAnnouncementContext(
  tx: TenantTx,
  what: { shown: Engagement; replaced?: Engagement; engagementIds: string[]; productIds: string[] },
): Promise<AnnouncementContext> {
  const [row] = (await tx.em.query(
    `SELECT t.slug, t.name, t.notice_period_days,
            v.id AS vendor_id, v.name AS vendor_name, v.country AS vendor_country,
            ARRAY(SELECT p.name FROM products p WHERE p.tenant_id = $1 AND p.id = ANY ($4::uuid[]) ORDER BY p.name)
              AS product_names,
            (SELECT r.name FROM parties r WHERE r.tenant_id = $1 AND r.id = $6) AS replaced_vendor_name,
            ARRAY(SELECT party_id::text FROM (${APPROVERS_SQL}) approvers) AS approvers
       FROM tenants t LEFT JOIN parties v ON v.tenant_id = t.id AND v.id = $5
      WHERE t.id = $1`,
    [
      tx.tenantId,
      what.engagementIds,
      what.productIds,
      what.shown.productIds,
      what.shown.vendorId,
      what.replaced?.vendorId ?? null,
    ],
  )) as Array<{
    slug: string;
    name: string;
    notice_period_days: number;
    vendor_id: string | null;
    vendor_name: string | null;
    vendor_country: string | null;
    product_names: string[];
    replaced_vendor_name: string | null;
    approvers: string[];
  }>;
  if (!row) throw new Error(`Tenant ${tx.tenantId} is not visible in its own transaction`);
  return {
    tenant: { slug: row.slug, name: row.name, noticePeriodDays: row.notice_period_days },
    subject: {
      ...subjectOf(what.shown, row.vendor_name, row.vendor_country, row.product_names),
      ...(what.replaced ? { replacedVendorName: row.replaced_vendor_name ?? UNKNOWN_VENDOR } : {}),
    },
    approvers: row.approvers,
    vendorId: row.vendor_id,
  };
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
  return subjectOf(
    engagement,
    vendor?.name ?? null,
    vendor?.country ?? null,
    products.map((product) => product.name),
  );
}

const UNKNOWN_VENDOR = '(unknown vendor)';

function subjectOf(
  engagement: Engagement,
  vendorName: string | null,
  vendorCountry: string | null,
  productNames: string[],
): ChangeSubject {
  return {
    vendorName: vendorName ?? UNKNOWN_VENDOR,
    vendorCountry,
    purpose: engagement.purpose,
    processingLocations: engagement.processingLocations,
    accessLocations: engagement.accessLocations,
    transferMechanism: engagement.transferMechanism,
    dataCategoryCodes: engagement.dataCategoryCodes,
    productNames,
  };
}
