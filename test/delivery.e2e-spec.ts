import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { Role } from '#core';
import { verifyLink } from '#notifications';
import { DeliveryWorker } from '#notifications';
import {
  addSubscriber,
  codes,
  createTestTenant,
  enqueueTestEvent,
  gql,
  ownerClient,
  type SmtpSink,
  startSmtpSink,
  startTestApp,
  startWebhookReceiver,
  type TestTenant,
  type WebhookReceiver,
} from '#testing';
import type pg from 'pg';

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url status productIds apiKeyId } } }`;
const LIST = `{ webhookEndpoints { id url status disabledReason } }`;
const DELIVERIES = `query($changeId: ID, $status: DeliveryStatus, $first: Int, $after: String) {
  deliveries(changeId: $changeId, status: $status, first: $first, after: $after) {
    totalCount nextCursor
    items { id webhookId channel recipient status attempts lastError event { type changeId }
            attemptLog { attempt outcome responseCode latencyMs error worker } } } }`;

type DeliveryItem = {
  id: string;
  webhookId: string;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  attemptLog: Array<{
    attempt: number;
    outcome: string;
    responseCode: number | null;
    latencyMs: number;
    error: string | null;
  }>;
};
type Created = {
  createWebhookEndpoint: { secret: string; endpoint: { id: string; url: string; apiKeyId: string | null } };
};

describe('delivery: email and webhooks from the outbox', () => {
  let app: INestApplication;
  let second: INestApplication;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let other: WebhookReceiver;
  let tenant: TestTenant;
  let db: pg.Client;
  let product: string;
  let otherProduct: string;

  const worker = (a = app) => a.get(DeliveryWorker);
  const addEndpoint = async (
    path: string,
    input: Record<string, unknown> = {},
    token = tenant.ownerToken,
    base = receiver.url,
  ) => {
    const res = await gql<Created>(app, CREATE, { input: { url: `${base}${path}`, ...input } }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.createWebhookEndpoint;
  };
  const deliveriesOf = async (changeId: string) => {
    const res = await gql<{ deliveries: { items: DeliveryItem[]; totalCount: number } }>(
      app,
      DELIVERIES,
      { changeId, first: 100 },
      tenant.ownerToken,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.deliveries.items;
  };
  const fresh = async () => {
    // Each test works in a tenant of its own, so earlier endpoints and subscribers stay out of its counts.
    tenant = await createTestTenant(app);
    receiver.requests.length = 0;
    sink.messages.length = 0;
    receiver.respond(() => ({ status: 204 }));
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    receiver = await startWebhookReceiver();
    other = await startWebhookReceiver();
    const config = {
      SMTP_URL: sink.url,
      WEBHOOKS_ALLOW_LOOPBACK: 'true',
      WEBHOOK_TIMEOUT_MS: '1000',
      WORKER_RETRY_SCHEDULE: '0,0',
      PUBLIC_BASE_URL: 'https://art30.test',
    };
    app = await startTestApp(config);
    second = await startTestApp(config);
    db = await ownerClient();
    // The worker serves every tenant: what earlier suites left in the shared test database's outbox
    // goes out now, before these tests count what arrives (after the whole suite, that can be a lot).
    await worker().drain();
  }, 180_000);

  afterAll(async () => {
    await db.end();
    await app.close();
    await second.close();
    await Promise.all([sink.close(), receiver.close(), other.close()]);
  });

  beforeEach(fresh);

  it('emails every confirmed subscriber in scope, once, in their language, and nobody else', async () => {
    const products = await gql<{ a: { id: string }; b: { id: string } }>(
      app,
      `mutation { a: createProduct(input: { name: "LMS" }) { id } b: createProduct(input: { name: "Carbon" }) { id } }`,
      {},
      tenant.ownerToken,
    );
    [product, otherProduct] = [products.data!.a.id, products.data!.b.id];
    const all = await addSubscriber(app, tenant.id, { email: 'all@customer.test', language: 'nl' });
    const inScope = await addSubscriber(app, tenant.id, { email: 'lms@customer.test', productIds: [product] });
    await addSubscriber(app, tenant.id, { email: 'carbon@customer.test', productIds: [otherProduct] });
    await addSubscriber(app, tenant.id, { email: 'pending@customer.test', status: 'pending' });
    await addSubscriber(app, tenant.id, { email: 'gone@customer.test', status: 'unsubscribed' });
    const { changeId } = await enqueueTestEvent(app, tenant, { productIds: [product] });

    await worker().drain();

    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(['all@customer.test', 'lms@customer.test']);
    const nl = sink.messages.find((m) => m.to[0] === 'all@customer.test')!;
    const en = sink.messages.find((m) => m.to[0] === 'lms@customer.test')!;
    expect(nl.subject).toBe('Test organisation kondigt een wijziging van subverwerkers aan: Mailwave Inc.');
    expect(en.subject).toBe('Test organisation announces a subprocessor change: Mailwave Inc.');
    expect(en.text).toContain('Mailwave Inc. will be engaged as a new subprocessor.');
    expect(en.text).toContain('Processing locations: now Ireland, United States');
    expect(en.text).toMatch(/Takes effect on: \d+ \w+ \d{4}/);
    expect(en.text).toMatch(/You can object until: \d+ \w+ \d{4}/);
    expect(en.html).toContain('<html lang="en">');
    expect(en.text).toContain(`https://art30.test/t/${tenant.slug}/subprocessors`);

    // One-click unsubscribe (RFC 8058) and the objection link carry tokens for this subscriber.
    expect(en.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(https:\/\/art30\.test\/t\/[^/]+\/unsubscribe\?token=([^>]+))>$/.exec(
      en.headers['list-unsubscribe']!,
    )!;
    expect(verifyLink('art30-development-secret-do-not-use-in-production', 'unsubscribe', unsubscribe[2]!, 2)).toEqual([
      tenant.id,
      inScope,
    ]);
    const objection = /https:\/\/art30\.test\/t\/[^/]+\/object\?token=(\S+)/.exec(en.text!)!;
    expect(verifyLink('art30-development-secret-do-not-use-in-production', 'object', objection[1]!, 3)).toEqual([
      tenant.id,
      changeId,
      inScope,
    ]);
    const nlObjection = /object\?token=(\S+)/.exec(nl.text!)!;
    expect(verifyLink('art30-development-secret-do-not-use-in-production', 'object', nlObjection[1]!, 3)).toEqual([
      tenant.id,
      changeId,
      all,
    ]);

    // The compliance view: who was told, with the attempt that did it; the Message-ID carries the delivery id.
    const log = await deliveriesOf(changeId);
    expect(log.map((d) => d.recipient).sort()).toEqual(['all@customer.test', 'lms@customer.test']);
    for (const d of log) {
      expect(d).toMatchObject({ channel: 'EMAIL', status: 'DELIVERED', attempts: 1 });
      expect(d.attemptLog).toEqual([expect.objectContaining({ attempt: 1, outcome: 'DELIVERED', responseCode: 250 })]);
      expect(sink.messages.find((m) => m.to[0] === d.recipient)!.headers['message-id']).toBe(`<${d.id}@art30.test>`);
    }

    // A second round finds nothing: fan-out and delivery happen once.
    await worker().drain();
    expect(sink.messages).toHaveLength(2);
  });

  it('signs webhooks so an independent verifier accepts them, and refuses a tampered body or an old timestamp', async () => {
    const { secret, endpoint } = await addEndpoint('/hook');
    expect(secret).toMatch(/^whsec_/);
    const { eventId, changeId } = await enqueueTestEvent(app, tenant);
    await worker().drain();

    expect(receiver.requests).toHaveLength(1);
    const [req] = receiver.requests;
    const headers = req!.headers as Record<string, string>;
    const payload = new Webhook(secret).verify(req!.body, headers) as {
      id: string;
      change: { id: string };
      schemaVersion: number;
    };
    expect(payload).toMatchObject({ id: eventId, schemaVersion: 1, change: { id: changeId } });
    const [delivery] = await deliveriesOf(changeId);
    expect(headers['webhook-id']).toBe(`msg_${delivery!.id}`);
    expect(delivery).toMatchObject({ webhookId: `msg_${delivery!.id}`, recipient: endpoint.url, status: 'DELIVERED' });

    expect(() => new Webhook(secret).verify(req!.body.replace('Mailwave', 'Mallware'), headers)).toThrow();
    const stale = String(Math.floor(Date.now() / 1000) - 6 * 60);
    expect(() => new Webhook(secret).verify(req!.body, { ...headers, 'webhook-timestamp': stale })).toThrow();

    // Secrets are shown once: never listed, never stored in the clear.
    const listed = await gql(app, `{ webhookEndpoints { id url } }`, {}, tenant.ownerToken);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));
    const stored = await db.query(`SELECT secret_ciphertext FROM webhook_endpoints WHERE id = $1`, [endpoint.id]);
    expect(stored.rows[0].secret_ciphertext.toString('latin1')).not.toContain(secret.slice(6, 20));
  });

  it('signs with the old and the new secret during a rotation overlap, and with the new one only after', async () => {
    const { secret: old, endpoint } = await addEndpoint('/rotating');
    const rotate = `mutation($id: ID!, $h: Int) { rotateWebhookSecret(id: $id, overlapHours: $h) { secret endpoint { previousSecretExpiresAt } } }`;
    const res = await gql<{ rotateWebhookSecret: { secret: string; endpoint: { previousSecretExpiresAt: string } } }>(
      app,
      rotate,
      { id: endpoint.id },
      tenant.ownerToken,
    );
    const fresh = res.data!.rotateWebhookSecret.secret;
    const overlap = Date.parse(res.data!.rotateWebhookSecret.endpoint.previousSecretExpiresAt) - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3_600_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3_600_000);
    await enqueueTestEvent(app, tenant);
    await worker().drain();
    const [req] = receiver.requests;
    expect((req!.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect(new Webhook(old).verify(req!.body, req!.headers as Record<string, string>)).toBeTruthy();
    expect(new Webhook(fresh).verify(req!.body, req!.headers as Record<string, string>)).toBeTruthy();

    await gql(app, rotate, { id: endpoint.id, h: 0 }, tenant.ownerToken);
    receiver.requests.length = 0;
    await enqueueTestEvent(app, tenant);
    await worker().drain();
    expect((receiver.requests[0]!.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
    expect(() =>
      new Webhook(fresh).verify(receiver.requests[0]!.body, receiver.requests[0]!.headers as Record<string, string>),
    ).toThrow();
  });

  it('retries failures, honours Retry-After, and dead-letters when the schedule runs out', async () => {
    await addEndpoint('/flaky');
    let calls = 0;
    receiver.respond(() => (++calls === 1 ? { status: 500 } : { status: 200 }));
    const flaky = await enqueueTestEvent(app, tenant);
    await worker().drain();
    const [recovered] = await deliveriesOf(flaky.changeId);
    expect(recovered).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    expect(recovered!.attemptLog.map((a) => [a.outcome, a.responseCode])).toEqual([
      ['RETRY', 500],
      ['DELIVERED', 200],
    ]);
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);

    // 503 with Retry-After: 30 -> not before 30 s, although the schedule says 0.
    receiver.respond(() => ({ status: 503, headers: { 'retry-after': '30' } }));
    const busy = await enqueueTestEvent(app, tenant);
    await worker().drain();
    const wait = await db.query(
      `SELECT EXTRACT(EPOCH FROM d.next_attempt_at - now()) AS s, d.status FROM deliveries d
         JOIN outbox_events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id WHERE e.id = $1`,
      [busy.eventId],
    );
    expect(wait.rows[0].status).toBe('pending');
    expect(Number(wait.rows[0].s)).toBeGreaterThan(28);

    // Always 500: attempts 1..3 (schedule 0,0), then dead, and listed as such.
    receiver.respond(() => ({ status: 500 }));
    const doomed = await enqueueTestEvent(app, tenant);
    await worker().drain();
    const [dead] = await deliveriesOf(doomed.changeId);
    expect(dead).toMatchObject({ status: 'DEAD', attempts: 3, lastError: 'answered 500; retry schedule exhausted' });
    expect(dead!.attemptLog.map((a) => a.outcome)).toEqual(['RETRY', 'RETRY', 'DEAD']);
    const letters = await gql<{ deliveries: { items: Array<{ id: string }> } }>(
      app,
      DELIVERIES,
      { status: 'DEAD' },
      tenant.ownerToken,
    );
    expect(letters.data!.deliveries.items.map((d) => d.id)).toEqual([dead!.id]);
  });

  it("finds a change's deliveries through an index on the change named in the event", async () => {
    // The same expression as DeliveriesService's changeId filter; seq scans off, as on a large table.
    await db.query('BEGIN');
    try {
      await db.query('SET LOCAL enable_seqscan = off');
      const plan = await db.query(
        `EXPLAIN SELECT d.id FROM deliveries d JOIN outbox_events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
          WHERE d.tenant_id = $1 AND e.payload -> 'change' ->> 'id' = $2`,
        [tenant.id, randomUUID()],
      );
      expect(plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n')).toContain(
        'outbox_events_change',
      );
    } finally {
      await db.query('ROLLBACK');
    }
  });

  it('retries a dead delivery on request, under the same id, and only a dead one, only for an admin', async () => {
    await fresh();
    const { endpoint } = await addEndpoint('/mended');
    receiver.respond(() => ({ status: 500 }));
    const doomed = await enqueueTestEvent(app, tenant);
    await worker().drain();
    const [dead] = await deliveriesOf(doomed.changeId);
    expect(dead).toMatchObject({ status: 'DEAD', attempts: 3 });
    const RETRY = `mutation($id: ID!) { retryDelivery(id: $id) { id status attempts } }`;
    const retry = (id: string, token = tenant.ownerToken) =>
      gql<{ retryDelivery: { id: string; status: string; attempts: number } }>(app, RETRY, { id }, token);

    // Still failing: one more attempt, then dead again.
    expect((await retry(dead!.id)).data!.retryDelivery).toEqual({ id: dead!.id, status: 'PENDING', attempts: 3 });
    await worker().drain();
    const [again] = await deliveriesOf(doomed.changeId);
    expect(again).toMatchObject({ status: 'DEAD', attempts: 4 });
    expect(again!.attemptLog.map((a) => a.outcome)).toEqual(['RETRY', 'RETRY', 'DEAD', 'DEAD']);

    // Mended: delivered, with the same webhook-id as every earlier attempt.
    receiver.respond(() => ({ status: 204 }));
    expect(codes(await retry(dead!.id, await tenant.tokenFor(Role.EDITOR)))).toEqual(['FORBIDDEN']);
    await retry(dead!.id);
    await worker().drain();
    const [delivered] = await deliveriesOf(doomed.changeId);
    expect(delivered).toMatchObject({ status: 'DELIVERED', attempts: 5 });
    const ids = receiver.requests.filter((r) => r.path === '/mended').map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(5);
    expect(new Set(ids)).toEqual(new Set([delivered!.webhookId]));

    // Only a dead delivery, to someone who can still receive it; unknown ids are not found.
    expect(codes(await retry(dead!.id))).toEqual(['CONFLICT']);
    receiver.respond(() => ({ status: 500 }));
    const second = await enqueueTestEvent(app, tenant);
    await worker().drain();
    const [deadAgain] = await deliveriesOf(second.changeId);
    await gql(app, `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: endpoint.id }, tenant.ownerToken);
    expect(codes(await retry(deadAgain!.id))).toEqual(['CONFLICT']);
    expect(codes(await retry(randomUUID()))).toEqual(['NOT_FOUND']);
    expect((await deliveriesOf(second.changeId))[0]).toMatchObject({ status: 'DEAD', attempts: 3 });
  });

  it('disables an endpoint that answers 410 and cancels what was still waiting for it', async () => {
    const { endpoint } = await addEndpoint('/gone');
    const keep = await addEndpoint('/kept');
    // The first event waits for a retry an hour away; the second one gets 410 Gone.
    receiver.respond((r) =>
      r.path === '/gone' ? { status: 503, headers: { 'retry-after': '3600' } } : { status: 204 },
    );
    const waiting = await enqueueTestEvent(app, tenant);
    await worker().drain();
    receiver.respond((r) => (r.path === '/gone' ? { status: 410 } : { status: 204 }));
    const first = await enqueueTestEvent(app, tenant);
    await worker().drain();
    expect(receiver.requests.filter((r) => r.path === '/gone')).toHaveLength(2);
    // A later event is not even fanned out to it.
    await enqueueTestEvent(app, tenant);
    await worker().drain();
    expect(receiver.requests.filter((r) => r.path === '/gone')).toHaveLength(2);
    expect(receiver.requests.filter((r) => r.path === '/kept')).toHaveLength(3);
    const list = await gql<{ webhookEndpoints: Array<{ id: string; status: string; disabledReason: string }> }>(
      app,
      LIST,
      {},
      tenant.ownerToken,
    );
    expect(list.data!.webhookEndpoints.find((e) => e.id === endpoint.id)).toMatchObject({
      status: 'DISABLED',
      disabledReason: expect.stringContaining('410 Gone'),
    });
    expect(list.data!.webhookEndpoints.find((e) => e.id === keep.endpoint.id)).toMatchObject({ status: 'ACTIVE' });
    const statuses = [...(await deliveriesOf(first.changeId)), ...(await deliveriesOf(waiting.changeId))]
      .filter((d) => d.recipient === endpoint.url)
      .map((d) => d.status)
      .sort();
    expect(statuses).toEqual(['CANCELLED', 'DEAD']);

    // Enabled again, it receives the next event.
    await gql(
      app,
      `mutation($id: ID!) { enableWebhookEndpoint(id: $id) { status } }`,
      { id: endpoint.id },
      tenant.ownerToken,
    );
    receiver.respond(() => ({ status: 204 }));
    await enqueueTestEvent(app, tenant);
    await worker().drain();
    expect(receiver.requests.filter((r) => r.path === '/gone')).toHaveLength(3);
  });

  it('does not follow a redirect (to a private address or anywhere else): a 3xx is a failed attempt', async () => {
    await addEndpoint('/redirect');
    receiver.respond(() => ({ status: 307, headers: { location: `${other.url}/internal-admin` } }));
    const { changeId } = await enqueueTestEvent(app, tenant);
    await worker().drain();
    expect(other.requests).toHaveLength(0);
    const [d] = await deliveriesOf(changeId);
    expect(d!.attemptLog[0]).toMatchObject({
      outcome: 'RETRY',
      responseCode: 307,
      error: expect.stringContaining('not followed'),
    });
  });

  it('checks the address again at every send: an endpoint pointing at a private address by then gets nothing', async () => {
    const { endpoint } = await addEndpoint('/moved');
    // As if DNS or the row changed after registration: bypass the API.
    await db.query(`UPDATE webhook_endpoints SET url = $2 WHERE id = $1`, [
      endpoint.id,
      `http://[::ffff:10.0.0.1]:${new URL(receiver.url).port}/x`,
    ]);
    const { changeId } = await enqueueTestEvent(app, tenant);
    await worker().drain();
    const [d] = await deliveriesOf(changeId);
    expect(d!.attemptLog[0]).toMatchObject({
      outcome: 'RETRY',
      responseCode: null,
      error: expect.stringContaining('private or reserved'),
    });
    expect(d!.attemptLog[0].latencyMs).toBeLessThan(500);
  });

  it('refuses private, link-local and IPv4-mapped addresses at registration, with a typed error and nothing stored', async () => {
    for (const url of [
      'https://10.0.0.1/hook',
      'https://192.168.1.1/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[fe80::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://[::ffff:169.254.169.254]/hook',
      'https://100.64.0.1/hook',
      'ftp://example.com/hook',
    ]) {
      const res = await gql(app, CREATE, { input: { url } }, tenant.ownerToken);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0]!.extensions!.field).toBe('input.url');
    }
    const list = await gql<{ webhookEndpoints: unknown[] }>(app, LIST, {}, tenant.ownerToken);
    expect(list.data!.webhookEndpoints).toEqual([]);
  });

  it('lets a customer API key manage only its own endpoints; admins see all; other tenants see none', async () => {
    const party = await gql<{ createParty: { id: string } }>(
      app,
      `mutation { createParty(input: { name: "Customer BV", roles: [CONTROLLER] }) { id } }`,
      {},
      tenant.ownerToken,
    );
    const key = async (name: string) =>
      (
        await gql<{ createApiKey: { secret: string } }>(
          app,
          `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`,
          { input: { name, role: 'CUSTOMER', partyId: party.data!.createParty.id } },
          tenant.ownerToken,
        )
      ).data!.createApiKey.secret;
    const [alice, bob] = [await key('alice'), await key('bob')];
    const mine = await addEndpoint('/alice', {}, alice);
    expect(mine.endpoint.apiKeyId).toBeTruthy();
    const admins = await addEndpoint('/admin');
    const seen = async (token: string) =>
      ((await gql<{ webhookEndpoints: Array<{ id: string }> }>(app, LIST, {}, token)).data?.webhookEndpoints ?? [])
        .map((e) => e.id)
        .sort();
    expect(await seen(alice)).toEqual([mine.endpoint.id]);
    expect(await seen(bob)).toEqual([]);
    expect(await seen(tenant.ownerToken)).toEqual([mine.endpoint.id, admins.endpoint.id].sort());
    const del = `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`;
    expect(codes(await gql(app, del, { id: mine.endpoint.id }, bob))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(app, del, { id: admins.endpoint.id }, alice))).toEqual(['NOT_FOUND']);
    expect(
      codes(
        await gql(
          app,
          `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`,
          { id: admins.endpoint.id },
          alice,
        ),
      ),
    ).toEqual(['NOT_FOUND']);
    // A customer key cannot read the delivery log; an editor cannot manage endpoints.
    expect(codes(await gql(app, DELIVERIES, {}, alice))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(app, LIST, {}, await tenant.tokenFor('editor' as never)))).toEqual(['FORBIDDEN']);

    const outsider = await createTestTenant(app);
    expect(await seen(outsider.ownerToken)).toEqual([]);
    expect(codes(await gql(app, del, { id: admins.endpoint.id }, outsider.ownerToken))).toEqual(['NOT_FOUND']);
    expect(await gql(app, del, { id: mine.endpoint.id }, alice)).toMatchObject({
      data: { deleteWebhookEndpoint: mine.endpoint.id },
    });
  });

  it('delivers each delivery once when two workers run at the same time', async () => {
    for (let i = 0; i < 20; i++) await addEndpoint(`/parallel/${i}`);
    for (let i = 0; i < 10; i++) await addSubscriber(app, tenant.id);
    receiver.respond(() => ({ status: 204, delayMs: 5 }));
    for (let i = 0; i < 5; i++) await enqueueTestEvent(app, tenant);
    await Promise.all([worker(app).drain(), worker(second).drain()]);
    // Only this test's endpoints: a retry an earlier test left waiting (Retry-After) may come due now.
    const requests = receiver.requests.filter((r) => r.path.startsWith('/parallel/'));
    expect(requests).toHaveLength(100);
    expect(sink.messages).toHaveLength(50);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(100);
    const attempts = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT worker)::int AS workers, bool_and(outcome = 'delivered') AS ok
         FROM delivery_attempts WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(attempts.rows[0]).toMatchObject({ n: 150, ok: true });
  });
});
