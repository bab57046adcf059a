import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import { TenantDb } from '#database';
import { webhookIdOf } from '../webhooks/standard-webhooks.js';
import type { DeliveriesArgs, DeliveryAttemptModel, DeliveryModel, DeliveryPage } from './delivery.model.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The compliance team's view of the outbox: per change or event, every delivery with its
 * recipient and every attempt. Keyset pages (created_at, id); attempts of a page in one query.
 */
@Injectable()
export class DeliveriesService {
  constructor(private readonly db: TenantDb) {}

  /**
   * One more attempt, now, for a dead-lettered delivery (e.g. after the receiver was mended). It
   * keeps its id, so receivers that saw an earlier attempt recognise it; if this attempt fails too
   * it goes back to the dead-letter list. Refused unless the delivery is DEAD and its subscriber
   * is still confirmed, or its endpoint still active.
   */
  async retry(principal: Principal, id: string): Promise<DeliveryModel> {
    await this.db.run(principal.tenantId, async (tx) => {
      const [row] = (await tx.em.query(
        `SELECT d.status, COALESCE(s.status = 'confirmed', w.status = 'active', false) AS reachable
           FROM deliveries d
           LEFT JOIN subscribers s ON d.channel = 'email' AND s.tenant_id = d.tenant_id AND s.id = d.target_id
           LEFT JOIN webhook_endpoints w ON d.channel = 'webhook' AND w.tenant_id = d.tenant_id AND w.id = d.target_id
          WHERE d.tenant_id = $1 AND d.id = $2
          FOR UPDATE OF d`,
        [tx.tenantId, id],
      )) as Array<{ status: string; reachable: boolean }>;
      if (!row) throw AppError.notFound('Delivery', id);
      if (row.status !== 'dead')
        throw AppError.conflict(`Only a dead-lettered delivery can be retried; this one is ${row.status}.`, 'id');
      if (!row.reachable)
        throw AppError.conflict(
          'The subscriber has left or the endpoint is disabled: there is no one to deliver to.',
          'id',
        );
      await tx.em.query(
        `UPDATE deliveries SET status = 'pending', next_attempt_at = now() WHERE tenant_id = $1 AND id = $2`,
        [tx.tenantId, id],
      );
    });
    const page = await this.page(principal, { deliveryId: id, first: 1 });
    return page.items[0]!;
  }

  page(principal: Principal, args: DeliveriesArgs & { deliveryId?: string }): Promise<DeliveryPage> {
    const first = args.first ?? 100;
    const after = args.after ? decodeCursor(args.after) : undefined;
    return this.db.run(
      principal.tenantId,
      async (tx) => {
        const filters = ['d.tenant_id = $1'];
        const params: unknown[] = [tx.tenantId];
        const add = (sql: string, value: unknown) => {
          params.push(value);
          filters.push(sql.replace('?', `$${params.length}`));
        };
        if (args.changeId) add(`e.payload -> 'change' ->> 'id' = ?`, args.changeId.toLowerCase());
        if (args.eventId) add('d.event_id = ?', args.eventId);
        if (args.deliveryId) add('d.id = ?', args.deliveryId);
        if (args.status) add('d.status = ?', args.status);
        if (args.channel) add('d.channel = ?', args.channel);
        const where = filters.join(' AND ');
        const [{ n }] = (await tx.em.query(
          `SELECT count(*)::int AS n FROM deliveries d JOIN outbox_events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id WHERE ${where}`,
          params,
        )) as [{ n: number }];
        const pageParams = [...params];
        let keyset = '';
        if (after) {
          pageParams.push(after.createdAt, after.id);
          keyset = ` AND (d.created_at, d.id) > ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`;
        }
        pageParams.push(first + 1);
        const rows = (await tx.em.query(
          `SELECT d.id, d.channel, d.target_id, d.status, d.attempts, d.created_at, d.next_attempt_at, d.delivered_at,
                  d.last_error, e.id AS event_id, e.type, e.created_at AS occurred_at, e.payload -> 'change' ->> 'id' AS change_id,
                  COALESCE(s.email, w.url) AS recipient, to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
             FROM deliveries d
             JOIN outbox_events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
             LEFT JOIN subscribers s ON d.channel = 'email' AND s.tenant_id = d.tenant_id AND s.id = d.target_id
             LEFT JOIN webhook_endpoints w ON d.channel = 'webhook' AND w.tenant_id = d.tenant_id AND w.id = d.target_id
            WHERE ${where}${keyset}
            ORDER BY d.created_at, d.id
            LIMIT $${pageParams.length}`,
          pageParams,
        )) as Row[];
        const more = rows.length > first;
        const page = rows.slice(0, first);
        const attempts = (await tx.em.query(
          `SELECT delivery_id, attempt, worker, started_at, finished_at, outcome, response_code, latency_ms, error
             FROM delivery_attempts WHERE tenant_id = $1 AND delivery_id = ANY($2::uuid[]) ORDER BY delivery_id, attempt`,
          [tx.tenantId, page.map((r) => r.id)],
        )) as AttemptRow[];
        const log = new Map<string, DeliveryAttemptModel[]>();
        for (const a of attempts) {
          const list = log.get(a.delivery_id) ?? [];
          list.push({
            attempt: a.attempt,
            worker: a.worker,
            startedAt: a.started_at,
            finishedAt: a.finished_at,
            outcome: a.outcome as DeliveryAttemptModel['outcome'],
            responseCode: a.response_code,
            latencyMs: a.latency_ms,
            error: a.error,
          });
          log.set(a.delivery_id, list);
        }
        const items = page.map((r): DeliveryModel => ({
          id: r.id,
          webhookId: webhookIdOf(r.id),
          channel: r.channel as DeliveryModel['channel'],
          targetId: r.target_id,
          recipient: r.recipient,
          status: r.status as DeliveryModel['status'],
          attempts: r.attempts,
          createdAt: r.created_at,
          nextAttemptAt: r.next_attempt_at,
          deliveredAt: r.delivered_at,
          lastError: r.last_error,
          event: { id: r.event_id, type: r.type, occurredAt: r.occurred_at, changeId: r.change_id },
          attemptLog: log.get(r.id) ?? [],
        }));
        const last = page.at(-1);
        return { items, totalCount: n, nextCursor: more && last ? encodeCursor(last.cursor_at, last.id) : null };
      },
      { readOnly: true },
    );
  }
}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      UUID.test(value[1])
    )
      return { createdAt: value[0], id: value[1] };
  } catch {
    // fall through
  }
  throw AppError.badInput('after', 'This cursor is not valid: pass the nextCursor of a previous page.');
}

interface Row {
  id: string;
  channel: string;
  target_id: string;
  status: string;
  attempts: number;
  created_at: Date;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_error: string | null;
  event_id: string;
  type: string;
  occurred_at: Date;
  change_id: string;
  recipient: string | null;
  cursor_at: string;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  worker: string;
  started_at: Date;
  finished_at: Date | null;
  outcome: string;
  response_code: number | null;
  latency_ms: number | null;
  error: string | null;
}
