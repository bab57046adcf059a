import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { signLink } from '#notifications';
import { createTestTenant, ownerClient, startTestApp, type TestTenant } from '#testing';
import type pg from 'pg';
import request from 'supertest';
import { linkIn, waitForMails } from './support/captured-mail.js';
import {
  HOSTILE_CHANGE_VENDOR,
  HOSTILE_PURPOSE,
  HOSTILE_VENDOR,
  type PublicFixture,
  seedPublicRegister,
} from './support/public-fixture.js';

const SECRET = 'public-pages-test-secret-0123456789abcdef';
const BASE = 'https://art30.example';

describe('public pages', () => {
  let app: INestApplication;
  let db: pg.Client;
  let mailDir: string;
  let a: TestTenant;
  let b: TestTenant;
  let fixture: PublicFixture;
  let http: () => ReturnType<typeof request>;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'art30-mail-'));
    app = await startTestApp({ MAIL_CAPTURE_DIR: mailDir, APP_SECRET: SECRET, PUBLIC_BASE_URL: BASE });
    http = () => request(app.getHttpServer());
    db = await ownerClient();
    a = await createTestTenant(app, 'Acme & <Sons>');
    b = await createTestTenant(app, 'Other');
    fixture = await seedPublicRegister(app, a);
  });
  afterAll(async () => {
    await db.end();
    await app.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  const subscriberRow = async (tenantId: string, email: string) =>
    (await db.query(`SELECT * FROM subscribers WHERE tenant_id = $1 AND lower(email) = lower($2)`, [tenantId, email]))
      .rows[0] as Record<string, unknown> | undefined;

  /** Subscribes through the form and returns the confirmation link's path. */
  const subscribeViaForm = async (email: string, form: Record<string, string | string[]> = {}) => {
    const before = (await waitForMails(mailDir, email, 0)).length;
    const res = await http()
      .post(`/t/${a.slug}/subscribe`)
      .type('form')
      .send({ email, language: 'en', ...form });
    expect(res.status).toBe(200);
    const mails = await waitForMails(mailDir, email, before + 1);
    return new URL(linkIn(mails.at(-1)!, 'confirm')).pathname + new URL(linkIn(mails.at(-1)!, 'confirm')).search;
  };

  describe('GET /t/<slug>/subprocessors', () => {
    it("renders the current list in the tenant's language, accessibly, with a strict CSP", async () => {
      const res = await http().get(`/t/${a.slug}/subprocessors`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.text).not.toContain('<script');
      expect(res.text).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(res.text).toContain('<h1>Subprocessors of Acme &amp; &lt;Sons&gt;</h1>');
      expect(res.text).toContain('<th scope="col">Transfer mechanism</th>');
      expect(res.text).toContain('<th scope="row">Beta Hosting</th>');
      expect(res.text).toContain('<th scope="row">Gamma Analytics</th>');
      expect(res.text).toContain('Not needed (within the EEA)');
      expect(res.text).toContain('Standard contractual clauses Module 3');
      expect(res.text).toContain('<label for="subscribe-email">Email address</label>');
      expect(res.text).toContain(`href="${BASE}/t/${a.slug}/subprocessors.atom"`);
      expect(res.text).toContain(`href="${BASE}/t/${a.slug}/subprocessors.json"`);
      expect(res.text).toContain(`action="${BASE}/t/${a.slug}/subscribe"`);
    });

    it('escapes every value from the register: hostile vendor names and purposes are text', async () => {
      const res = await http().get(`/t/${a.slug}/subprocessors`);
      expect(res.text).not.toContain(HOSTILE_VENDOR);
      expect(res.text).not.toContain(HOSTILE_PURPOSE);
      expect(res.text).not.toContain(HOSTILE_CHANGE_VENDOR);
      expect(res.text).not.toMatch(/<(img|b) /);
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
      expect(res.text).toContain('E-mail &lt;b onmouseover=&quot;x()&quot;&gt;delivery&lt;/b&gt;');
      expect(res.text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    });

    it('speaks Dutch with ?lang=nl and links to the other language', async () => {
      const res = await http().get(`/t/${a.slug}/subprocessors?lang=nl`);
      expect(res.status).toBe(200);
      expect(res.headers['content-language']).toBe('nl');
      expect(res.text).toContain('<html lang="nl">');
      expect(res.text).toContain('<h2 id="current">Huidige subverwerkers</h2>');
      expect(res.text).toContain('Niet nodig (binnen de EER)');
      expect(res.text).toContain('Finland');
      expect(res.text).toContain(`hreflang="en" lang="en"`);
    });

    it('shows upcoming changes with effective dates and objection deadlines, and the history with states', async () => {
      const res = await http().get(`/t/${a.slug}/subprocessors`);
      const upcoming = section(res.text, 'upcoming');
      expect(upcoming).toContain('Delta Mail');
      expect(upcoming).toContain('&lt;img src=x');
      expect(upcoming).toContain('Eta Search'); // announced, deadline passed, not yet in effect
      expect(upcoming).not.toContain('Epsilon Backup');
      expect(upcoming).not.toContain('Zeta Support');
      expect(upcoming).toMatch(/<th scope="col">Object by<\/th>/);
      expect(upcoming).toContain(`id="change-${fixture.changes.upcoming}"`);
      const history = section(res.text, 'history');
      expect(history).toMatch(
        /Epsilon Backup<\/td><td>Replaced \(replaces Old Backup Co\)<\/td><td><time datetime="2025-01-01T00:00:00.000Z">1 January 2025<\/time><\/td><td>In effect/,
      );
      expect(history).toMatch(/Zeta Support<\/td><td>Added<\/td>.*<td>Withdrawn<\/td>/);
    });

    it('shows the list as it stood on an earlier day with ?asOf', async () => {
      const mid = await http().get(`/t/${a.slug}/subprocessors?asOf=2024-06-01`);
      expect(mid.status).toBe(200);
      expect(mid.text).toContain('This is the list as it stood on 1 June 2024.');
      expect(section(mid.text, 'current')).toContain('Beta Hosting');
      expect(section(mid.text, 'current')).not.toContain('Gamma Analytics');
      expect(section(mid.text, 'history')).toContain('None.');

      const later = await http().get(`/t/${a.slug}/subprocessors?asOf=2025-04-05`);
      expect(section(later.text, 'current')).toContain('Gamma Analytics');
      // On 5 April 2025 Zeta had been announced and not yet withdrawn; the replacement was in effect.
      expect(section(later.text, 'upcoming')).toContain('Zeta Support');
      expect(section(later.text, 'history')).toMatch(/Epsilon Backup.*In effect/);
      expect(section(later.text, 'history')).not.toContain('Delta Mail');

      const before = await http().get(`/t/${a.slug}/subprocessors?asOf=2023-12-31`);
      expect(section(before.text, 'current')).toContain('None.');
    });

    it('filters by product (engagements and changes for every product stay)', async () => {
      const res = await http().get(`/t/${a.slug}/subprocessors?product=${fixture.products.carbon}`);
      const current = section(res.text, 'current');
      expect(current).toContain('Gamma Analytics');
      expect(current).toContain('Beta Hosting');
      expect(current).not.toContain('&lt;script&gt;');
      expect(section(res.text, 'upcoming')).not.toContain('Delta Mail');
      const core = await http().get(`/t/${a.slug}/subprocessors?product=${fixture.products.core}`);
      expect(section(core.text, 'upcoming')).toContain('Delta Mail');
      expect(core.text).toContain(`subprocessors.atom?product=${fixture.products.core}`);
    });

    it('answers 404 for an unknown organisation and 400 for a bad lang, asOf or product', async () => {
      for (const slug of ['no-such-tenant', 'UPPER', '%3Cx%3E']) {
        const res = await http().get(`/t/${slug}/subprocessors`);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toContain('text/html');
        expect(res.text).toContain('<h1>Not found</h1>');
      }
      const tomorrow = new Date(Date.now() + 36 * 3600 * 1000).toISOString().slice(0, 10);
      for (const query of [
        'lang=de',
        'lang=nl&lang=en',
        'asOf=2024-02-30',
        'asOf=yesterday',
        'asOf=2024-06-01T00:00:00Z',
        `asOf=${tomorrow}`,
        'product=nope',
        `product=${fixture.products.core.replace(/.$/, '0') === fixture.products.core ? fixture.products.core.replace(/.$/, '1') : fixture.products.core.replace(/.$/, '0')}`,
      ]) {
        const res = await http().get(`/t/${a.slug}/subprocessors?${query}`);
        expect([query, res.status]).toEqual([query, 400]);
        expect(res.text).toContain('role="alert"');
      }
      // Another tenant's product is not one of this tenant's.
      const crossTenant = await http().get(`/t/${b.slug}/subprocessors?product=${fixture.products.core}`);
      expect(crossTenant.status).toBe(400);
      expect(crossTenant.text).not.toContain('Core');
    });
  });

  describe('feeds', () => {
    it('serves an Atom feed of announced changes, escaped, per tenant and per product', async () => {
      const res = await http().get(`/t/${a.slug}/subprocessors.atom`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(res.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
      expect(res.text).toContain('<title>Subprocessor changes at Acme &amp; &lt;Sons&gt;</title>');
      expect(res.text).toContain(`<id>urn:uuid:${fixture.changes.upcoming}</id>`);
      // type="html" titles: the hostile name is escaped HTML inside CDATA, never markup.
      expect(res.text).toContain('<![CDATA[Added: &lt;img src=x onerror=alert(2)&gt;]]>');
      expect(res.text).not.toContain('<img');
      expect(res.text.match(/<entry>/g)).toHaveLength(5);
      const carbon = await http().get(`/t/${a.slug}/subprocessors.atom?product=${fixture.products.carbon}`);
      expect(carbon.text).not.toContain('Delta Mail');
      expect(carbon.text).toContain('(Carbon)</title>');
      const nl = await http().get(`/t/${a.slug}/subprocessors.atom?lang=nl`);
      expect(nl.text).toContain('Wijzigingen in subverwerkers van');
    });

    it('serves a JSON Feed with the current subprocessors and each change as structured data', async () => {
      const res = await http().get(`/t/${a.slug}/subprocessors.json?product=${fixture.products.core}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      const feed = JSON.parse(res.text) as {
        version: string;
        feed_url: string;
        items: Array<{ id: string; title: string; content_html: string; _art30: Record<string, unknown> }>;
        _art30: {
          schemaVersion: number;
          subprocessors: Array<{ vendorName: string; products: Array<{ name: string }> }>;
        };
      };
      expect(feed.version).toBe('https://jsonfeed.org/version/1');
      expect(feed.feed_url).toBe(`${BASE}/t/${a.slug}/subprocessors.json?product=${fixture.products.core}`);
      expect(feed._art30.schemaVersion).toBe(1);
      expect(feed._art30.subprocessors.map((s) => s.vendorName).sort()).toEqual(
        [HOSTILE_VENDOR, 'Beta Hosting'].sort(),
      );
      const hostile = feed.items.find((i) => i.id === `urn:uuid:${fixture.changes.upcoming}`)!;
      expect(hostile.title).toBe(`Added: ${HOSTILE_CHANGE_VENDOR}`); // plain text in JSON Feed
      expect(hostile.content_html).toContain('&lt;img src=x onerror=alert(2)&gt;');
      expect(hostile.content_html).not.toContain('<img');
      expect(hostile._art30).toMatchObject({ kind: 'added', status: 'announced', changeId: fixture.changes.upcoming });
      expect(feed.items.some((i) => i.title === 'Added: Delta Mail')).toBe(true);
    });

    it('answers 404 and 400 on the feeds too', async () => {
      expect((await http().get('/t/no-such-tenant/subprocessors.atom')).status).toBe(404);
      const json = await http().get(`/t/${a.slug}/subprocessors.json?product=x`);
      expect(json.status).toBe(400);
      expect(json.body).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    });
  });

  describe('subscribe, confirm (double opt-in)', () => {
    it('subscribes through the form; GET of the link confirms nothing; POST confirms with a consent record', async () => {
      const email = 'procurement@customer.example';
      const res = await http()
        .post(`/t/${a.slug}/subscribe`)
        .type('form')
        .send(
          `email=${encodeURIComponent(email)}&language=nl&product=${fixture.products.core}&product=${fixture.products.carbon}`,
        );
      expect(res.status).toBe(200);
      expect(res.text).toContain('<html lang="nl">');
      expect(res.text).toContain('Bekijk je inbox');
      const pending = await subscriberRow(a.id, email);
      expect(pending).toMatchObject({ status: 'pending', language: 'nl', confirmed_at: null });
      expect((pending!.product_ids as string[]).sort()).toEqual(
        [fixture.products.core, fixture.products.carbon].sort(),
      );
      expect((pending!.confirmation_token_hash as Buffer).length).toBe(32);

      const [mail] = await waitForMails(mailDir, email);
      expect(mail!.text).toContain('Subject: Bevestig je aanmelding');
      const link = linkIn(mail!, 'confirm');
      expect(link.startsWith(`${BASE}/t/${a.slug}/confirm?token=`)).toBe(true);
      const token = new URL(link).searchParams.get('token')!;
      // Only the hash is stored.
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM subscribers WHERE confirmation_token_hash = sha256($1::text::bytea)`,
        [token],
      );
      expect(rows[0].n).toBe(1);

      const page = await http().get(`/t/${a.slug}/confirm?token=${token}`);
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('<button type="submit">Aanmelding bevestigen</button>');
      expect((await subscriberRow(a.id, email))!.status).toBe('pending');

      const confirmed = await http()
        .post(`/t/${a.slug}/confirm?token=${token}`)
        .set('user-agent', 'Test Browser/1.0')
        .set('origin', BASE);
      expect(confirmed.status).toBe(200);
      expect(confirmed.text).toContain('Aanmelding bevestigd');
      const row = await subscriberRow(a.id, email);
      expect(row).toMatchObject({
        status: 'confirmed',
        consent_text_version: '2026-11-v1',
        consent_user_agent: 'Test Browser/1.0',
        confirmation_token_hash: null,
      });
      expect(row!.confirmed_at).toBeInstanceOf(Date);
      expect(row!.consent_ip).toMatch(/127\.0\.0\.1|::1/);
      // The link is used up.
      expect((await http().post(`/t/${a.slug}/confirm?token=${token}`)).status).toBe(400);
    });

    it('refuses forged, expired and other tenants’ confirmation links', async () => {
      const email = 'expiring@customer.example';
      const path = await subscribeViaForm(email);
      const token = new URL(path, BASE).searchParams.get('token')!;
      const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      for (const t of [forged, '', 'x', 'a'.repeat(600)]) {
        expect((await http().get(`/t/${a.slug}/confirm?token=${encodeURIComponent(t)}`)).status).toBe(400);
        expect((await http().post(`/t/${a.slug}/confirm?token=${encodeURIComponent(t)}`)).status).toBe(400);
      }
      // The right token under another tenant's slug.
      expect((await http().post(`/t/${b.slug}/confirm?token=${token}`)).status).toBe(400);
      await db.query(`UPDATE subscribers SET confirmation_expires_at = now() - interval '1 second' WHERE email = $1`, [
        email,
      ]);
      const expired = await http().post(`/t/${a.slug}/confirm?token=${token}`);
      expect(expired.status).toBe(400);
      expect(expired.text).toContain('The link is not valid or has expired.');
      expect((await subscriberRow(a.id, email))!.status).toBe('pending');
    });

    it('answers every re-subscription alike and mails an address at most once per interval', async () => {
      const fresh = 'fresh@customer.example';
      const confirmedAddress = 'again@customer.example';
      const confirmPath = await subscribeViaForm(confirmedAddress);
      expect((await http().post(confirmPath)).status).toBe(200);
      await db.query(`UPDATE subscribers SET requested_at = now() - interval '11 minutes' WHERE email = $1`, [
        confirmedAddress,
      ]);

      const post = (email: string) =>
        http().post(`/t/${a.slug}/subscribe`).type('form').send({ email, language: 'en' });
      const answers = [
        await post(fresh),
        await post(fresh),
        await post(confirmedAddress),
        await post(confirmedAddress.toUpperCase()),
      ];
      for (const res of answers) expect(res.status).toBe(200);
      expect(new Set(answers.map((r) => r.text)).size).toBe(1);

      // One confirmation for the new address despite two requests; one "already subscribed" note.
      await new Promise((r) => setTimeout(r, 300));
      expect(await waitForMails(mailDir, fresh, 2, 300)).toHaveLength(1);
      const again = await waitForMails(mailDir, confirmedAddress, 3, 300);
      expect(again).toHaveLength(2);
      expect(again[1]!.text).toContain('You are already subscribed');
      expect(linkIn(again[1]!, 'unsubscribe')).toContain(`/t/${a.slug}/unsubscribe?token=`);
      // Preferences of a confirmed subscriber are not changed by someone typing the address.
      expect((await subscriberRow(a.id, confirmedAddress))!.status).toBe('confirmed');

      // After the interval a pending address gets a new link; the old one stops working.
      const [first] = await capturedMailsFor(fresh);
      await db.query(`UPDATE subscribers SET requested_at = now() - interval '11 minutes' WHERE email = $1`, [fresh]);
      await post(fresh);
      const both = await waitForMails(mailDir, fresh, 2);
      expect(both).toHaveLength(2);
      expect(
        (await http().post(new URL(linkIn(first!, 'confirm')).pathname + new URL(linkIn(first!, 'confirm')).search))
          .status,
      ).toBe(400);
      const second = new URL(linkIn(both[1]!, 'confirm'));
      expect((await http().post(second.pathname + second.search)).status).toBe(200);
    });

    it('refuses bad input with a 400 page and stores nothing', async () => {
      const bad = async (form: Record<string, unknown>, text: string) => {
        const res = await http().post(`/t/${a.slug}/subscribe`).type('form').send(form);
        expect(res.status).toBe(400);
        expect(res.text).toContain(text);
      };
      await bad({ email: 'not-an-address', language: 'en' }, 'Enter a valid email address.');
      await bad({ email: `${'x'.repeat(250)}@example.org` }, 'Enter a valid email address.');
      await bad({ email: 'bad-product@customer.example', product: 'nope' }, 'Choose products from the list.');
      await bad({ email: 'bad-lang@customer.example', language: 'de' }, 'lang must be nl or en.');
      // Another tenant's product id is not a product here.
      const res = await http()
        .post(`/t/${b.slug}/subscribe`)
        .type('form')
        .send({ email: 'x@customer.example', product: fixture.products.core });
      expect(res.status).toBe(400);
      const { rows } = await db.query(
        `SELECT email FROM subscribers WHERE email LIKE 'bad-%' OR email = 'x@customer.example'`,
      );
      expect(rows).toEqual([]);
      expect(
        (await http().post('/t/no-such-tenant/subscribe').type('form').send({ email: 'a@b.example' })).status,
      ).toBe(404);
    });

    it('refuses cross-site form posts', async () => {
      const email = 'csrf@customer.example';
      const evil = await http()
        .post(`/t/${a.slug}/subscribe`)
        .set('origin', 'https://evil.example')
        .type('form')
        .send({ email });
      expect(evil.status).toBe(403);
      const site = await http()
        .post(`/t/${a.slug}/subscribe`)
        .set('sec-fetch-site', 'cross-site')
        .type('form')
        .send({ email });
      expect(site.status).toBe(403);
      expect(await subscriberRow(a.id, email)).toBeUndefined();
      const same = await http().post(`/t/${a.slug}/subscribe`).set('origin', BASE).type('form').send({ email });
      expect(same.status).toBe(200);
    });
  });

  describe('unsubscribe', () => {
    const confirmedSubscriber = async (email: string) => {
      const path = await subscribeViaForm(email);
      expect((await http().post(path)).status).toBe(200);
      const row = await subscriberRow(a.id, email);
      return { id: row!.id as string, token: signLink(SECRET, 'unsubscribe', [a.id, row!.id as string]) };
    };

    it('shows a confirmation page on GET and unsubscribes only on POST', async () => {
      const email = 'leaving@customer.example';
      const { token } = await confirmedSubscriber(email);
      for (let i = 0; i < 2; i++) {
        const page = await http().get(`/t/${a.slug}/unsubscribe?token=${token}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain(`Unsubscribe ${email}?`);
        expect(page.text).toContain(`<form method="post" action="${BASE}/t/${a.slug}/unsubscribe?token=${token}">`);
      }
      expect((await subscriberRow(a.id, email))!.status).toBe('confirmed');
      const res = await http().post(`/t/${a.slug}/unsubscribe?token=${token}`).set('origin', BASE);
      expect(res.status).toBe(200);
      expect(res.text).toContain('You are unsubscribed');
      expect(await subscriberRow(a.id, email)).toMatchObject({ status: 'unsubscribed' });
      expect((await subscriberRow(a.id, email))!.unsubscribed_at).toBeInstanceOf(Date);
      // Again: still fine (idempotent), and the page now says so.
      expect((await http().post(`/t/${a.slug}/unsubscribe?token=${token}`)).status).toBe(200);
      expect((await http().get(`/t/${a.slug}/unsubscribe?token=${token}`)).text).toContain('You are unsubscribed');
    });

    it('accepts RFC 8058 one-click POSTs from mail providers, and cancels queued emails', async () => {
      const email = 'oneclick@customer.example';
      const { id, token } = await confirmedSubscriber(email);
      const [event] = (
        await db.query(
          `INSERT INTO outbox_events (tenant_id, type, payload) VALUES ($1, 'subprocessor_change.announced', '{}') RETURNING id`,
          [a.id],
        )
      ).rows as Array<{ id: string }>;
      await db.query(`INSERT INTO deliveries (tenant_id, event_id, channel, target_id) VALUES ($1, $2, 'email', $3)`, [
        a.id,
        event!.id,
        id,
      ]);
      const res = await http()
        .post(`/t/${a.slug}/unsubscribe?token=${token}`)
        .set('origin', 'https://mail-provider.example')
        .type('form')
        .send('List-Unsubscribe=One-Click');
      expect(res.status).toBe(200);
      expect((await subscriberRow(a.id, email))!.status).toBe('unsubscribed');
      const { rows } = await db.query(`SELECT status FROM deliveries WHERE tenant_id = $1 AND target_id = $2`, [
        a.id,
        id,
      ]);
      expect(rows).toEqual([{ status: 'cancelled' }]);
    });

    it('refuses forged links, links for another purpose or tenant, and cross-site form posts', async () => {
      const email = 'staying@customer.example';
      const { id, token } = await confirmedSubscriber(email);
      const tampered = token.replace(/.$/, token.endsWith('A') ? 'B' : 'A');
      const forOther = signLink(SECRET, 'object', [a.id, id]);
      const otherSecret = signLink(`${SECRET}-other`, 'unsubscribe', [a.id, id]);
      const wrongTenant = signLink(SECRET, 'unsubscribe', [b.id, id]);
      for (const bad of [tampered, forOther, otherSecret, wrongTenant, 'junk', '']) {
        expect((await http().get(`/t/${a.slug}/unsubscribe?token=${encodeURIComponent(bad)}`)).status).toBe(400);
        const post = await http()
          .post(`/t/${a.slug}/unsubscribe?token=${encodeURIComponent(bad)}`)
          .type('form')
          .send('List-Unsubscribe=One-Click');
        expect(post.status).toBe(400);
      }
      // A's valid token under B's slug: B has no such subscriber and the link names A.
      expect((await http().post(`/t/${b.slug}/unsubscribe?token=${token}`)).status).toBe(400);
      expect(
        (await http().post(`/t/${a.slug}/unsubscribe?token=${token}`).set('origin', 'https://evil.example')).status,
      ).toBe(403);
      expect((await subscriberRow(a.id, email))!.status).toBe('confirmed');
    });
  });

  describe('objection page', () => {
    const objectToken = async (changeId: string) => {
      const email = `objector-${changeId.slice(0, 8)}@customer.example`;
      const path = await subscribeViaForm(email);
      await http().post(path);
      const row = await subscriberRow(a.id, email);
      return signLink(SECRET, 'object', [a.id, changeId, row!.id as string]);
    };

    it('shows the change and a labelled form before the deadline, escaped', async () => {
      const token = await objectToken(fixture.changes.upcoming);
      const res = await http().get(`/t/${a.slug}/object?token=${token}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('&lt;img src=x onerror=alert(2)&gt;');
      expect(res.text).not.toContain('<img');
      expect(res.text).toContain('<label for="objection-reason">Why you object (required)</label>');
      expect(res.text).toContain(`<form method="post" action="${BASE}/t/${a.slug}/object?token=${token}"`);
    });

    it('says the period has ended after the deadline, and refuses forged links', async () => {
      const token = await objectToken(fixture.changes.closed);
      const res = await http().get(`/t/${a.slug}/object?token=${token}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('The period for objections ended on');
      expect(res.text).not.toContain('<form');
      const unsubscribeToken = signLink(SECRET, 'unsubscribe', [a.id, fixture.changes.upcoming]);
      for (const bad of [token.replace(/.$/, token.endsWith('A') ? 'B' : 'A'), unsubscribeToken, 'x']) {
        expect((await http().get(`/t/${a.slug}/object?token=${encodeURIComponent(bad)}`)).status).toBe(400);
      }
      expect((await http().get(`/t/${b.slug}/object?token=${token}`)).status).toBe(400);
    });
  });

  describe('objection form (POST)', () => {
    const objectToken = async (changeId: string, email: string) => {
      const path = await subscribeViaForm(email);
      await http().post(path);
      const row = await subscriberRow(a.id, email);
      return {
        subscriberId: row!.id as string,
        token: signLink(SECRET, 'object', [a.id, changeId, row!.id as string]),
      };
    };
    const objections = async (subscriberId: string) =>
      (await db.query(`SELECT * FROM objections WHERE tenant_id = $1 AND subscriber_id = $2`, [a.id, subscriberId]))
        .rows;

    it('files an objection before the deadline through the signed link', async () => {
      const { subscriberId, token } = await objectToken(fixture.changes.upcoming, 'dpo@objecting.example');
      const res = await http().post(`/t/${a.slug}/object?token=${token}`).set('origin', BASE).type('form').send({
        name: 'Dana DPO',
        organisation: 'School <Board>',
        reason: 'We cannot accept transfers to this vendor.',
      });
      expect(res.status).toBe(200);
      expect(res.text).toContain('Your objection has been received');
      expect(await objections(subscriberId)).toEqual([
        expect.objectContaining({
          change_id: fixture.changes.upcoming,
          channel: 'link',
          name: 'Dana DPO',
          organisation: 'School <Board>',
          email: 'dpo@objecting.example',
          status: 'received',
        }),
      ]);
    });

    it('re-shows the form, escaped, when the reason is missing; refuses after the deadline, forged links and cross-site posts', async () => {
      const { subscriberId, token } = await objectToken(fixture.changes.coreOnly, 'late@objecting.example');
      const empty = await http()
        .post(`/t/${a.slug}/object?token=${token}`)
        .type('form')
        .send({ name: '<b>Eve</b>', organisation: 'X', reason: '  ' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('Say why you object');
      expect(empty.text).toContain('value="&lt;b&gt;Eve&lt;/b&gt;"');
      expect(empty.text).not.toContain('<b>Eve</b>');
      const evil = await http()
        .post(`/t/${a.slug}/object?token=${token}`)
        .set('origin', 'https://evil.example')
        .type('form')
        .send({ name: 'E', organisation: 'X', reason: 'r' });
      expect(evil.status).toBe(403);
      const forged = await http().post(`/t/${a.slug}/object?token=${token}x`).type('form').send({ reason: 'r' });
      expect(forged.status).toBe(400);
      expect(await objections(subscriberId)).toEqual([]);

      const closed = await objectToken(fixture.changes.closed, 'closed@objecting.example');
      const late = await http()
        .post(`/t/${a.slug}/object?token=${closed.token}`)
        .type('form')
        .send({ name: 'L', organisation: 'X', reason: 'too late' });
      expect(late.status).toBe(409);
      expect(late.text).toContain('The period for objections ended on');
      expect(await objections(closed.subscriberId)).toEqual([]);
    });
  });

  async function capturedMailsFor(email: string) {
    return waitForMails(mailDir, email, 1);
  }
});

/** The HTML of one page section (by its heading id), for assertions about what is listed where. */
function section(page: string, id: string): string {
  const start = page.indexOf(`<section aria-labelledby="${id}">`);
  if (start < 0) throw new Error(`no section ${id}`);
  return page.slice(start, page.indexOf('</section>', start)).replace(/>\s+</g, '><');
}

describe('public pages: rate limit per client address', () => {
  let app: INestApplication;
  let db: pg.Client;
  let tenant: TestTenant;
  // 10 requests at once, then one every 10 s; a POST counts as 5.
  const from = (address: string) => ({
    get: (path: string) => request(app.getHttpServer()).get(path).set('x-forwarded-for', address),
    post: (path: string) =>
      request(app.getHttpServer()).post(path).set('x-forwarded-for', address).set('origin', BASE).type('form'),
  });

  beforeAll(async () => {
    app = await startTestApp({
      APP_SECRET: SECRET,
      PUBLIC_BASE_URL: BASE,
      HTTP_TRUST_PROXY: 'loopback',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '6',
      PUBLIC_RATE_LIMIT_BURST: '10',
    });
    db = await ownerClient();
    tenant = await createTestTenant(app, 'Rate limited');
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  it('refuses an address past its allowance with 429, Retry-After and a page in its language; others are served', async () => {
    const flood = from('203.0.113.10');
    for (let i = 0; i < 10; i++) expect((await flood.get(`/t/${tenant.slug}/subprocessors`)).status).toBe(200);
    const refused = await flood.get(`/t/${tenant.slug}/subprocessors?lang=nl`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.text).toContain('Te veel verzoeken');
    const feed = await flood.get(`/t/${tenant.slug}/subprocessors.json`);
    expect(feed.status).toBe(429);
    expect(feed.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('Try again in') } });
    // Refused before the organisation is looked up: an unknown one is not even a 404.
    expect((await flood.get('/t/no-such-organisation/subprocessors')).status).toBe(429);

    expect((await from('203.0.113.11').get(`/t/${tenant.slug}/subprocessors`)).status).toBe(200);
  });

  it('charges a POST as five requests, and a refused subscription stores nothing', async () => {
    const client = from('203.0.113.20');
    const subscribe = (email: string) => client.post(`/t/${tenant.slug}/subscribe`).send({ email, language: 'en' });
    expect((await subscribe('first@limited.example')).status).toBe(200);
    expect((await subscribe('second@limited.example')).status).toBe(200);
    const third = await subscribe('third@limited.example');
    expect(third.status).toBe(429);
    expect(third.text).toContain('Too many requests');
    const { rows } = await db.query(`SELECT email FROM subscribers WHERE tenant_id = $1 ORDER BY email`, [tenant.id]);
    expect(rows.map((r: { email: string }) => r.email)).toEqual(['first@limited.example', 'second@limited.example']);
  });
});
