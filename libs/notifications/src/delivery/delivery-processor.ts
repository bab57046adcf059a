import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { APP_DATA_SOURCE, TenantDb } from '#database';
import type { DataSource } from 'typeorm';
import { SecretBox } from '../common/secret-box.js';
import type { EventPayload } from '../outbox/event-payload.js';
import { type AttemptRecord, recordAttempts } from './delivery-recorder.js';
import { EmailChannel } from './email-channel.js';
import type { AttemptResult } from './retry-policy.js';
import { WebhookChannel } from './webhook-channel.js';

interface Job {
  tenantId: string;
  deliveryId: string;
  attempt: number;
  channel: 'email' | 'webhook';
  targetId: string;
  event?: { payload: EventPayload; body: string };
  email?: { address: string; language: 'nl' | 'en' };
  webhook?: { url: string; secrets: string[] };
  /** Why there is no one to deliver to any more (the delivery is cancelled). */
  gone?: string;
}

/** How many finished attempts are written together. */
const RECORD_CHUNK = 100;

/**
 * Claims due deliveries across tenants (each claim is a lease and starts an attempt row), loads
 * what they need in one read per tenant, sends them `worker.concurrency` at a time and writes the
 * outcomes in chunks as they finish. A worker killed anywhere in between leaves leased rows and
 * in_flight attempts; the lease runs out and another worker tries again with the same delivery id.
 */
@Injectable()
export class DeliveryProcessor {
  readonly workerName = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('Deliveries');
  private readonly box: SecretBox;

  constructor(
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly db: TenantDb,
    private readonly emails: EmailChannel,
    private readonly webhooks: WebhookChannel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.appSecret);
  }

  /** One batch: claim, send, record. Returns how many deliveries were claimed. */
  async runOnce(): Promise<number> {
    const { batchSize, leaseSeconds, concurrency } = this.config.worker;
    const claimed = (await this.dataSource.query(`SELECT tenant_id, id, attempt FROM claim_deliveries($1, $2, $3)`, [
      batchSize,
      leaseSeconds,
      this.workerName,
    ])) as Array<{ tenant_id: string; id: string; attempt: number }>;
    if (claimed.length === 0) return 0;
    const byTenant = new Map<string, Map<string, number>>();
    for (const row of claimed) {
      if (!byTenant.has(row.tenant_id)) byTenant.set(row.tenant_id, new Map());
      byTenant.get(row.tenant_id)!.set(row.id, row.attempt);
    }
    const jobs: Job[] = [];
    for (const [tenantId, attempts] of byTenant) jobs.push(...(await this.load(tenantId, attempts)));

    let pending: AttemptRecord[] = [];
    let writing = Promise.resolve();
    const flush = () => {
      const chunk = pending;
      pending = [];
      writing = writing.then(() => this.record(chunk));
    };
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const result = await this.attempt(job);
        pending.push({ ...job, result });
        if (pending.length >= RECORD_CHUNK) flush();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
    flush();
    await writing;
    return claimed.length;
  }

  private async attempt(job: Job): Promise<AttemptResult> {
    if (job.gone) return { kind: 'permanent', cancel: true, error: job.gone, latencyMs: 0 };
    try {
      if (job.email) {
        return await this.emails.send(
          {
            tenantId: job.tenantId,
            deliveryId: job.deliveryId,
            subscriberId: job.targetId,
            ...job.email,
            email: job.email.address,
          },
          job.event!.payload,
        );
      }
      return await this.webhooks.send({ deliveryId: job.deliveryId, ...job.webhook! }, job.event!.body);
    } catch (error) {
      this.logger.error(`delivery ${job.deliveryId} failed unexpectedly: ${(error as Error).message}`);
      return { kind: 'retry', error: 'internal error', latencyMs: 0 };
    }
  }

  /** The deliveries, their events and targets (secrets opened), in one read-only transaction. */
  private load(tenantId: string, attempts: Map<string, number>): Promise<Job[]> {
    return this.db.run(
      tenantId,
      async (tx) => {
        const rows = (await tx.em.query(
          `SELECT d.id, d.event_id, d.channel, d.target_id, d.status,
                  s.email, s.language, s.status AS subscriber_status,
                  w.url, w.status AS endpoint_status, w.secret_ciphertext, w.previous_secret_ciphertext,
                  (w.previous_secret_expires_at > now()) AS previous_valid
             FROM deliveries d
             LEFT JOIN subscribers s ON d.channel = 'email' AND s.tenant_id = d.tenant_id AND s.id = d.target_id
             LEFT JOIN webhook_endpoints w ON d.channel = 'webhook' AND w.tenant_id = d.tenant_id AND w.id = d.target_id
            WHERE d.tenant_id = $1 AND d.id = ANY($2::uuid[])`,
          [tenantId, [...attempts.keys()]],
        )) as DeliveryRow[];
        const eventIds = [...new Set(rows.map((r) => r.event_id))];
        const events = new Map<string, { payload: EventPayload; body: string }>();
        const eventRows = (await tx.em.query(
          `SELECT id, payload FROM outbox_events WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
          [tenantId, eventIds],
        )) as Array<{ id: string; payload: EventPayload }>;
        for (const e of eventRows) events.set(e.id, { payload: e.payload, body: JSON.stringify(e.payload) });
        const secrets = new Map<string, string[]>();
        return rows.map((r): Job => {
          const job: Job = {
            tenantId,
            deliveryId: r.id,
            attempt: attempts.get(r.id)!,
            channel: r.channel,
            targetId: r.target_id,
            event: events.get(r.event_id),
          };
          if (r.status !== 'pending') job.gone = `no longer pending (${r.status})`;
          else if (r.channel === 'email') {
            if (r.subscriber_status !== 'confirmed') job.gone = 'subscriber unsubscribed or removed before sending';
            else job.email = { address: r.email!, language: r.language! };
          } else if (r.endpoint_status !== 'active') {
            job.gone = 'endpoint disabled or deleted before sending';
          } else {
            if (!secrets.has(r.target_id)) {
              const list = [this.box.open(r.secret_ciphertext!)];
              if (r.previous_secret_ciphertext && r.previous_valid)
                list.push(this.box.open(r.previous_secret_ciphertext));
              secrets.set(r.target_id, list);
            }
            job.webhook = { url: r.url!, secrets: secrets.get(r.target_id)! };
          }
          return job;
        });
      },
      { readOnly: true },
    );
  }

  private async record(records: AttemptRecord[]): Promise<void> {
    const byTenant = new Map<string, AttemptRecord[]>();
    for (const r of records) byTenant.set(r.tenantId, [...(byTenant.get(r.tenantId) ?? []), r]);
    for (const [tenantId, list] of byTenant) {
      try {
        await this.db.run(tenantId, (tx) => recordAttempts(tx, list, this.config.worker.retryScheduleSeconds));
      } catch (error) {
        // The attempts stay in_flight and the leases run out: they are tried again, not lost.
        this.logger.error(`recording ${list.length} attempts failed: ${(error as Error).message}`);
      }
    }
  }
}

interface DeliveryRow {
  id: string;
  event_id: string;
  channel: 'email' | 'webhook';
  target_id: string;
  status: string;
  email: string | null;
  language: 'nl' | 'en' | null;
  subscriber_status: string | null;
  url: string | null;
  endpoint_status: string | null;
  secret_ciphertext: Buffer | null;
  previous_secret_ciphertext: Buffer | null;
  previous_valid: boolean | null;
}
