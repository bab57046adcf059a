import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { APP_DATA_SOURCE, TenantDb } from '#database';
import type { DataSource } from 'typeorm';
import type { EventType } from './event-payload.js';

/** Which channels carry which event (the contract): an activation is news for machines only. */
export const EVENT_CHANNELS: Readonly<Record<EventType, ReadonlyArray<'email' | 'webhook'>>> = {
  'subprocessor_change.announced': ['email', 'webhook'],
  'subprocessor_change.effective': ['webhook'],
  'subprocessor_change.withdrawn': ['email', 'webhook'],
};

const EMAIL_TYPES = Object.entries(EVENT_CHANNELS)
  .filter(([, channels]) => channels.includes('email'))
  .map(([type]) => type);
const WEBHOOK_TYPES = Object.entries(EVENT_CHANNELS)
  .filter(([, channels]) => channels.includes('webhook'))
  .map(([type]) => type);

/**
 * Turns outbox events into deliveries: one per confirmed subscriber (email) and active endpoint
 * (webhook) in scope. Scope: a target with no products gets everything, a change with no
 * products concerns everyone, otherwise the product lists must overlap. One set-based INSERT …
 * SELECT per tenant, idempotent through the (event, channel, target) key, so a fan-out cut short
 * by a crash is simply repeated once its lease runs out.
 */
@Injectable()
export class FanOutService {
  constructor(
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly db: TenantDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Claims a batch of events across tenants and fans them out; returns how many were claimed. */
  async runOnce(): Promise<number> {
    const claimed = (await this.dataSource.query(`SELECT tenant_id, id FROM claim_outbox_events($1, $2)`, [
      this.config.worker.batchSize,
      this.config.worker.leaseSeconds,
    ])) as Array<{ tenant_id: string; id: string }>;
    const byTenant = new Map<string, string[]>();
    for (const row of claimed) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row.id]);
    for (const [tenantId, eventIds] of byTenant) await this.fanOut(tenantId, eventIds);
    return claimed.length;
  }

  /** Creates the deliveries of these events and marks them fanned out, in one tenant transaction. */
  fanOut(tenantId: string, eventIds: readonly string[]): Promise<number> {
    return this.db.run(tenantId, async (tx) => {
      const [{ n }] = (await tx.em.query(
        `WITH ev AS (
           SELECT e.id, e.type,
                  ARRAY(SELECT jsonb_array_elements_text(e.payload -> 'change' -> 'productIds'))::uuid[] AS products
             FROM outbox_events e
            WHERE e.tenant_id = $1 AND e.id = ANY($2::uuid[]) AND e.fanned_out_at IS NULL
         ), targets AS (
           SELECT ev.id AS event_id, 'email' AS channel, s.id AS target_id
             FROM ev JOIN subscribers s
               ON s.tenant_id = $1 AND s.status = 'confirmed'
              AND (cardinality(s.product_ids) = 0 OR cardinality(ev.products) = 0 OR s.product_ids && ev.products)
            WHERE ev.type = ANY($3::text[])
           UNION ALL
           SELECT ev.id, 'webhook', w.id
             FROM ev JOIN webhook_endpoints w
               ON w.tenant_id = $1 AND w.status = 'active'
              AND (cardinality(w.product_ids) = 0 OR cardinality(ev.products) = 0 OR w.product_ids && ev.products)
            WHERE ev.type = ANY($4::text[])
         ), inserted AS (
           INSERT INTO deliveries (tenant_id, event_id, channel, target_id)
           SELECT $1, event_id, channel, target_id FROM targets
           ON CONFLICT DO NOTHING
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM inserted`,
        [tenantId, eventIds, EMAIL_TYPES, WEBHOOK_TYPES],
      )) as [{ n: number }];
      await tx.em.query(
        `UPDATE outbox_events SET fanned_out_at = now(), lease_until = NULL
          WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND fanned_out_at IS NULL`,
        [tenantId, eventIds],
      );
      return n;
    });
  }
}
