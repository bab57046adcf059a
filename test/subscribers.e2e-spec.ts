import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { codes, createTestTenant, gql, ownerClient, Role, startTestApp, type TestTenant } from '#testing';
import type pg from 'pg';
import { waitForMails } from './support/captured-mail.js';

const SUBSCRIBE = `mutation($input: SubscribeInput!) { subscribe(input: $input) { accepted message } }`;
const ADD = `mutation($input: AddSubscriberInput!) { addSubscriber(input: $input) { id email language productIds status confirmedAt } }`;
const REMOVE = `mutation($id: ID!) { removeSubscriber(id: $id) { id status unsubscribedAt } }`;
const LIST = `query($filter: SubscriberFilter, $first: Int, $after: String) {
  subscribers(filter: $filter, first: $first, after: $after) { totalCount hasNextPage endCursor nodes { id email status } } }`;
const GET = `query($id: ID!) { subscriber(id: $id) { email status consentTextVersion consentIp } }`;
const PRODUCT = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`;

type Subscriber = { id: string; email: string; status: string; language: string; productIds: string[] };

describe('subscribers API', () => {
  let app: INestApplication;
  let db: pg.Client;
  let mailDir: string;
  let a: TestTenant;
  let b: TestTenant;
  let productOfA: string;
  let productOfB: string;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'art30-mail-'));
    app = await startTestApp({ MAIL_CAPTURE_DIR: mailDir });
    db = await ownerClient();
    a = await createTestTenant(app, 'A');
    b = await createTestTenant(app, 'B');
    productOfA = (await gql<{ createProduct: { id: string } }>(app, PRODUCT, { input: { name: 'A1' } }, a.ownerToken))
      .data!.createProduct.id;
    productOfB = (await gql<{ createProduct: { id: string } }>(app, PRODUCT, { input: { name: 'B1' } }, b.ownerToken))
      .data!.createProduct.id;
  });
  afterAll(async () => {
    await db.end();
    await app.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  const count = async (tenantId: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM subscribers WHERE tenant_id = $1`, [tenantId])).rows[0].n as number;

  describe('public subscribe mutation', () => {
    it('subscribes without a token and sends a confirmation email in the chosen language', async () => {
      const email = 'sec@customer.example';
      const res = await gql(app, SUBSCRIBE, {
        input: { tenant: a.slug, email, language: 'nl', productIds: [productOfA] },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        subscribe: { accepted: true, message: expect.stringContaining('confirmation email') },
      });
      const { rows } = await db.query(`SELECT status, language, product_ids FROM subscribers WHERE email = $1`, [
        email,
      ]);
      expect(rows).toEqual([{ status: 'pending', language: 'nl', product_ids: [productOfA] }]);
      const [mail] = await waitForMails(mailDir, email);
      expect(mail!.text).toContain('Subject: Bevestig je aanmelding');
      expect(mail!.text).toMatch(/Content-Type: text\/plain/);
    });

    it('gives the same answer for a new, pending, confirmed and unsubscribed address (no enumeration)', async () => {
      const states = ['pending', 'confirmed', 'unsubscribed'];
      for (const status of states)
        await db.query(
          `INSERT INTO subscribers (tenant_id, email, status, requested_at) VALUES ($1, $2, $3, now() - interval '1 hour')`,
          [a.id, `${status}@enum.example`, status],
        );
      const answers = [];
      for (const email of ['new@enum.example', ...states.map((s) => `${s}@enum.example`), 'PENDING@enum.example'])
        answers.push(await gql(app, SUBSCRIBE, { input: { tenant: a.slug, email } }));
      for (const res of answers) expect(res.errors).toBeUndefined();
      expect(new Set(answers.map((r) => JSON.stringify(r.data))).size).toBe(1);
      // A confirmed address keeps its state (and gets a note, not a new confirmation).
      const { rows } = await db.query(
        `SELECT email, status FROM subscribers WHERE email LIKE '%@enum.example' ORDER BY email`,
      );
      expect(rows).toEqual([
        { email: 'confirmed@enum.example', status: 'confirmed' },
        { email: 'new@enum.example', status: 'pending' },
        { email: 'pending@enum.example', status: 'pending' },
        { email: 'unsubscribed@enum.example', status: 'pending' },
      ]);
      const note = (await waitForMails(mailDir, 'confirmed@enum.example'))[0]!.text;
      expect(note).toContain('Je bent al aangemeld'); // the row's language (the column default, nl)
      // The second request for the pending address (PENDING@...) came within the interval: one email, not two.
      await new Promise((r) => setTimeout(r, 200));
      expect(await waitForMails(mailDir, 'pending@enum.example', 2, 200)).toHaveLength(1);
    });

    it('refuses bad input with a typed error naming the field, and stores nothing', async () => {
      const before = await count(a.id);
      const bad = async (input: Record<string, unknown>, code: string, field?: string) => {
        const res = await gql(app, SUBSCRIBE, { input: { tenant: a.slug, email: 'ok@customer.example', ...input } });
        expect(codes(res)).toEqual([code]);
        if (field) expect(res.errors![0]!.extensions!.field).toBe(field);
      };
      await bad({ email: 'nope' }, 'BAD_USER_INPUT', 'input.email');
      await bad({ email: `${'x'.repeat(250)}@example.org` }, 'BAD_USER_INPUT', 'input.email');
      await bad({ productIds: ['not-a-uuid'] }, 'BAD_USER_INPUT', 'input.productIds');
      await bad({ productIds: [productOfA, productOfB] }, 'BAD_USER_INPUT', 'input.productIds[1]');
      await bad({ tenant: 'Bad Slug!' }, 'BAD_USER_INPUT', 'input.tenant');
      await bad({ tenant: 'no-such-tenant' }, 'NOT_FOUND');
      expect(await count(a.id)).toBe(before);
    });
  });

  describe('admin API', () => {
    it('adds (pending, with a confirmation email), lists, pages, filters and removes subscribers', async () => {
      const added: Subscriber[] = [];
      for (const email of ['c@list.example', 'a@list.example', 'b@list.example']) {
        const res = await gql<{ addSubscriber: Subscriber }>(
          app,
          ADD,
          { input: { email, productIds: [productOfB] } },
          b.ownerToken,
        );
        expect(res.errors).toBeUndefined();
        added.push(res.data!.addSubscriber);
      }
      expect(added[0]).toMatchObject({
        email: 'c@list.example',
        status: 'PENDING',
        language: 'en',
        productIds: [productOfB],
      });
      expect(await waitForMails(mailDir, 'a@list.example')).toHaveLength(1);

      const first = await gql<{
        subscribers: { totalCount: number; hasNextPage: boolean; endCursor: string; nodes: Subscriber[] };
      }>(app, LIST, { first: 2 }, b.ownerToken);
      expect(first.data!.subscribers).toMatchObject({ totalCount: 3, hasNextPage: true });
      expect(first.data!.subscribers.nodes.map((n) => n.email)).toEqual(['a@list.example', 'b@list.example']);
      const second = await gql<{ subscribers: { hasNextPage: boolean; nodes: Subscriber[] } }>(
        app,
        LIST,
        { first: 2, after: first.data!.subscribers.endCursor },
        b.ownerToken,
      );
      expect(second.data!.subscribers.nodes.map((n) => n.email)).toEqual(['c@list.example']);
      expect(second.data!.subscribers.hasNextPage).toBe(false);
      expect(codes(await gql(app, LIST, { after: 'forged' }, b.ownerToken))).toEqual(['BAD_USER_INPUT']);

      const removed = await gql<{ removeSubscriber: { status: string; unsubscribedAt: string } }>(
        app,
        REMOVE,
        { id: added[1]!.id },
        b.ownerToken,
      );
      expect(removed.data!.removeSubscriber.status).toBe('UNSUBSCRIBED');
      const filtered = await gql<{ subscribers: { nodes: Subscriber[] } }>(
        app,
        LIST,
        { filter: { status: 'PENDING', search: 'LIST.example' } },
        b.ownerToken,
      );
      expect(filtered.data!.subscribers.nodes.map((n) => n.email)).toEqual(['b@list.example', 'c@list.example']);
    });

    it('refuses an already confirmed address with CONFLICT, and cross-tenant product ids', async () => {
      await db.query(
        `INSERT INTO subscribers (tenant_id, email, status) VALUES ($1, 'done@customer.example', 'confirmed')`,
        [b.id],
      );
      const res = await gql(app, ADD, { input: { email: 'Done@customer.example' } }, b.ownerToken);
      expect(codes(res)).toEqual(['CONFLICT']);
      const cross = await gql(
        app,
        ADD,
        { input: { email: 'x@customer.example', productIds: [productOfA] } },
        b.ownerToken,
      );
      expect(cross.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.productIds[0]' });
      const { rows } = await db.query(`SELECT requested_at FROM subscribers WHERE email = 'x@customer.example'`);
      expect(rows).toEqual([]);
    });

    it("keeps tenants apart: another tenant's subscribers are invisible and cannot be removed", async () => {
      const mine = await gql<{ addSubscriber: Subscriber }>(
        app,
        ADD,
        { input: { email: 'only-a@customer.example' } },
        a.ownerToken,
      );
      const id = mine.data!.addSubscriber.id;
      expect(codes(await gql(app, GET, { id }, b.ownerToken))).toEqual(['NOT_FOUND']);
      expect(codes(await gql(app, REMOVE, { id }, b.ownerToken))).toEqual(['NOT_FOUND']);
      const list = await gql<{ subscribers: { nodes: Subscriber[] } }>(app, LIST, {}, b.ownerToken);
      expect(list.data!.subscribers.nodes.map((n) => n.email)).not.toContain('only-a@customer.example');
      expect(
        (await gql<{ subscriber: { status: string } }>(app, GET, { id }, a.ownerToken)).data!.subscriber.status,
      ).toBe('PENDING');
    });

    it('is for administrators only', async () => {
      for (const role of [Role.EDITOR, Role.VIEWER, Role.AUDITOR]) {
        const token = await a.tokenFor(role);
        expect(codes(await gql(app, LIST, {}, token))).toEqual(['FORBIDDEN']);
        expect(codes(await gql(app, ADD, { input: { email: 'z@customer.example' } }, token))).toEqual(['FORBIDDEN']);
      }
      expect(codes(await gql(app, LIST, {}))).toEqual(['UNAUTHENTICATED']);
      const admin = await a.tokenFor(Role.ADMIN);
      expect((await gql(app, LIST, {}, admin)).errors).toBeUndefined();
    });
  });
});
