import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { DEVELOPMENT_APP_SECRET } from '#core';
import { verifyLink } from '#notifications';
import {
  addSubscriber,
  createTestTenant,
  ownerClient,
  recordErrors,
  recordSecretsIn,
  spawnedLogEnv,
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

/**
 * Issue 7: two API processes and two workers, built to dist and run as separate OS processes
 * against one PostgreSQL, while many clients announce subprocessors, race each other on the same
 * objects and read the register. Nothing may be lost or doubled: every answered write is in the
 * database once and in the hash-chained history, racing announcements leave one open change,
 * racing edits of different fields all survive, and every notice reaches every recipient in
 * scope (a duplicate only under the same idempotency key), with one worker SIGKILLed mid-way.
 */

const TENANTS = 2;
const ADDITIONS = 30; // per tenant
const CONTESTED_ENGAGEMENTS = 4; // per tenant, each announced as changed by RACERS clients at once
const RACERS = 3;
const CONTESTED_PARTIES = 4; // per tenant, each edited on a different field by every PARTY_FIELDS client at once
const PARTY_FIELDS = ['city', 'website', 'contactName', 'description'] as const;
const partyValue = (field: string, partyId: string) => `https://${field.toLowerCase()}.test/${partyId}`;
const IN_FLIGHT = 16;
const READERS = 6;

const ANNOUNCE_ADD = `mutation($input: AnnounceSubprocessorAdditionInput!) {
  announceSubprocessorAddition(input: $input) { id engagementId productIds status } }`;
const ANNOUNCE_CHANGE = `mutation($input: AnnounceSubprocessorChangeInput!) {
  announceSubprocessorChange(input: $input) { id engagementId productIds status } }`;
const UPDATE_PARTY = `mutation($input: UpdatePartyInput!) { updateParty(input: $input) { id } }`;
const DEEP_READ = `query { activities(first: 50) { totalCount edges { node { id name
    engagements { id purpose processingLocations vendor { id name country } } } } }
  engagements(first: 100) { totalCount edges { node { id purpose status productIds vendor { id name } products { id } } } }
  subprocessorChanges { id kind status subject { vendorName purpose } approvals { partyId } objections { id } } }`;
const VERIFY = `{ verifyRegisterHistory { ok length problem } }`;

interface Answer<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}
interface Change {
  id: string;
  engagementId: string;
  productIds: string[];
}
interface Setup {
  tenant: TestTenant;
  product: string;
  otherProduct: string;
  vendors: string[];
  contestedEngagements: string[];
  contestedParties: string[];
  /** Recipients with the products they want (empty: everything). */
  subscribers: Array<{ id: string; email: string; productIds: string[] }>;
  endpoints: Array<{ id: string; path: string; productIds: string[] }>;
}

describe('two API processes and two workers on one database, under load', () => {
  const children = new Set<ChildProcess>();
  let app: INestApplication;
  let db: pg.Client;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let apis: string[] = [];
  let workers: ChildProcess[] = [];
  const setups: Setup[] = [];
  const killAll = () => {
    for (const child of children) child.kill('SIGKILL');
  };

  const spawnChild = (script: string, env: Record<string, string>): ChildProcess => {
    const child = spawn(process.execPath, [script], {
      env: {
        NODE_ENV: 'test',
        // Both processes log into the run's log, which the secret scan reads after the suite.
        LOG_LEVEL: 'info',
        ...spawnedLogEnv(),
        DATABASE_MIGRATE_ON_START: 'false',
        SEED_DEMO_TENANTS: 'false',
        WORKER_INLINE: 'false',
        SMTP_URL: sink.url,
        WEBHOOKS_ALLOW_LOOPBACK: 'true',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  };

  const startApi = async (databaseUrl: string): Promise<string> => {
    const port = await freePort();
    spawnChild('dist/apps/api/src/main.js', {
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      // Never trips, but still runs against the shared PostgreSQL bucket table.
      RATE_LIMIT_POINTS_PER_MINUTE: '1000000000',
      RATE_LIMIT_BURST_POINTS: '1000000000',
    });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) })).ok) return url;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the API on ${url} did not answer /health in time`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const startWorker = (databaseUrl: string): ChildProcess =>
    spawnChild('dist/apps/worker/src/main.js', {
      DATABASE_URL: databaseUrl,
      WORKER_POLL_MS: '50',
      WORKER_LEASE_SECONDS: '2',
      WORKER_BATCH_SIZE: '50',
      WORKER_CONCURRENCY: '10',
      WORKER_RETRY_SCHEDULE: '0,0,0,0,0,0,0,0',
    });

  /** Every HTTP answer of the run, for the "no 5xx, no INTERNAL_SERVER_ERROR" check. */
  const statuses: number[] = [];
  const errorCodes: string[] = [];
  let calls = 0;
  const gqlAt = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
    api = apis[calls++ % apis.length]!,
  ): Promise<Answer<T>> => {
    const res = await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    statuses.push(res.status);
    recordSecretsIn(text);
    const body = JSON.parse(text) as Answer<T>;
    recordErrors(body.errors);
    for (const e of body.errors ?? []) errorCodes.push(e.extensions?.code ?? 'NONE');
    return { status: res.status, data: body.data, errors: body.errors };
  };
  const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const res = await gqlAt<T>(query, variables, token);
    if (res.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };

  beforeAll(async () => {
    // Both apps run from dist, as in production: bring the build up to date (incremental).
    const t0 = Date.now();
    await promisify(execFile)('scripts/with-node', ['node_modules/.bin/tsc', '-p', 'tsconfig.build.json']);
    console.log(`build: ${Date.now() - t0} ms`);
    const databaseUrl = await testDatabaseUrl();
    sink = await startSmtpSink();
    receiver = await startWebhookReceiver();
    receiver.respond(() => ({ status: 204, delayMs: 10 }));
    app = await startTestApp(); // in-process, for fixtures only (tenants, subscribers)
    db = await ownerClient();
    apis = await Promise.all([startApi(databaseUrl), startApi(databaseUrl)]);
    console.log(`APIs up: ${Date.now() - t0} ms`);

    for (let t = 0; t < TENANTS; t++) {
      const tenant = await createTestTenant(app, `Processor ${t}`);
      const token = tenant.ownerToken;
      const { p, q } = await ok<{ p: { id: string }; q: { id: string } }>(
        `mutation { p: createProduct(input: { name: "LMS" }) { id } q: createProduct(input: { name: "Carbon" }) { id } }`,
        {},
        token,
      );
      const vendors: string[] = [];
      for (let i = 0; i < 8; i++) {
        const { createParty } = await ok<{ createParty: { id: string } }>(
          `mutation($input: CreatePartyInput!) { createParty(input: $input) { id } }`,
          { input: { name: `Vendor ${t}-${i}`, country: 'DE', roles: ['PROCESSOR'] } },
          token,
        );
        vendors.push(createParty.id);
      }
      const contestedEngagements: string[] = [];
      for (let i = 0; i < CONTESTED_ENGAGEMENTS; i++) {
        const { createEngagement } = await ok<{ createEngagement: { id: string } }>(
          `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`,
          { input: { vendorId: vendors[i], purpose: `Hosting ${i}`, processingLocations: ['DE'], status: 'ACTIVE' } },
          token,
        );
        contestedEngagements.push(createEngagement.id);
      }
      await ok(
        `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
        { input: { name: 'Customer support', role: 'CONTROLLER', engagementIds: contestedEngagements } },
        token,
      );
      // Who wants what: everything, only LMS, or only Carbon; a pending subscriber wants nothing yet.
      const scopes = [[], [], [p.id], [q.id]];
      const subscribers: Setup['subscribers'] = [];
      for (let i = 0; i < 8; i++) {
        const email = `s${i}@${tenant.slug}.test`;
        const productIds = scopes[i % scopes.length]!;
        subscribers.push({ id: await addSubscriber(app, tenant.id, { email, productIds }), email, productIds });
      }
      await addSubscriber(app, tenant.id, { email: `pending@${tenant.slug}.test`, status: 'pending' });
      const endpoints: Setup['endpoints'] = [];
      for (let i = 0; i < 4; i++) {
        const path = `/${tenant.slug}/e${i}`;
        const productIds = scopes[i % scopes.length]!;
        const { createWebhookEndpoint } = await ok<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
          `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
          { input: { url: `${receiver.url}${path}`, productIds } },
          token,
        );
        endpoints.push({ id: createWebhookEndpoint.endpoint.id, path, productIds });
      }
      setups.push({
        tenant,
        product: p.id,
        otherProduct: q.id,
        vendors,
        contestedEngagements,
        contestedParties: vendors.slice(CONTESTED_ENGAGEMENTS, CONTESTED_ENGAGEMENTS + CONTESTED_PARTIES),
        subscribers,
        endpoints,
      });
    }
    // The workers serve every tenant: what earlier suites left in the outbox goes out too, and is
    // told apart from this suite's notices by tenant.
    workers = [startWorker(databaseUrl), startWorker(databaseUrl)];
    console.log(`setup done: ${Date.now() - t0} ms`);
  }, 120_000);

  afterAll(async () => {
    killAll();
    await db?.end();
    await app?.close();
    await Promise.all([sink?.close(), receiver?.close()]);
  });
  // A crashed or timed-out jest still takes its children with it.
  process.once('exit', killAll);

  it('loses no write, doubles nothing, and delivers every notice while a worker is killed', async () => {
    const t0 = Date.now();
    type Write = { kind: 'add' | 'change' | 'party'; setup: Setup; run: () => Promise<Answer> };
    const writes: Write[] = [];
    for (const setup of setups) {
      const token = setup.tenant.ownerToken;
      for (let i = 0; i < ADDITIONS; i++) {
        const productIds = [[], [setup.product], [setup.otherProduct]][i % 3]!;
        writes.push({
          kind: 'add',
          setup,
          run: () =>
            gqlAt(
              ANNOUNCE_ADD,
              {
                input: {
                  engagement: {
                    vendorId: setup.vendors[i % setup.vendors.length],
                    purpose: `Addition ${i}`,
                    productIds,
                  },
                  note: `load ${i}`,
                },
              },
              token,
            ),
        });
      }
      for (const engagementId of setup.contestedEngagements)
        for (let r = 0; r < RACERS; r++)
          writes.push({
            kind: 'change',
            setup,
            run: () =>
              gqlAt(
                ANNOUNCE_CHANGE,
                { input: { changes: { id: engagementId, processingLocations: ['DE', ['FR', 'NL', 'IE'][r]!] } } },
                token,
              ),
          });
      for (const partyId of setup.contestedParties)
        for (const field of PARTY_FIELDS)
          writes.push({
            kind: 'party',
            setup,
            run: () => gqlAt(UPDATE_PARTY, { input: { id: partyId, [field]: partyValue(field, partyId) } }, token),
          });
    }
    // Racing writes of one object start next to each other, so they overlap in time.
    const answers: Array<{ write: Write; answer: Answer }> = [];
    let next = 0;
    let writing = true;
    const writer = async () => {
      while (next < writes.length) {
        const write = writes[next++]!;
        answers.push({ write, answer: await write.run() });
      }
    };
    let reads = 0;
    const reader = async (n: number) => {
      const setup = setups[n % setups.length]!;
      while (writing) {
        const res = await gqlAt(DEEP_READ, {}, setup.tenant.ownerToken);
        expect(res.errors).toBeUndefined();
        const page = await fetch(`${apis[n % apis.length]}/t/${setup.tenant.slug}/subprocessors`);
        statuses.push(page.status);
        await page.text();
        reads += 2;
      }
    };

    // One worker is SIGKILLed while it holds claimed, unsent deliveries of this suite's tenants.
    const ownTenants = setups.map((s) => s.tenant.id);
    const victim = workers[0]!;
    const killed = (async () => {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM delivery_attempts
            WHERE tenant_id = ANY($1::uuid[]) AND outcome = 'in_flight' AND worker LIKE '%:' || $2 || ':%'`,
          [ownTenants, victim.pid],
        );
        if (rows[0].n > 0 && sink.messages.length + receiver.requests.length > 100) {
          victim.kill('SIGKILL');
          return `${Date.now() - t0} ms, ${rows[0].n} attempts in flight`;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return 'never: the victim held no claimed deliveries';
    })();

    // Readers run until the writers are done; a failed reader must not go unhandled meanwhile.
    const readers = Promise.allSettled(Array.from({ length: READERS }, (_, n) => reader(n)));
    await Promise.all(Array.from({ length: IN_FLIGHT }, writer)).finally(() => (writing = false));
    for (const r of await readers) if (r.status === 'rejected') throw r.reason;
    const wrote = Date.now() - t0;
    console.log(`writes done: ${wrote} ms, ${reads} reads`);
    const kill = await killed;
    console.log(`victim: ${kill}`);

    // No 5xx and no INTERNAL_SERVER_ERROR anywhere; the only refusals are the lost races.
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const failed = answers.filter((a) => a.answer.errors);
    expect(
      failed.filter((a) => a.answer.errors!.some((e) => e.extensions?.code !== 'CONFLICT')).map((a) => a.answer.errors),
    ).toEqual([]);
    expect(errorCodes.filter((c) => c !== 'CONFLICT')).toEqual([]);
    expect(failed.every((a) => a.write.kind === 'change')).toBe(true);

    // --- No lost write -------------------------------------------------------------------------
    for (const setup of setups) {
      const mine = answers.filter((a) => a.write.setup === setup);
      const changes = mine
        .filter((a) => a.write.kind !== 'party' && !a.answer.errors)
        .map((a) => Object.values(a.answer.data!)[0] as Change);
      const additions = mine.filter((a) => a.write.kind === 'add');
      expect(additions.every((a) => !a.answer.errors)).toBe(true);
      // Each racing announcement of one engagement: exactly one wins, the others are refused.
      const changed = changes.filter((c) => setup.contestedEngagements.includes(c.engagementId));
      expect(changed.map((c) => c.engagementId).sort()).toEqual([...setup.contestedEngagements].sort());
      expect(mine.filter((a) => a.write.kind === 'change' && a.answer.errors)).toHaveLength(
        CONTESTED_ENGAGEMENTS * (RACERS - 1),
      );

      // Every answered change is stored once, with its one outbox event; nothing else was stored.
      const stored = await db.query(
        `SELECT c.id, c.engagement_id, (SELECT count(*)::int FROM outbox_events e
                 WHERE e.tenant_id = c.tenant_id AND e.payload -> 'change' ->> 'id' = c.id::text) AS events
           FROM subprocessor_changes c WHERE c.tenant_id = $1`,
        [setup.tenant.id],
      );
      expect(stored.rows.map((r) => r.id).sort()).toEqual(changes.map((c) => c.id).sort());
      expect(stored.rows.every((r) => r.events === 1)).toBe(true);
      const open = await db.query(
        `SELECT engagement_id, count(*)::int AS n FROM subprocessor_changes
          WHERE tenant_id = $1 AND status = 'announced' GROUP BY engagement_id HAVING count(*) > 1`,
        [setup.tenant.id],
      );
      expect(open.rows).toEqual([]);

      // Racing edits of different fields of one party: every one of them survives.
      const parties = await db.query(
        `SELECT id, city, website, contact_name, description FROM parties WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [setup.tenant.id, setup.contestedParties],
      );
      for (const party of parties.rows)
        expect([party.city, party.website, party.contact_name, party.description]).toEqual(
          PARTY_FIELDS.map((field) => partyValue(field, party.id)),
        );

      // The history verifies and holds an entry for every answered register write.
      const verdict = await ok<{ verifyRegisterHistory: { ok: boolean; problem: string | null } }>(
        VERIFY,
        {},
        setup.tenant.ownerToken,
      );
      expect(verdict.verifyRegisterHistory).toEqual({ ok: true, length: expect.any(Number), problem: null });
      const history = await db.query(
        `SELECT entity_type, entity_id, op, count(*)::int AS n FROM register_changes
          WHERE tenant_id = $1 AND entity_type IN ('engagements', 'parties') AND op <> 'delete'
          GROUP BY entity_type, entity_id, op`,
        [setup.tenant.id],
      );
      const entries = (type: string, id: string, op: string) =>
        history.rows.find((r) => r.entity_type === type && r.entity_id === id && r.op === op)?.n ?? 0;
      for (const c of changes.filter((c) => !setup.contestedEngagements.includes(c.engagementId)))
        expect(entries('engagements', c.engagementId, 'insert')).toBe(1);
      for (const partyId of setup.contestedParties)
        expect(entries('parties', partyId, 'update')).toBe(PARTY_FIELDS.length);
    }

    console.log(`writes checked: ${Date.now() - t0} ms`);
    // --- Every notification delivered ------------------------------------------------------------
    const inScope = (wanted: string[], change: string[]) =>
      wanted.length === 0 || change.length === 0 || wanted.some((p) => change.includes(p));
    const expected = new Map<string, { setup: Setup; channel: 'email' | 'webhook' }>();
    const changeOf = new Map<string, Setup>();
    for (const { write, answer } of answers) {
      if (write.kind === 'party' || answer.errors) continue;
      const change = Object.values(answer.data!)[0] as Change;
      changeOf.set(change.id, write.setup);
      for (const s of write.setup.subscribers)
        if (inScope(s.productIds, change.productIds))
          expected.set(`${change.id} ${s.email}`, { setup: write.setup, channel: 'email' });
      for (const e of write.setup.endpoints)
        if (inScope(e.productIds, change.productIds))
          expected.set(`${change.id} ${e.path}`, { setup: write.setup, channel: 'webhook' });
    }
    // Who got what, read from the messages themselves: the change from the webhook body and from
    // the signed objection link in the mail, the recipient from the envelope and the URL path.
    const keysByRecipient = new Map<string, Set<string>>();
    const note = (key: string, id: string) => keysByRecipient.set(key, (keysByRecipient.get(key) ?? new Set()).add(id));
    const own = () => {
      for (const r of receiver.requests) {
        const changeId = (JSON.parse(r.body) as { change?: { id?: string } }).change?.id;
        if (changeId && changeOf.has(changeId)) note(`${changeId} ${r.path}`, String(r.headers['webhook-id']));
      }
      for (const m of sink.messages) {
        const token = /\/object\?token=([A-Za-z0-9_.-]+)/.exec(m.text ?? '')?.[1];
        const [, changeId] = (token && verifyLink(DEVELOPMENT_APP_SECRET, 'object', token, 3)) || [];
        if (changeId && changeOf.has(changeId)) note(`${changeId} ${m.to[0]}`, m.headers['message-id']!);
      }
    };
    const arrived = () => {
      keysByRecipient.clear();
      own();
      return [...expected.keys()].every((key) => keysByRecipient.has(key));
    };
    await waitUntil(arrived, 60_000, () => undefined).catch(() => undefined);
    console.log(`arrivals checked: ${Date.now() - t0} ms, ${keysByRecipient.size}/${expected.size}`);
    const missing = [...expected.keys()].filter((key) => !keysByRecipient.has(key));
    expect(missing).toEqual([]);
    // Nothing reached anyone out of scope, and a duplicate always carries the same key.
    expect([...keysByRecipient.keys()].filter((key) => !expected.has(key))).toEqual([]);
    expect([...keysByRecipient.entries()].filter(([, ids]) => ids.size !== 1)).toEqual([]);
    const delivered = Date.now() - t0;

    // Delivery rows: one per (event, recipient) in scope, all delivered; the attempt log accounts
    // for every request, and shows both workers at work and the survivor finishing the victim's.
    const statusDeadline = Date.now() + 20_000;
    const deliveryStatus = async () =>
      (
        await db.query(
          `SELECT status, count(*)::int AS n FROM deliveries WHERE tenant_id = ANY($1::uuid[]) GROUP BY status`,
          [ownTenants],
        )
      ).rows;
    while ((await deliveryStatus()).some((r) => r.status !== 'delivered') && Date.now() < statusDeadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await deliveryStatus()).toEqual([{ status: 'delivered', n: expected.size }]);
    const log = await db.query(
      `SELECT d.id, d.channel, d.attempts, count(a.*)::int AS rows,
              count(*) FILTER (WHERE a.outcome = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE a.outcome = 'in_flight')::int AS in_flight,
              count(DISTINCT a.worker)::int AS workers
         FROM deliveries d JOIN delivery_attempts a ON a.tenant_id = d.tenant_id AND a.delivery_id = d.id
        WHERE d.tenant_id = ANY($1::uuid[]) GROUP BY d.id, d.channel, d.attempts`,
      [ownTenants],
    );
    const requests = new Map<string, number>();
    for (const r of receiver.requests) {
      const id = String(r.headers['webhook-id']);
      requests.set(id.replace(/^msg_/, ''), (requests.get(id.replace(/^msg_/, '')) ?? 0) + 1);
    }
    for (const m of sink.messages) {
      const id = /^<(.+)@/.exec(m.headers['message-id'] ?? '')?.[1] ?? '';
      requests.set(id, (requests.get(id) ?? 0) + 1);
    }
    for (const row of log.rows) {
      expect(row).toMatchObject({ rows: row.attempts, delivered: 1 });
      expect(requests.get(row.id) ?? 0).toBeGreaterThanOrEqual(1);
      expect(requests.get(row.id)).toBeLessThanOrEqual(row.rows);
    }
    const byWorker = await db.query(
      `SELECT worker, count(*) FILTER (WHERE outcome = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE outcome = 'in_flight')::int AS cut_off
         FROM delivery_attempts WHERE tenant_id = ANY($1::uuid[]) GROUP BY worker`,
      [ownTenants],
    );
    const victimRow = byWorker.rows.find((r) => r.worker.includes(`:${victim.pid}:`));
    const survivorRow = byWorker.rows.find((r) => r.worker.includes(`:${workers[1]!.pid}:`));
    expect(kill).toMatch(/in flight/);
    expect(victimRow?.cut_off).toBeGreaterThan(0);
    expect(survivorRow?.delivered).toBeGreaterThan(0);
    const takenOver = log.rows.filter((r) => r.workers > 1 && r.in_flight > 0).length;
    expect(takenOver).toBeGreaterThan(0);

    const refused = failed.length;
    const duplicates = [...requests.values()].reduce((n, v) => n + v - 1, 0);
    console.log(
      `multi-process: ${answers.length} writes (${refused} refused as lost races) and ${reads} reads in ${wrote} ms ` +
        `over ${apis.length} APIs; ${expected.size} notices delivered by ${delivered} ms; victim killed at ${kill}; ` +
        `victim delivered ${victimRow?.delivered ?? 0}, survivor ${survivorRow?.delivered ?? 0}, ` +
        `${takenOver} taken over after the lease, ${duplicates} duplicate requests (same key)`,
    );
  }, 150_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
