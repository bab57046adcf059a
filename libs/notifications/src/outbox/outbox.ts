import { randomUUID } from 'node:crypto';
import type { TenantTx } from '#database';
import type { EventPayload, EventType } from './event-payload.js';

/**
 * Writes an event in the caller's transaction: it exists if and only if the change it announces
 * committed. The worker fans it out to subscribers and endpoints. Returns the event id.
 */
export async function enqueueEvent(
  tx: TenantTx,
  type: EventType,
  build: (eventId: string) => EventPayload,
): Promise<string> {
  const id = randomUUID();
  await tx.em.query(`INSERT INTO outbox_events (tenant_id, id, type, payload) VALUES ($1, $2, $3, $4)`, [
    tx.tenantId,
    id,
    type,
    JSON.stringify(build(id)),
  ]);
  return id;
}
