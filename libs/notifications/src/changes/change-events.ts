import type { AppConfig } from '#core';
import type { Statement, TenantTx } from '#database';
import { EVENT_SCHEMA_VERSION, type EventType } from '../outbox/event-payload.js';
import { eventStatement } from '../outbox/outbox.js';
import type { SubprocessorChange } from './subprocessor-change.entity.js';

/** Writes the event that tells subscribers about `change`, in the transaction that changed it. */
export async function enqueueChangeEvent(
  tx: TenantTx,
  config: AppConfig,
  type: EventType,
  change: SubprocessorChange,
): Promise<string> {
  const [tenant] = (await tx.em.query(`SELECT slug, name FROM tenants WHERE id = $1`, [tx.tenantId])) as Array<{
    slug: string;
    name: string;
  }>;
  const { id, statement } = changeEventStatement(tx, config, type, change, tenant!);
  await tx.em.query(statement.sql, statement.params);
  return id;
}

/** The INSERT of that event, for a caller that has read the tenant and sends it with its other writes. */
export function changeEventStatement(
  tx: TenantTx,
  config: AppConfig,
  type: EventType,
  change: SubprocessorChange,
  tenant: { slug: string; name: string },
): { id: string; statement: Statement } {
  const { slug } = tenant;
  const page = `${config.publicBaseUrl}/t/${slug}/subprocessors`;
  return eventStatement(tx, type, (id) => ({
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
