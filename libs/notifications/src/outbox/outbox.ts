import { randomUUID } from 'node:crypto';
import { type Statement, type TenantTx } from '#database';
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
  const { id, statement } = eventStatement(tx, type, build);
  await tx.em.query(statement.sql, statement.params);
  return id;
}

/** The INSERT of an event, for a caller that sends it together with its other writes (`runAsOne`). */
export function eventStatement(
  tx: TenantTx,
  type: EventType,
  build: (eventId: string) => EventPayload,
): { id: string; statement: Statement } {
  const id = randomUUID();
  return {
    id,
    statement: {
      sql: `INSERT INTO outbox_events (tenant_id, id, type, payload) VALUES ($1, $2, $3, $4)`,
      params: [tx.tenantId, id, type, JSON.stringify(build(id))],
    },
  };
}
