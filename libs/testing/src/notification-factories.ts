import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { TenantDb } from '#database';
import { EVENT_SCHEMA_VERSION, enqueueEvent, type EventPayload, type EventType } from '#notifications';

export interface SubscriberOptions {
  email?: string;
  language?: 'nl' | 'en';
  productIds?: string[];
  status?: 'pending' | 'confirmed' | 'unsubscribed';
}

/** A subscriber written straight into the tenant (confirmed by default, with a consent record). */
export async function addSubscriber(
  app: INestApplication,
  tenantId: string,
  options: SubscriberOptions = {},
): Promise<string> {
  const id = randomUUID();
  const status = options.status ?? 'confirmed';
  await app.get(TenantDb).run(tenantId, (tx) =>
    tx.em.query(
      `INSERT INTO subscribers (tenant_id, id, email, language, product_ids, status, confirmed_at, consent_text_version,
                                unsubscribed_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 <> 'pending' THEN now() END, 'test-1',
               CASE WHEN $6 = 'unsubscribed' THEN now() END)`,
      [
        tenantId,
        id,
        options.email ?? `s-${id.slice(0, 8)}@example.test`,
        options.language ?? 'en',
        options.productIds ?? [],
        status,
      ],
    ),
  );
  return id;
}

/** `count` confirmed subscribers in one statement (crash test, benchmark). */
export async function addSubscribers(
  app: INestApplication,
  tenantId: string,
  count: number,
  language: 'nl' | 'en' = 'en',
): Promise<void> {
  await app.get(TenantDb).run(tenantId, (tx) =>
    tx.em.query(
      `INSERT INTO subscribers (tenant_id, email, language, status, confirmed_at, consent_text_version)
       SELECT $1, 'bulk-' || i || '@example.test', $3, 'confirmed', now(), 'test-1' FROM generate_series(1, $2) AS i`,
      [tenantId, count, language],
    ),
  );
}

export interface TestEventOptions {
  type?: EventType;
  productIds?: string[];
  vendorName?: string;
  changeId?: string;
}

/**
 * An outbox event as the changes feature writes it (inside a tenant transaction, realistic
 * payload): a new subprocessor with a processing location outside the EEA. Returns its ids.
 */
export async function enqueueTestEvent(
  app: INestApplication,
  tenant: { id: string; slug: string },
  options: TestEventOptions = {},
): Promise<{ eventId: string; changeId: string }> {
  const changeId = options.changeId ?? randomUUID();
  const type = options.type ?? 'subprocessor_change.announced';
  const announcedAt = new Date();
  const effectiveAt = new Date(announcedAt.getTime() + 30 * 86_400_000);
  const eventId = await app.get(TenantDb).run(
    tenant.id,
    (tx) =>
      enqueueEvent(tx, type, (id): EventPayload => ({
        schemaVersion: EVENT_SCHEMA_VERSION,
        type,
        id,
        occurredAt: announcedAt.toISOString(),
        tenant: { slug: tenant.slug, name: 'Test organisation' },
        change: {
          id: changeId,
          kind: 'added',
          status:
            type === 'subprocessor_change.withdrawn'
              ? 'withdrawn'
              : type === 'subprocessor_change.effective'
                ? 'effective'
                : 'announced',
          announcedAt: announcedAt.toISOString(),
          effectiveAt: effectiveAt.toISOString(),
          objectionDeadline: new Date(effectiveAt.getTime() - 7 * 86_400_000).toISOString(),
          noticePeriodDays: 30,
          urgentReason: null,
          note: null,
          engagementId: randomUUID(),
          replacedEngagementId: null,
          productIds: options.productIds ?? [],
          subject: {
            vendorName: options.vendorName ?? 'Mailwave Inc.',
            vendorCountry: 'US',
            purpose: 'Sending transactional email',
            processingLocations: ['IE', 'US'],
            accessLocations: ['US'],
            transferMechanism: 'SCC_MODULE_3',
            dataCategoryCodes: ['DC_NAME', 'DC_EMAIL'],
            productNames: [],
          },
          diff: [
            { field: 'processingLocations', before: [], after: ['IE', 'US'] },
            { field: 'dataCategoryCodes', before: [], after: ['DC_NAME', 'DC_EMAIL'] },
          ],
        },
        links: {
          subprocessorPage: `http://localhost:3000/t/${tenant.slug}/subprocessors`,
          feed: `http://localhost:3000/t/${tenant.slug}/subprocessors.atom`,
        },
      })),
    { actor: 'test' },
  );
  return { eventId, changeId };
}
