import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { type Browser, chromium } from 'playwright-core';
import { createTestTenant, ownerClient, startTestApp, type TestTenant } from '#testing';
import { linkIn, waitForMails } from './support/captured-mail.js';
import { HOSTILE_VENDOR, seedPublicRegister } from './support/public-fixture.js';

/**
 * The public page in a real browser (Debian's chromium, headless, through playwright-core): open
 * the page, subscribe with the form, follow the confirmation link from the captured email,
 * confirm, then unsubscribe through the link every notice carries. No JavaScript is needed, and
 * the strict CSP must not get in the way of any of it.
 */
describe('public page in a browser', () => {
  let app: INestApplication;
  let browser: Browser;
  let base: string;
  let mailDir: string;
  let tenant: TestTenant;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'art30-browser-mail-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startTestApp({ MAIL_CAPTURE_DIR: mailDir, PUBLIC_BASE_URL: base });
    await app.listen(port, '127.0.0.1');
    tenant = await createTestTenant(app, 'Browser & Co');
    await seedPublicRegister(app, tenant);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  it('subscribes, confirms from the email and unsubscribes, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, userAgent: 'art30-browser-test' });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });

    const response = await page.goto(`${base}/t/${tenant.slug}/subprocessors?lang=en`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Subprocessors of Browser & Co');
    // The hostile vendor name is text in a row header, not markup.
    expect(await page.getByRole('rowheader', { name: HOSTILE_VENDOR }).count()).toBe(1);
    // The stylesheet applied (its hash is in the CSP): table headers got their background.
    const headerBackground = await page
      .locator('thead th')
      .first()
      .evaluate(
        (el) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el)
            .backgroundColor,
      );
    expect(headerBackground).toBe('rgb(240, 240, 240)');

    const email = 'browser@customer.example';
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Dutch').check();
    await page.getByLabel('Carbon').check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bekijk je inbox');

    const [mail] = await waitForMails(mailDir, email);
    const confirmLink = linkIn(mail!, 'confirm');
    expect(confirmLink.startsWith(`${base}/t/${tenant.slug}/confirm?token=`)).toBe(true);

    await page.goto(confirmLink);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByRole('button', { name: 'Aanmelding bevestigen' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Aanmelding bevestigd');

    const db = await ownerClient();
    try {
      const row = async () =>
        (
          await db.query(
            `SELECT id, status, language, consent_user_agent, product_ids FROM subscribers WHERE tenant_id = $1 AND email = $2`,
            [tenant.id, email],
          )
        ).rows[0] as {
          id: string;
          status: string;
          language: string;
          consent_user_agent: string;
          product_ids: string[];
        };
      expect(await row()).toMatchObject({
        status: 'confirmed',
        language: 'nl',
        consent_user_agent: 'art30-browser-test',
      });
      expect((await row()).product_ids).toHaveLength(1);

      // The unsubscribe link of a notice (what List-Unsubscribe carries).
      const { SubscribersService } = await import('#notifications');
      const unsubscribeLink = app.get(SubscribersService).unsubscribeUrl(tenant, (await row()).id);
      await page.goto(unsubscribeLink);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Afmelden');
      expect((await row()).status).toBe('confirmed'); // opening the page changed nothing
      await page.getByRole('button', { name: 'Afmelden' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Afgemeld');
      expect((await row()).status).toBe('unsubscribed');
    } finally {
      await db.end();
    }
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 60_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
