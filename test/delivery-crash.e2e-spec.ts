import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { TenantDb } from '#database';
import { SecretBox } from '#notifications';
import {
  addSubscribers,
  createTestTenant,
  enqueueTestEvent,
  ownerClient,
  type SmtpSink,
  startSmtpSink,
  startTestApp,
  startWebhookReceiver,
  type TestTenant,
  testDatabaseUrl,
  waitUntil,
  type WebhookReceiver,
} from '#testing';
import type pg from 'pg';

const ENDPOINTS = 300;
const SUBSCRIBERS = 200;
const EVENTS = 2;
const TOTAL = (ENDPOINTS + SUBSCRIBERS) * EVENTS; // 1,000 deliveries
const SECRET = 'art30-development-secret-do-not-use-in-production';

/**
 * The real worker process (apps/worker, built to dist) is SIGKILLed at several points of a 1,000
 * delivery fan-out and restarted each time. Nothing may be lost: every delivery reaches its
 * receiver at least once, a duplicate carries the same id, and the attempt log accounts for every
 * request (an attempt cut off by a kill stays in the log as in_flight).
 */
describe('delivery survives a worker killed with SIGKILL', () => {
  let app: INestApplication;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let tenant: TestTenant;
  let db: pg.Client;
  let worker: ChildProcess | undefined;

  const received = () => receiver.requests.length + sink.messages.length;
  const startWorker = async () => {
    const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        DATABASE_URL: await testDatabaseUrl(),
        DATABASE_MIGRATE_ON_START: 'false',
        SMTP_URL: sink.url,
        WEBHOOKS_ALLOW_LOOPBACK: 'true',
        WORKER_POLL_MS: '50',
        WORKER_LEASE_SECONDS: '2',
        WORKER_BATCH_SIZE: '100',
        WORKER_CONCURRENCY: '25',
        WORKER_RETRY_SCHEDULE: '0,0,0,0,0,0,0,0',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  };

  beforeAll(async () => {
    const t0 = Date.now();
    // The worker runs from dist, as in production: bring the build up to date (incremental).
    await promisify(execFile)('scripts/with-node', ['node_modules/.bin/tsc', '-p', 'tsconfig.build.json']);
    console.log(`build: ${Date.now() - t0} ms`);
    sink = await startSmtpSink();
    receiver = await startWebhookReceiver();
    receiver.respond(() => ({ status: 204, delayMs: 15 }));
    app = await startTestApp();
    db = await ownerClient();
    tenant = await createTestTenant(app);
    const sealed = new SecretBox(SECRET).seal('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    await app.get(TenantDb).run(tenant.id, (tx) =>
      tx.em.query(
        `INSERT INTO webhook_endpoints (tenant_id, url, secret_ciphertext, created_by)
         SELECT $1, $2 || '/e/' || i, $3, 'crash test' FROM generate_series(1, $4) AS i`,
        [tenant.id, receiver.url, sealed, ENDPOINTS],
      ),
    );
    await addSubscribers(app, tenant.id, SUBSCRIBERS);
  }, 90_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await db.end();
    await app.close();
    await Promise.all([sink.close(), receiver.close()]);
  });

  it('loses nothing, duplicates keep their id, and every attempt is logged', async () => {
    for (let i = 0; i < EVENTS; i++) await enqueueTestEvent(app, tenant);

    // Kill at the first request (fan-out just done), then at about a quarter, half and three quarters.
    const kills = [1, 250, 500, 750];
    const t0 = Date.now();
    const mark = (what: string) => console.log(`${Date.now() - t0} ms: ${what} (${received()} received)`);
    for (const at of kills) {
      worker = await startWorker();
      await waitUntil(
        () => received() >= at,
        30_000,
        () => undefined,
      );
      mark(`kill at ${at}`);
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker!.once('exit', resolve));
    }
    worker = await startWorker();
    await waitUntil(
      () => received() >= TOTAL,
      40_000,
      () => undefined,
    );
    mark('all received');
    const status = async () =>
      (
        await db.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE tenant_id = $1 GROUP BY status`, [
          tenant.id,
        ])
      ).rows as Array<{ status: string; n: number }>;
    await waitUntil(
      () => true,
      0,
      () => undefined,
    );
    const deadline = Date.now() + 20_000;
    while (!(await status()).every((r) => r.status === 'delivered') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    // A clean stop on SIGTERM.
    // SIGTERM: Nest's shutdown hooks stop the loop and close the pool, then re-raise the signal (exit 143).
    const exited = new Promise<[number | null, string | null]>((resolve) =>
      worker!.once('exit', (code, signal) => resolve([code, signal])),
    );
    worker.kill('SIGTERM');
    const [code, signal] = await exited;
    expect(code === 0 || code === 143 || signal === 'SIGTERM').toBe(true);
    worker = undefined;

    expect(await status()).toEqual([{ status: 'delivered', n: TOTAL }]);
    const deliveries = (
      await db.query(`SELECT id, channel, target_id, attempts FROM deliveries WHERE tenant_id = $1`, [tenant.id])
    ).rows as Array<{ id: string; channel: string; attempts: number }>;
    expect(deliveries).toHaveLength(TOTAL);

    // Every delivery reached its receiver at least once, under its own id.
    const webhookHits = new Map<string, number>();
    for (const r of receiver.requests) {
      const id = String(r.headers['webhook-id']);
      webhookHits.set(id, (webhookHits.get(id) ?? 0) + 1);
    }
    const mailHits = new Map<string, number>();
    for (const m of sink.messages)
      mailHits.set(m.headers['message-id']!, (mailHits.get(m.headers['message-id']!) ?? 0) + 1);
    const hits = (d: { id: string; channel: string }) =>
      d.channel === 'webhook' ? (webhookHits.get(`msg_${d.id}`) ?? 0) : (mailHits.get(`<${d.id}@localhost>`) ?? 0);
    expect(deliveries.filter((d) => hits(d) === 0)).toEqual([]);
    // Nothing this tenant did not send arrived under this tenant's ids (the worker also drains what
    // other suites left in the shared test database's outbox, to these same sinks).
    const own = new Set(deliveries.flatMap((d) => [`msg_${d.id}`, `<${d.id}@localhost>`]));
    expect([...webhookHits.keys(), ...mailHits.keys()].filter((id) => own.has(id))).toHaveLength(TOTAL);

    // Duplicates share the id: each endpoint saw exactly one webhook-id per event, each subscriber one Message-ID per event.
    const idsPerTarget = new Map<string, Set<string>>();
    for (const r of receiver.requests) {
      if (!own.has(String(r.headers['webhook-id']))) continue;
      const key = `${r.path} ${(JSON.parse(r.body) as { id: string }).id}`;
      idsPerTarget.set(key, (idsPerTarget.get(key) ?? new Set()).add(String(r.headers['webhook-id'])));
    }
    for (const m of sink.messages) {
      if (!own.has(m.headers['message-id']!)) continue;
      const key = `${m.to[0]} ${m.headers['x-art30-delivery-id']}`;
      idsPerTarget.set(key, (idsPerTarget.get(key) ?? new Set()).add(m.headers['message-id']!));
    }
    expect(idsPerTarget.size).toBe(TOTAL);
    expect([...idsPerTarget.values()].every((ids) => ids.size === 1)).toBe(true);

    // The attempt log: one row per claim, exactly one delivered per delivery, killed attempts in_flight,
    // and never fewer attempts than requests the receivers saw.
    const log = (
      await db.query(
        `SELECT d.id, d.attempts, count(a.*)::int AS rows,
                count(*) FILTER (WHERE a.outcome = 'delivered')::int AS delivered,
                count(*) FILTER (WHERE a.outcome = 'in_flight')::int AS in_flight,
                count(*) FILTER (WHERE a.outcome NOT IN ('delivered', 'in_flight'))::int AS other
           FROM deliveries d LEFT JOIN delivery_attempts a ON a.tenant_id = d.tenant_id AND a.delivery_id = d.id
          WHERE d.tenant_id = $1 GROUP BY d.id, d.attempts`,
        [tenant.id],
      )
    ).rows as Array<{
      id: string;
      attempts: number;
      rows: number;
      delivered: number;
      in_flight: number;
      other: number;
    }>;
    const byId = new Map(deliveries.map((d) => [d.id, d]));
    for (const row of log) {
      expect(row.rows).toBe(row.attempts);
      expect(row.delivered).toBe(1);
      expect(row.other).toBe(0);
      expect(hits(byId.get(row.id)!)).toBeLessThanOrEqual(row.rows);
    }
    const inFlight = log.reduce((n, r) => n + r.in_flight, 0);
    const duplicates = received() - TOTAL;
    expect(inFlight).toBeGreaterThan(0); // the kills did cut attempts off
    expect(duplicates).toBeLessThanOrEqual(inFlight);
    console.log(`crash test: ${kills.length} kills, ${inFlight} attempts cut off, ${duplicates} duplicate requests`);
  }, 120_000);
});
