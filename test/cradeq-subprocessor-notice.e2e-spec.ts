import type { INestApplication } from '@nestjs/common';
import type pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { DemoSeeder } from '#demo';
import { DeliveryWorker } from '#notifications';
import {
  addSubscriber,
  gql,
  ownerClient,
  type SmtpSink,
  startSmtpSink,
  startTestApp,
  startWebhookReceiver,
  type WebhookReceiver,
} from '#testing';

/**
 * The end-to-end promise, on the Cradeq demo tenant: announcing a new subprocessor reaches
 * every confirmed subscriber in scope by email over real SMTP and every endpoint by a webhook
 * that an independent Standard Webhooks verifier accepts; nobody else hears of it.
 */
describe('Cradeq adds a subprocessor: customers are told', () => {
  let app: INestApplication;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let db: pg.Client;
  let token: string;
  let tenantId: string;
  let changeId: string | undefined;

  beforeAll(async () => {
    sink = await startSmtpSink();
    receiver = await startWebhookReceiver();
    app = await startTestApp({
      SMTP_URL: sink.url,
      WEBHOOKS_ALLOW_LOOPBACK: 'true',
      PUBLIC_BASE_URL: 'https://privacy.example.test',
    });
    db = await ownerClient();
    await app.get(DemoSeeder).seed();
    const signIn = await gql<{ signIn: { token: string } }>(
      app,
      `mutation { signIn(input: { tenant: "cradeq", email: "dpo@cradeq.demo", password: "cradeq-demo-2026" }) { token } }`,
    );
    token = signIn.data!.signIn.token;
    tenantId = (await db.query(`SELECT id FROM tenants WHERE slug = 'cradeq'`)).rows[0].id;
    // The worker serves every tenant: what earlier suites left in the shared test database's outbox
    // goes out first, so this test counts only its own deliveries.
    await app.get(DeliveryWorker).drain();
    sink.messages.length = 0;
    receiver.requests.length = 0;
  });

  afterAll(async () => {
    // The demo tenants are shared by the suites of one run: leave Cradeq's list as the seed made it.
    if (changeId)
      await gql(
        app,
        `mutation($id: ID!) { withdrawSubprocessorChange(id: $id, reason: "End of test") { id } }`,
        { id: changeId },
        token,
      );
    await db.end();
    await app.close();
    await Promise.all([sink.close(), receiver.close()]);
  });

  it('emails confirmed in-scope subscribers, signs the webhook, and tells no one else', async () => {
    const products = await gql<{ products: { edges: Array<{ node: { id: string; name: string } }> } }>(
      app,
      `{ products { edges { node { id name } } } }`,
      {},
      token,
    );
    const byName = new Map(products.data!.products.edges.map((e) => [e.node.name, e.node.id]));
    const core = byName.get('Cradeq Core')!;
    const carbon = byName.get('Carbon')!;
    expect(core && carbon).toBeTruthy();

    const inScope = [
      await addSubscriber(app, tenantId, { email: 'all@school.test', language: 'nl' }),
      await addSubscriber(app, tenantId, { email: 'core@university.test', productIds: [core] }),
    ];
    await addSubscriber(app, tenantId, { email: 'carbon-only@company.test', productIds: [carbon] });
    await addSubscriber(app, tenantId, { email: 'pending@school.test', status: 'pending' });
    await addSubscriber(app, tenantId, { email: 'gone@school.test', status: 'unsubscribed' });
    expect(inScope).toHaveLength(2);

    const endpoint = await gql<{ createWebhookEndpoint: { secret: string } }>(
      app,
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
      { input: { url: `${receiver.url}/hooks/art30`, description: 'Customer SIEM' } },
      token,
    );
    expect(endpoint.errors).toBeUndefined();
    const secret = endpoint.data!.createWebhookEndpoint.secret;

    const vendor = await gql<{ createParty: { id: string } }>(
      app,
      `mutation { createParty(input: { name: "Bunny.net (BunnyWay d.o.o.)", roles: [SUBPROCESSOR], country: "SI" }) { id } }`,
      {},
      token,
    );
    const announced = await gql<{ announceSubprocessorAddition: { id: string; effectiveAt: string } }>(
      app,
      `mutation($input: AnnounceSubprocessorAdditionInput!) { announceSubprocessorAddition(input: $input) { id effectiveAt } }`,
      {
        input: {
          engagement: {
            vendorId: vendor.data!.createParty.id,
            purpose: 'Content delivery network for course videos',
            productIds: [core],
            processingLocations: ['SI', 'DE'],
            dataCategoryCodes: ['DC_IP_ADDRESS'],
          },
          note: 'Faster video delivery',
        },
      },
      token,
    );
    expect(announced.errors).toBeUndefined();
    const change = announced.data!.announceSubprocessorAddition;
    changeId = change.id;

    await app.get(DeliveryWorker).drain();

    // Email: exactly the two confirmed subscribers in scope.
    const mails = await sink.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.messages.flatMap((m) => m.to).sort()).toEqual(['all@school.test', 'core@university.test']);
    for (const mail of sink.messages) {
      expect(mail.text).toContain('Bunny.net (BunnyWay d.o.o.)');
      expect(mail.headers['list-unsubscribe']).toMatch(
        /^<https:\/\/privacy\.example\.test\/t\/cradeq\/unsubscribe\?token=/,
      );
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(mail.text).toContain('https://privacy.example.test/t/cradeq/object?token=');
    }
    const dutch = mails.find((m) => m.to.includes('all@school.test'))!;
    const effective = new Date(change.effectiveAt).toLocaleDateString('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });
    expect(dutch.subject).toContain('subverwerkers');
    expect(dutch.text).toContain(`Gaat in op: ${effective}`);
    expect(dutch.text).toContain(`Bezwaar maken kan tot: ${effective}`);
    expect(dutch.text).toContain('Verwerkingslocaties: Slovenië, Duitsland');
    expect(dutch.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no bare ids in words meant for people

    // Webhook: one request, signed so that the reference verifier accepts it.
    const [request, ...more] = await receiver.waitFor(1);
    expect(more).toEqual([]);
    expect(request!.path).toBe('/hooks/art30');
    const headers = {
      'webhook-id': String(request!.headers['webhook-id']),
      'webhook-timestamp': String(request!.headers['webhook-timestamp']),
      'webhook-signature': String(request!.headers['webhook-signature']),
    };
    const verifier = new Webhook(secret);
    const payload = verifier.verify(request!.body, headers) as {
      type: string;
      change: { id: string; subject: { vendorName: string } };
    };
    expect(payload).toMatchObject({
      type: 'subprocessor_change.announced',
      change: { id: change.id, subject: { vendorName: 'Bunny.net (BunnyWay d.o.o.)' } },
    });

    // A tampered body, or the same signature presented more than five minutes later, is refused.
    expect(() => verifier.verify(request!.body.replace('Bunny.net', 'Bunny.nat'), headers)).toThrow();
    const stale = { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 301) };
    expect(() => verifier.verify(request!.body, stale)).toThrow();

    // The compliance team can show who was told what, and when.
    const log = await gql<{ deliveries: { items: Array<{ channel: string; recipient: string; status: string }> } }>(
      app,
      `query($changeId: ID) { deliveries(changeId: $changeId, first: 50) { items { channel recipient status } } }`,
      { changeId: change.id },
      token,
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.deliveries.items.map((d) => `${d.channel}:${d.status}`).sort()).toEqual([
      'EMAIL:DELIVERED',
      'EMAIL:DELIVERED',
      'WEBHOOK:DELIVERED',
    ]);
  });
});
