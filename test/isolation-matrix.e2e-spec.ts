import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { APP_CONFIG, type AppConfig } from '#core';
import { signLink, SubscribersService } from '#notifications';
import {
  codes,
  createTestTenant,
  addSubscriber,
  documentFor,
  gql,
  type GraphQLResponse,
  idPositions,
  type IdPosition,
  minimalArgs,
  nestedIdArguments,
  type Operation,
  operationsOf,
  ownerClient,
  Role,
  startTestApp,
  type TestTenant,
  recordSecret,
  type ValueSource,
  withValueAt,
} from '#testing';
import { linkIn, waitForMails } from './support/captured-mail.js';

/**
 * The tenant-isolation matrix, walked from the schema the app serves: every operation and every
 * place it takes an id, tried with tenant A's owner against tenant B's objects. B's id must get
 * the same answer as an id that exists nowhere (NOT_FOUND / FORBIDDEN, or BAD_USER_INPUT "not
 * found" for a reference inside an input), nothing of B appears in any answer, and B's rows are
 * byte-for-byte unchanged afterwards. A control call with A's own object proves each probe reaches
 * the lookup. An id position with no entry in ID_KINDS fails the suite: new operations must say
 * what they point at. The same walk runs per role, and every HTTP route must have a probe.
 */

type Kind =
  | 'party'
  | 'product'
  | 'engagement'
  | 'activity'
  | 'cookie'
  | 'customDataCategory'
  | 'member'
  | 'apiKey'
  | 'activityPurpose'
  | 'activityRecipient'
  | 'activityRetention'
  | 'activityTransfer'
  | 'change'
  | 'subscriber'
  | 'webhookEndpoint'
  | 'objection'
  | 'event'
  | 'delivery'
  | 'export';

interface IdKind {
  kind: Kind;
  /**
   * lookup: the operation is about that object (NOT_FOUND/FORBIDDEN); reference: an input names it
   * (also BAD_USER_INPUT "not found"); filter: narrows a list (an empty answer is right); element:
   * an id inside the caller's own record's value lists (the caller may choose it).
   */
  mode: 'lookup' | 'reference' | 'filter' | 'element';
  /** Sibling arguments the position needs (e.g. the entity type of an entity id). */
  with?: Record<string, unknown>;
  /** Why no control call with A's own object can succeed here. */
  noControl?: string;
  /** Values the position needs elsewhere in the arguments, by dotted path (e.g. a customer key's role). */
  set?: Record<string, unknown>;
}

const lookup = (kind: Kind, extra: Partial<IdKind> = {}): IdKind => ({ kind, mode: 'lookup', ...extra });
const ref = (kind: Kind): IdKind => ({ kind, mode: 'reference' });
const filter = (kind: Kind): IdKind => ({ kind, mode: 'filter' });
const element = (kind: Kind, noControl?: string): IdKind => ({ kind, mode: 'element', noControl });

/** Every id position of the schema. A new one fails the suite until it is listed here. */
const ID_KINDS: Record<string, IdKind> = {
  'Query.activity.id': lookup('activity'),
  'Query.cookie.id': lookup('cookie'),
  'Query.customDataCategory.id': lookup('customDataCategory'),
  'Query.engagement.id': lookup('engagement'),
  'Query.member.id': lookup('member'),
  'Query.party.id': lookup('party'),
  'Query.product.id': lookup('product'),
  'Query.entityHistory.entityId': { kind: 'party', mode: 'filter', with: { entityType: 'PARTY' } },
  'Query.registerChangelog.entityId': { kind: 'party', mode: 'filter', with: { entityType: 'PARTY' } },
  'Mutation.deleteActivity.id': lookup('activity'),
  'Mutation.deleteCookie.id': lookup('cookie'),
  'Mutation.deleteCustomDataCategory.id': lookup('customDataCategory'),
  'Mutation.deleteEngagement.id': lookup('engagement'),
  'Mutation.deleteParty.id': lookup('party'),
  'Mutation.deleteProduct.id': lookup('product'),
  'Mutation.revokeApiKey.id': lookup('apiKey'),
  'Mutation.revokeMember.id': lookup('member'),
  'ChangeMemberRoleInput.memberId': lookup('member'),
  'UpdateActivityInput.id': lookup('activity'),
  'UpdateCookieInput.id': lookup('cookie'),
  'UpdateCustomDataCategoryInput.id': lookup('customDataCategory'),
  'UpdateEngagementInput.id': lookup('engagement'),
  'UpdatePartyInput.id': lookup('party'),
  'UpdateProductInput.id': lookup('product'),
  'ActivityControllerInput.partyId': ref('party'),
  'ActivityRecipientInput.partyId': ref('party'),
  'ActivityTransferInput.partyId': ref('party'),
  'CreateActivityInput.engagementIds': ref('engagement'),
  'CreateActivityInput.jointControllerIds': ref('party'),
  'CreateActivityInput.productIds': ref('product'),
  'UpdateActivityInput.engagementIds': ref('engagement'),
  'UpdateActivityInput.jointControllerIds': ref('party'),
  'UpdateActivityInput.productIds': ref('product'),
  'CreateCookieInput.productId': ref('product'),
  'UpdateCookieInput.productId': ref('product'),
  'CreateEngagementInput.vendorId': ref('party'),
  'CreateEngagementInput.parentEngagementId': ref('engagement'),
  'CreateEngagementInput.productIds': ref('product'),
  'UpdateEngagementInput.vendorId': ref('party'),
  'UpdateEngagementInput.parentEngagementId': ref('engagement'),
  'UpdateEngagementInput.productIds': ref('product'),
  'ActivityFilter.productId': filter('product'),
  'CookieFilter.productId': filter('product'),
  'EngagementFilter.parentEngagementId': filter('engagement'),
  'EngagementFilter.productId': filter('product'),
  'EngagementFilter.vendorId': filter('party'),
  'ActivityPurposeInput.id': element('activityPurpose'),
  'ActivityRecipientInput.id': element('activityRecipient'),
  'ActivityRetentionRuleInput.id': element('activityRetention'),
  'ActivityTransferInput.id': element('activityTransfer'),
  // Notifications (issue 4).
  'Query.subprocessorChange.id': lookup('change'),
  'Query.exportManifest.id': lookup('export'),
  'VerifyExportInput.exportId': lookup('export', { set: { 'input.contentBase64': 'UEsFBg==' } }),
  'Query.subprocessorChanges.engagementId': filter('engagement'),
  'Query.subscriber.id': lookup('subscriber'),
  'Query.deliveries.changeId': filter('change'),
  'Query.deliveries.eventId': filter('event'),
  'Mutation.withdrawSubprocessorChange.id': lookup('change'),
  'Mutation.retryDelivery.id': lookup('delivery'),
  'Mutation.removeSubscriber.id': lookup('subscriber'),
  'Mutation.updateWebhookEndpoint.id': lookup('webhookEndpoint'),
  'Mutation.deleteWebhookEndpoint.id': lookup('webhookEndpoint'),
  'Mutation.enableWebhookEndpoint.id': lookup('webhookEndpoint'),
  'Mutation.rotateWebhookSecret.id': lookup('webhookEndpoint'),
  'AnnounceSubprocessorRemovalInput.engagementId': lookup('engagement'),
  'AnnounceSubprocessorReplacementInput.replacedEngagementId': lookup('engagement'),
  'DecideSubprocessorChangeInput.changeId': lookup('change'),
  'DecideSubprocessorChangeInput.partyId': ref('party'),
  'ObjectToChangeInput.changeId': lookup('change'),
  'ObjectToChangeInput.partyId': ref('party'),
  'ReviewObjectionInput.id': lookup('objection'),
  'AddSubscriberInput.productIds': ref('product'),
  'SubscribeInput.productIds': ref('product'),
  'CreateWebhookEndpointInput.productIds': ref('product'),
  'UpdateWebhookEndpointInput.productIds': ref('product'),
  // Only a customer key names a party; any other role with one is refused before the lookup.
  'CreateApiKeyInput.partyId': { kind: 'party', mode: 'reference', set: { 'input.role': 'CUSTOMER' } },
  'ActivityTransferInput.recipientId': element(
    'activityRecipient',
    'it must name a recipient of the same input, which a probe of one field cannot build',
  ),
};

/** Object fields below the roots that take ids; each needs a hand-written probe here. */
const NESTED_ID_PROBES: Record<string, (ctx: Ctx) => Promise<void>> = {};

/** Mutations any signed-in member may run (their own session), and the public ones. */
const SELF_SERVICE = new Set(['signOut', 'signIn', 'acceptInvitation', 'subscribe']);
/** Mutations that read: exporting (recorded in the history, as the issue asks) and verifying are for every reader. */
const READER_MUTATIONS = new Set(['exportRegister', 'verifyExport']);
/** Public mutations: no session needed, so an expired one changes nothing about them. */
const PUBLIC_MUTATIONS = ['signIn', 'acceptInvitation', 'subscribe'];

/**
 * Every HTTP route of the running app (GraphQL aside, walked above) and how it is probed. A route
 * without an entry fails the suite: exports, feeds, downloads and public pages must add theirs.
 */
const HTTP_PROBES: Record<string, (ctx: Ctx) => Promise<void>> = {
  // Nest's not-found handler, for every method: answers 404 and nothing else.
  'ANY {/*splat}': async ({ app, b }) => {
    const res = await request(app.getHttpServer())
      .post(`/t/${b.marker}/anything`)
      .set('authorization', `Bearer ${b.tokens.owner}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('art30');
  },
  // Exports over plain HTTP: A's token never reaches B's export, and A's download holds nothing of B.
  'GET /exports/:id/manifest': async ({ app, own, b }) => {
    const server = app.getHttpServer();
    const theirs = await request(server)
      .get(`/exports/${b.ids.export}/manifest`)
      .set('authorization', `Bearer ${own.tokens.owner}`);
    expect(theirs.status).toBe(404);
    expect(theirs.text).not.toContain(b.marker);
    const mine = await request(server)
      .get(`/exports/${own.ids.export}/manifest`)
      .set('authorization', `Bearer ${own.tokens.owner}`);
    expect(mine.status).toBe(200);
  },
  'GET /exports/register': async ({ app, own, b }) => {
    const res = await request(app.getHttpServer())
      .get('/exports/register?format=json')
      .set('authorization', `Bearer ${own.tokens.owner}`);
    expect(res.status).toBe(200);
    expect(res.text ?? String(res.body)).not.toContain(b.marker);
  },
  'POST /exports/verify': async ({ app, own, b }) => {
    const res = await request(app.getHttpServer())
      .post(`/exports/verify?exportId=${b.ids.export}`)
      .set('authorization', `Bearer ${own.tokens.owner}`)
      .set('content-type', 'application/octet-stream')
      .send(Buffer.from('PK\x05\x06'));
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(b.marker);
  },
  'GET /health': async ({ app, b }) => {
    const res = await request(app.getHttpServer()).get('/health').set('authorization', `Bearer ${b.tokens.owner}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object).sort()).toEqual(['database', 'status']);
  },
  // The public pages (no login): B's slug shows B, never A, not even for A's product id.
  'GET /t/:slug/subprocessors': (ctx) => publicPageProbe(ctx, 'subprocessors'),
  'GET /t/:slug/subprocessors.json': (ctx) => publicPageProbe(ctx, 'subprocessors.json'),
  'GET /t/:slug/subprocessors.atom': (ctx) => publicPageProbe(ctx, 'subprocessors.atom'),
  'POST /t/:slug/subscribe': async (ctx) => {
    const form = () => ({ email: `matrix-${randomUUID().slice(0, 8)}@example.org`, product: ctx.own.ids.product });
    const res = await unchangedBoth(ctx, () => post(ctx, ctx.b.slug, 'subscribe').send(form()));
    expect(res.status).toBe(400);
    expect((await post(ctx, UNKNOWN_SLUG, 'subscribe').send(form())).status).toBe(404);
    expect((await post(ctx, ctx.own.slug, 'subscribe').send(form())).status).toBe(200);
  },
  // A's signed and emailed tokens on B's slug: an invalid link, showing and changing nothing.
  'GET /t/:slug/confirm': (ctx) =>
    linkPageProbe(ctx, 'confirm', ctx.own.links!.confirm, ctx.own.links!.subscriberEmail),
  'GET /t/:slug/unsubscribe': (ctx) => linkPageProbe(ctx, 'unsubscribe', ctx.own.links!.unsubscribe, ctx.own.marker),
  'GET /t/:slug/object': (ctx) => linkPageProbe(ctx, 'object', ctx.own.links!.object, ctx.own.marker),
  'POST /t/:slug/confirm': (ctx) => linkPostProbe(ctx, 'confirm', ctx.own.links!.confirm, {}),
  'POST /t/:slug/unsubscribe': async (ctx) => {
    // The page's button and RFC 8058 one-click from a mail provider.
    await linkPostProbe(ctx, 'unsubscribe', ctx.own.links!.unsubscribe, { 'List-Unsubscribe': 'One-Click' }, false);
    await linkPostProbe(ctx, 'unsubscribe', ctx.own.links!.unsubscribe, {});
  },
  'POST /t/:slug/object': (ctx) =>
    linkPostProbe(ctx, 'object', ctx.own.links!.object, { reason: 'Matrix probe objection', name: 'Probe' }),
};

const UNKNOWN_SLUG = 'no-such-organisation-matrix';

function get(ctx: Ctx, slug: string, path: string) {
  return request(ctx.app.getHttpServer()).get(`/t/${slug}/${path}`);
}

function post(ctx: Ctx, slug: string, path: string) {
  return request(ctx.app.getHttpServer()).post(`/t/${slug}/${path}`).type('form');
}

function mentions(text: string, marker: string): boolean {
  return text.toLowerCase().includes(marker.toLowerCase());
}

/** Runs `action` and checks neither tenant's rows changed. */
async function unchangedBoth<T>(ctx: Ctx, action: () => PromiseLike<T>): Promise<T> {
  const before = [await snapshot(ctx.own.tenantId), await snapshot(ctx.b.tenantId)];
  const result = await action();
  expect([await snapshot(ctx.own.tenantId), await snapshot(ctx.b.tenantId)]).toEqual(before);
  return result;
}

async function publicPageProbe(ctx: Ctx, path: string): Promise<void> {
  // The control: A's own page names A's subprocessors (so a leak of them would show).
  const own = await get(ctx, ctx.own.slug, path);
  expect(own.status).toBe(200);
  expect(mentions(own.text, ctx.own.marker)).toBe(true);
  for (const query of ['', `?product=${ctx.own.ids.product}`]) {
    const res = await get(ctx, ctx.b.slug, `${path}${query}`);
    expect([200, 400, 404]).toContain(res.status);
    expect(mentions(res.text, ctx.own.marker)).toBe(false);
    expect(res.text).not.toContain(ctx.own.ids.product);
  }
  expect((await get(ctx, UNKNOWN_SLUG, path)).status).toBe(404);
}

async function linkPageProbe(ctx: Ctx, path: string, token: string, shown: string): Promise<void> {
  const query = `${path}?token=${encodeURIComponent(token)}`;
  const res = await unchangedBoth(ctx, () => get(ctx, ctx.b.slug, query));
  expect([400, 404]).toContain(res.status);
  expect(mentions(res.text, shown)).toBe(false);
  expect(mentions(res.text, ctx.own.marker)).toBe(false);
  expect((await get(ctx, UNKNOWN_SLUG, query)).status).toBe(404);
  // The control: the same token on A's own slug opens the page.
  const own = await get(ctx, ctx.own.slug, query);
  expect(own.status).toBe(200);
  expect(mentions(own.text, shown)).toBe(true);
}

async function linkPostProbe(
  ctx: Ctx,
  path: string,
  token: string,
  form: Record<string, string>,
  control = true,
): Promise<void> {
  const query = `${path}?token=${encodeURIComponent(token)}`;
  const res = await unchangedBoth(ctx, () => post(ctx, ctx.b.slug, query).send(form));
  expect([400, 404]).toContain(res.status);
  expect(mentions(res.text, ctx.own.marker)).toBe(false);
  expect((await post(ctx, UNKNOWN_SLUG, query).send(form)).status).toBe(404);
  if (!control) return;
  // The control: on A's own slug the token does its work (and A's rows change).
  const before = await snapshot(ctx.own.tenantId);
  expect((await post(ctx, ctx.own.slug, query).send(form)).status).toBe(200);
  expect(await snapshot(ctx.own.tenantId)).not.toEqual(before);
}

interface Objects {
  marker: string;
  tenantId: string;
  slug: string;
  ids: Record<Kind, string>;
  /** A second set, for control calls (a parent must not be the engagement itself). */
  second: Record<Kind, string>;
  /** Fresh objects for controls that delete or revoke. */
  spare: () => Promise<Record<Kind, string>>;
  tokens: { owner: string };
  /** Signed and emailed tokens of A's own subscriber (for the public link routes). */
  links?: Links;
}

interface Links {
  subscriberEmail: string;
  confirm: string;
  unsubscribe: string;
  object: string;
}

interface Ctx {
  app: INestApplication;
  a: TestTenant;
  /** A's own objects, for the tokens and ids a probe carries over to B. */
  own: Objects;
  b: Objects;
}

/** A's objects for one probe, in the state its control call needs. */
interface Setup {
  ids: Record<Kind, string>;
  /** The control's own object, by position key, where the second set is in the wrong state. */
  own?: Record<string, string>;
  set?: Record<string, unknown>;
}

describe('tenant-isolation matrix (schema-walked)', () => {
  let app: INestApplication;
  let schema: GraphQLSchema;
  let a: TestTenant;
  let b: TestTenant;
  let aObjects: Objects;
  let bObjects: Objects;
  let SETUPS: Record<string, (objects: Objects) => Promise<Setup>>;
  let mailDir: string;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'art30-matrix-mail-'));
    // Webhook endpoints need a URL the SSRF guard lets through: loopback, allowed as in development.
    app = await startTestApp({ MAIL_CAPTURE_DIR: mailDir, WEBHOOKS_ALLOW_LOOPBACK: 'true' });
    schema = app.get(GraphQLSchemaHost).schema;
    a = await createTestTenant(app, 'Matrix A');
    b = await createTestTenant(app, 'Matrix B');
    aObjects = await objectsOf(app, a, `ASECRET${randomUUID().slice(0, 8)}`);
    bObjects = await objectsOf(app, b, `BSECRET${randomUUID().slice(0, 8)}`);
    SETUPS = setupsFor(app, a);
  });
  afterAll(async () => {
    await app.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  const operations = () => operationsOf(schema);
  const positions = () => operations().flatMap(idPositions);

  it('knows what every id position of the schema points at', () => {
    const unknown = positions()
      .map((p) => p.key)
      .filter((key) => !ID_KINDS[key]);
    expect({ unlisted: [...new Set(unknown)] }).toEqual({ unlisted: [] });
    const nestedUnprobed = nestedIdArguments(schema).filter((key) => !NESTED_ID_PROBES[key]);
    expect({ nestedUnprobed }).toEqual({ nestedUnprobed: [] });
    // And the table has no stale entries, so it keeps describing the real schema.
    const live = new Set(positions().map((p) => p.key));
    expect(Object.keys(ID_KINDS).filter((key) => !live.has(key))).toEqual([]);
  });

  it("answers tenant B's ids like ids that exist nowhere, leaks nothing and changes nothing of B", async () => {
    const before = await snapshot(b.id);
    const failures: string[] = [];
    let probed = 0;
    for (const position of positions()) {
      const entry = ID_KINDS[position.key];
      if (!entry) continue;
      const problem = await probe(position, entry);
      probed += 1;
      if (problem) failures.push(`${position.operation.name} ${position.key}: ${problem}`);
    }
    for (const [key, run] of Object.entries(NESTED_ID_PROBES)) {
      await run({ app, a, own: aObjects, b: bObjects }).catch((e: Error) => failures.push(`${key}: ${e.message}`));
    }
    expect(failures).toEqual([]);
    expect(probed).toBeGreaterThanOrEqual(50);
    expect(await snapshot(b.id)).toEqual(before);
  }, 180_000);

  it('lets a viewer and an auditor run no mutation that writes, and A is unchanged', async () => {
    const viewer = await a.tokenFor(Role.VIEWER);
    const auditor = await a.tokenFor(Role.AUDITOR, new Date(Date.now() + 86_400_000));
    const before = await snapshot(a.id);
    const failures: string[] = [];
    for (const op of operations().filter(
      (o) => o.root === 'Mutation' && !SELF_SERVICE.has(o.name) && !READER_MUTATIONS.has(o.name),
    )) {
      for (const [who, token] of [
        ['viewer', viewer],
        ['auditor', auditor],
      ] as const) {
        const res = await call(op, minimalArgs(op, valuesOf(aObjects)), token);
        if (codes(res).join() !== 'FORBIDDEN')
          failures.push(`${who} ${op.name}: ${JSON.stringify(res.errors ?? res.data)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(a.id)).toEqual(before);
  }, 120_000);

  it('lets an auditor whose access has expired read nothing and write nothing', async () => {
    const member = await a.memberFor(Role.AUDITOR, new Date(Date.now() + 60_000));
    const db = await ownerClient();
    try {
      await db.query(`UPDATE members SET access_expires_at = now() - interval '1 second' WHERE id = $1`, [member.id]);
    } finally {
      await db.end();
    }
    const failures: string[] = [];
    for (const op of operations().filter((o) => !PUBLIC_MUTATIONS.includes(o.name))) {
      const res = await call(op, minimalArgs(op, valuesOf(aObjects)), member.token);
      if (codes(res).join() !== 'UNAUTHENTICATED' || hasData(res)) failures.push(`${op.name}: ${JSON.stringify(res)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('has a probe for every HTTP route the app serves, and each holds', async () => {
    aObjects.links = await linksOf(app, a, aObjects, mailDir);
    const routes = httpRoutes(app);
    expect(routes).toContain('GET /health');
    expect(routes.filter((r) => !HTTP_PROBES[r])).toEqual([]);
    const failures: string[] = [];
    for (const route of routes) {
      await HTTP_PROBES[route]!({ app, a, own: aObjects, b: bObjects }).catch((e: Error) =>
        failures.push(`${route}: ${e.message}`),
      );
    }
    expect(failures).toEqual([]);
  }, 60_000);

  /** Probes one position; answers what went wrong, or undefined. */
  async function probe(position: IdPosition, entry: IdKind): Promise<string | undefined> {
    const op = position.operation;
    // Some operations need A's objects in a given state for the control to reach its lookup.
    const setup = await SETUPS[op.name]?.(aObjects);
    const objects = setup ? { ...aObjects, ids: setup.ids } : aObjects;
    const withExtra = (args: Record<string, unknown>) =>
      setPaths({ ...args, ...entry.with }, { ...setup?.set, ...entry.set });
    const base = withExtra(minimalArgs(op, valuesOf(objects)));
    const at = (value: string) => withValueAt(base, position.path, value, valuesOf(objects));
    const [foreign, nowhere] = await Promise.all([
      call(op, at(bObjects.ids[entry.kind]), a.ownerToken),
      call(op, at(randomUUID()), a.ownerToken),
    ]);
    const text = JSON.stringify(foreign);
    if (text.includes(bObjects.marker)) return `B's data leaked: ${text}`;
    if (foreign.status >= 500 || codes(foreign).includes('INTERNAL_SERVER_ERROR')) return `server error: ${text}`;
    if (shape(foreign, bObjects.ids[entry.kind]) !== shape(nowhere, undefined)) {
      return `B's id is answered unlike an unknown id: ${text} vs ${JSON.stringify(nowhere)}`;
    }
    const allowed =
      entry.mode === 'lookup'
        ? ['NOT_FOUND', 'FORBIDDEN']
        : entry.mode === 'reference'
          ? ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT']
          : ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT', undefined];
    const got = codes(foreign);
    if (['lookup', 'reference'].includes(entry.mode) && got.length === 0) return `accepted B's id: ${text}`;
    if (!got.every((c) => allowed.includes(c))) return `answered ${got.join()}: ${text}`;
    if (entry.mode === 'reference' && got[0] === 'BAD_USER_INPUT' && !/not found/i.test(foreign.errors![0]!.message)) {
      return `a reference to B's object must read as not found: ${text}`;
    }
    if (entry.noControl) return undefined;
    // The control: the same call with A's own object works, so the probe did reach the lookup.
    const own =
      setup?.own?.[position.key] ??
      (/^(delete|revoke)/.test(op.name) ? (await aObjects.spare())[entry.kind] : aObjects.second[entry.kind]);
    const control = await call(op, withValueAt(base, position.path, own, valuesOf(objects)), a.ownerToken);
    if (control.errors) return `the control call with A's own object failed: ${JSON.stringify(control.errors)}`;
    return undefined;
  }

  function call(op: Operation, args: Record<string, unknown>, token: string): Promise<GraphQLResponse> {
    return gql(app, documentFor(op, args), args, token);
  }
});

function hasData(res: GraphQLResponse): boolean {
  return !!res.data && Object.values(res.data).some((v) => v !== null);
}

/** What a response says, with the probed id taken out: equal shapes reveal nothing more. */
function shape(res: GraphQLResponse, id: string | undefined): string {
  const errors = (res.errors ?? []).map((e) => ({
    code: e.extensions?.code,
    field: e.extensions?.field,
    message: e.message.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>'),
  }));
  const data = JSON.stringify(res.data ?? null)
    .replaceAll(id ?? '\u0000', '<id>')
    .replace(/"[^"]*\d{4}-\d\d-\d\dT[^"]*"/g, '"<time>"')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
  return JSON.stringify({ status: res.status, errors, data: errors.length ? null : data });
}

/** The values minimal arguments are built from: the tenant's own objects, valid codes. */
function valuesOf(objects: Objects): ValueSource {
  let n = 0;
  return {
    id: (key) => objects.ids[ID_KINDS[key]?.kind ?? 'party'],
    string: (key) =>
      ({
        'ActivityRecipientInput.kind': 'RK_PROCESSOR',
        'ActivityTransferInput.country': 'US',
        'CreateCustomDataCategoryInput.code': `PROBE_${Date.now()}_${++n}`,
        'InviteMemberInput.email': `probe-${randomUUID().slice(0, 8)}@example.org`,
        'AddSubscriberInput.email': `probe-${randomUUID().slice(0, 8)}@example.org`,
        'SubscribeInput.email': `probe-${randomUUID().slice(0, 8)}@example.org`,
        'SubscribeInput.tenant': objects.slug,
        'CreateWebhookEndpointInput.url': WEBHOOK_URL,
      })[key],
    enumValue: (_key, type) => (type.name === 'Role' ? 'VIEWER' : undefined),
  };
}

/** One of every kind of object, made through the API as the tenant's owner, named with `marker`. */
async function objectsOf(app: INestApplication, tenant: TestTenant, marker: string): Promise<Objects> {
  const run = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await gql<T>(app, query, variables, tenant.ownerToken);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const make = async (): Promise<Record<Kind, string>> => {
    const tag = `${marker} ${randomUUID().slice(0, 6)}`;
    const party = (
      await run<{ createParty: { id: string } }>(
        `mutation($n: String!) { createParty(input: { name: $n, roles: [SUBPROCESSOR, RECIPIENT] }) { id } }`,
        { n: `${tag} vendor` },
      )
    ).createParty.id;
    const product = (
      await run<{ createProduct: { id: string } }>(
        `mutation($n: String!) { createProduct(input: { name: $n }) { id } }`,
        { n: `${tag} product` },
      )
    ).createProduct.id;
    // The engagement's vendor is a party of its own, so `party` stays free to delete.
    const vendor = (
      await run<{ createParty: { id: string } }>(
        `mutation($n: String!) { createParty(input: { name: $n, roles: [SUBPROCESSOR] }) { id } }`,
        { n: `${tag} host` },
      )
    ).createParty.id;
    const engagement = (
      await run<{ createEngagement: { id: string } }>(
        `mutation($v: ID!, $p: String!) { createEngagement(input: { vendorId: $v, purpose: $p }) { id } }`,
        { v: vendor, p: `${tag} hosting` },
      )
    ).createEngagement.id;
    const activity = (
      await run<{
        createActivity: {
          id: string;
          purposes: Array<{ id: string }>;
          recipients: Array<{ id: string }>;
          retention: Array<{ id: string }>;
          transfers: Array<{ id: string }>;
        };
      }>(
        `mutation($n: String!) { createActivity(input: { name: $n, role: CONTROLLER,
          purposes: [{ description: "Contracts" }], recipients: [{ kind: "RK_PROCESSOR" }],
          retention: [{ duration: "P1Y", trigger: "RT_CONTRACT_END", action: "RA_DELETE" }],
          transfers: [{ country: "US" }] }) {
        id purposes { id } recipients { id } retention { id } transfers { id } } }`,
        { n: `${tag} activity` },
      )
    ).createActivity;
    const cookie = (
      await run<{ createCookie: { id: string } }>(
        `mutation($n: String!) { createCookie(input: { name: $n, category: FUNCTIONAL, party: FIRST }) { id } }`,
        { n: `${tag}-cookie` },
      )
    ).createCookie.id;
    const category = (
      await run<{ createCustomDataCategory: { id: string } }>(
        `mutation($c: String!, $l: String!) { createCustomDataCategory(input: { code: $c, labelEn: $l, labelNl: $l }) { id } }`,
        { c: `C_${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`, l: `${tag} category` },
      )
    ).createCustomDataCategory.id;
    const member = (await tenant.memberFor(Role.VIEWER)).id;
    // Notifications: an announced change (with its outbox event), an objection to it, a subscriber, an endpoint.
    const change = (
      await run<{ announceSubprocessorAddition: { id: string } }>(
        `mutation($v: ID!, $p: String!) { announceSubprocessorAddition(input: { engagement: { vendorId: $v, purpose: $p } }) { id } }`,
        { v: vendor, p: `${tag} announced` },
      )
    ).announceSubprocessorAddition.id;
    const objection = (
      await run<{ objectToSubprocessorChange: { id: string } }>(
        `mutation($c: ID!, $r: String!) { objectToSubprocessorChange(input: { changeId: $c, reason: $r }) { id } }`,
        { c: change, r: `${tag} objection` },
      )
    ).objectToSubprocessorChange.id;
    const subscriber = (
      await run<{ addSubscriber: { id: string } }>(
        `mutation($e: String!) { addSubscriber(input: { email: $e }) { id } }`,
        { e: `${marker.toLowerCase()}-${randomUUID().slice(0, 6)}@example.org` },
      )
    ).addSubscriber.id;
    const webhookEndpoint = (
      await run<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
        `mutation($u: String!, $d: String!) { createWebhookEndpoint(input: { url: $u, description: $d }) { endpoint { id } secret } }`,
        { u: WEBHOOK_URL, d: `${tag} endpoint` },
      )
    ).createWebhookEndpoint.endpoint.id;
    const event = await eventOf(tenant.id, change);
    const delivery = await deadDelivery(tenant.id, event, subscriber);
    const exported = (
      await run<{ exportRegister: { manifest: { exportId: string } } }>(
        `mutation { exportRegister(input: { format: CSV }) { manifest { exportId } } }`,
        {},
      )
    ).exportRegister.manifest.exportId;
    const apiKey = (
      await run<{ createApiKey: { apiKey: { id: string } } }>(
        `mutation($n: String!) { createApiKey(input: { name: $n, role: VIEWER }) { apiKey { id } } }`,
        { n: `${tag} key` },
      )
    ).createApiKey.apiKey.id;
    return {
      party,
      product,
      engagement,
      activity: activity.id,
      cookie,
      customDataCategory: category,
      member,
      apiKey,
      activityPurpose: activity.purposes[0]!.id,
      activityRecipient: activity.recipients[0]!.id,
      activityRetention: activity.retention[0]!.id,
      activityTransfer: activity.transfers[0]!.id,
      change,
      subscriber,
      webhookEndpoint,
      objection,
      event,
      delivery,
      export: exported,
    };
  };
  return {
    marker,
    tenantId: tenant.id,
    slug: tenant.slug,
    ids: await make(),
    second: await make(),
    spare: make,
    tokens: { owner: tenant.ownerToken },
  };
}

/**
 * Everything a tenant owns, as one digest per table: every table with a tenant_id column (so
 * tables added later are covered), read as the owner. Rate-limit buckets are bookkeeping of the
 * calls themselves, not the tenant's data.
 */
async function snapshot(tenantId: string): Promise<Record<string, string>> {
  const db = await ownerClient();
  try {
    const { rows: tables } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name <> 'rate_limit_buckets'
        ORDER BY table_name`,
    );
    const digest: Record<string, string> = {};
    for (const { table_name: table } of tables) {
      const { rows } = await db.query<{ d: string }>(
        `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS d
           FROM ${db.escapeIdentifier(table)} t WHERE tenant_id = $1`,
        [tenantId],
      );
      digest[table] = rows[0]!.d;
    }
    const tenant = await db.query<{ d: string }>(`SELECT md5(t::text) AS d FROM tenants t WHERE id = $1`, [tenantId]);
    digest.tenants = tenant.rows[0]!.d;
    return digest;
  } finally {
    await db.end();
  }
}

/** `METHOD /path` of every route the Express app routes (Nest controllers; GraphQL is middleware). */
function httpRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  const routes: string[] = [];
  for (const layer of express.router?.stack ?? []) {
    // The per-request read-scope middleware is mounted on every method of '/*path': not a route.
    if (!layer.route || layer.route.path === '/*path') continue;
    if (layer.route.path === '{/*splat}') routes.push(`ANY ${layer.route.path}`);
    else
      for (const method of Object.keys(layer.route.methods)) routes.push(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return [...new Set(routes)].sort();
}

/** Never called: the probes only register endpoints (the URL must pass the SSRF guard). */
const WEBHOOK_URL = 'http://127.0.0.1:9/art30-matrix-hook';

/** The outbox event a change's announcement wrote (there is no API that names it before fan-out). */
async function eventOf(tenantId: string, changeId: string): Promise<string> {
  const db = await ownerClient();
  try {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM outbox_events WHERE tenant_id = $1 AND payload -> 'change' ->> 'id' = $2`,
      [tenantId, changeId],
    );
    if (!rows[0]) throw new Error(`no outbox event for change ${changeId}`);
    return rows[0].id;
  } finally {
    await db.end();
  }
}

/** A dead-lettered email delivery of the event to the subscriber (the worker does not run here). */
async function deadDelivery(tenantId: string, eventId: string, subscriberId: string): Promise<string> {
  const db = await ownerClient();
  try {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO deliveries (tenant_id, event_id, channel, target_id, status, attempts, last_error)
       VALUES ($1, $2, 'email', $3, 'dead', 3, 'SMTP 421; retry schedule exhausted') RETURNING id`,
      [tenantId, eventId, subscriberId],
    );
    return rows[0]!.id;
  } finally {
    await db.end();
  }
}

/** `args` with a value set at each dotted path (intermediate objects made as needed). */
function setPaths(args: Record<string, unknown>, paths: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(args);
  for (const [path, value] of Object.entries(paths)) {
    const steps = path.split('.');
    let target = copy;
    for (const step of steps.slice(0, -1)) {
      if (typeof target[step] !== 'object' || target[step] === null) target[step] = {};
      target = target[step] as Record<string, unknown>;
    }
    target[steps.at(-1)!] = value;
  }
  return copy;
}

/**
 * The operations whose control needs A's objects in a particular state (changes.service.ts): an
 * announcement needs an active engagement without an open change (and a change, a real field
 * change); a vendor of an active engagement changes only by announcement, so updateEngagement's
 * control corrects a planned one; a withdrawal and a decision each use up their change.
 */
function setupsFor(app: INestApplication, tenant: TestTenant): Record<string, (objects: Objects) => Promise<Setup>> {
  const run = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await gql<T>(app, query, variables, tenant.ownerToken);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const engagement = async (status: 'ACTIVE' | 'PLANNED' = 'ACTIVE') => {
    const vendor = (
      await run<{ createParty: { id: string } }>(
        `mutation($n: String!) { createParty(input: { name: $n, roles: [SUBPROCESSOR] }) { id } }`,
        { n: `setup vendor ${randomUUID().slice(0, 6)}` },
      )
    ).createParty.id;
    return (
      await run<{ createEngagement: { id: string } }>(
        `mutation($v: ID!, $s: EngagementStatus!) { createEngagement(input: { vendorId: $v, purpose: "Setup", status: $s }) { id } }`,
        { v: vendor, s: status },
      )
    ).createEngagement.id;
  };
  const announcedRemoval = async () =>
    (
      await run<{ announceSubprocessorRemoval: { id: string; status: string } }>(
        `mutation($e: ID!) { announceSubprocessorRemoval(input: { engagementId: $e }) { id status } }`,
        { e: await engagement() },
      )
    ).announceSubprocessorRemoval;
  /** A controller on specific authorisation: every change of a processor activity's scope waits for it. */
  let approver: Promise<string> | undefined;
  const specificController = async () => {
    const party = (
      await run<{ createParty: { id: string } }>(
        `mutation { createParty(input: { name: "Setup controller", roles: [CONTROLLER] }) { id } }`,
      )
    ).createParty.id;
    await run(
      `mutation($p: ID!) { createActivity(input: { name: "Setup processing", role: PROCESSOR,
        controllers: [{ partyId: $p, authorisation: SPECIFIC }] }) { id } }`,
      { p: party },
    );
    return party;
  };
  const fresh = (key: string, status?: 'PLANNED', set?: Record<string, unknown>) => async (objects: Objects) => {
    const id = await engagement(status);
    return { ids: { ...objects.ids, engagement: id }, own: { [key]: id }, set };
  };
  return {
    announceSubprocessorChange: fresh('UpdateEngagementInput.id', undefined, {
      'input.changes.purpose': 'Setup, changed',
    }),
    announceSubprocessorReplacement: fresh('AnnounceSubprocessorReplacementInput.replacedEngagementId'),
    announceSubprocessorRemoval: fresh('AnnounceSubprocessorRemovalInput.engagementId'),
    updateEngagement: fresh('UpdateEngagementInput.id', 'PLANNED'),
    // Each retry uses up its dead delivery: a fresh one, to a fresh confirmed subscriber.
    retryDelivery: async (objects) => {
      const subscriber = await addSubscriber(app, tenant.id, {
        email: `retry-${randomUUID().slice(0, 8)}@example.org`,
      });
      const id = await deadDelivery(tenant.id, objects.ids.event, subscriber);
      return { ids: { ...objects.ids, delivery: id }, own: { 'Mutation.retryDelivery.id': id } };
    },
    withdrawSubprocessorChange: async (objects) => {
      const { id } = await announcedRemoval();
      return { ids: { ...objects.ids, change: id }, own: { 'Mutation.withdrawSubprocessorChange.id': id } };
    },
    decideSubprocessorChange: async (objects) => {
      const party = await (approver ??= specificController());
      const change = await announcedRemoval();
      if (change.status !== 'AWAITING_APPROVAL') throw new Error(`setup: change is ${change.status}`);
      return {
        ids: { ...objects.ids, change: change.id, party },
        own: { 'DecideSubprocessorChangeInput.changeId': change.id, 'DecideSubprocessorChangeInput.partyId': party },
      };
    },
  };
}

/**
 * A's own public-link tokens, made the way the app makes them: the confirmation link from the
 * email a subscription sends, the unsubscribe link the notices carry, and an objection link for
 * A's change (signed like the notice's). All are recorded for the secret scan.
 */
async function linksOf(app: INestApplication, tenant: TestTenant, objects: Objects, mailDir: string): Promise<Links> {
  const email = `matrix-${randomUUID().slice(0, 8)}@example.org`;
  const res = await gql(
    app,
    `mutation($t: String!, $e: String!) { subscribe(input: { tenant: $t, email: $e }) { accepted } }`,
    { t: tenant.slug, e: email },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const [mail] = await waitForMails(mailDir, email);
  if (!mail) throw new Error('no confirmation mail');
  const confirm = new URL(linkIn(mail, 'confirm')).searchParams.get('token')!;
  const subscriber = objects.ids.subscriber;
  const unsubscribe = new URL(app.get(SubscribersService).unsubscribeUrl(tenant, subscriber)).searchParams.get(
    'token',
  )!;
  const object = signLink(app.get<AppConfig>(APP_CONFIG).appSecret, 'object', [
    tenant.id,
    objects.ids.change,
    subscriber,
  ]);
  for (const token of [confirm, unsubscribe, object]) recordSecret(token);
  return { subscriberEmail: email, confirm, unsubscribe, object };
}
