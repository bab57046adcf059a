import type { AppConfig } from '#core';
import type { TenantTx } from '#database';
import { EVENT_SCHEMA_VERSION, type EventType } from '../outbox/event-payload.js';
import { enqueueEvent } from '../outbox/outbox.js';
import type { SubprocessorChange } from './subprocessor-change.entity.js';

/**
 * Writes the event that tells subscribers about `change`, in the transaction that changed it.
 * `tenant` saves the lookup when the caller has read it already.
 */
export async function enqueueChangeEvent(
  tx: TenantTx,
  config: AppConfig,
  type: EventType,
  change: SubprocessorChange,
  tenant?: { slug: string; name: string },
): Promise<string> {
  tenant ??= (
    (await tx.em.query(`SELECT slug, name FROM tenants WHERE id = $1`, [tx.tenantId])) as Array<{
      slug: string;
      name: string;
    }>
  )[0]!;
  const { slug } = tenant;
  const page = `${config.publicBaseUrl}/t/${slug}/subprocessors`;
  return enqueueEvent(tx, type, (id) => ({
    schemaVersion: EVENT_SCHEMA_VERSION,
    type,
    id,
    occurredAt: new Date().toISOString(),
    tenant: { slug, name: tenant.name },
    change: {
      id: change.id,
      kind: change.kind,
      status: change.status,
      announcedAt: change.announcedAt.toISOString(),
      effectiveAt: change.effectiveAt.toISOString(),
      objectionDeadline: change.objectionDeadline.toISOString(),
      noticePeriodDays: change.noticePeriodDays,
      urgentReason: change.urgentReason,
      note: change.note,
      engagementId: change.engagementId,
      replacedEngagementId: change.replacedEngagementId,
      productIds: change.productIds,
      subject: change.subject,
      diff: change.diff,
    },
    links: { subprocessorPage: page, feed: `${page}.atom` },
  }));
}
