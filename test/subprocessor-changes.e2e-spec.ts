import type { INestApplication } from '@nestjs/common';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig } from '#core';
import { ChangesService, type EventPayload, ObjectionsService, signLink } from '#notifications';
import { codes, countStatements, createTestTenant, gql, ownerClient, startTestApp, type TestTenant } from '#testing';

const CHANGE_FIELDS = `id kind status engagementId replacedEngagementId noticePeriodDays announcedAt effectiveAt
  objectionDeadline urgentReason note effectedAt createdBy productIds
  subject { vendorName purpose processingLocations productNames replacedVendorName }
  diff { field before after } approvals { partyId status decidedBy } objections { id status reason channel }`;
const ADD = `mutation($input: AnnounceSubprocessorAdditionInput!) { announceSubprocessorAddition(input: $input) { ${CHANGE_FIELDS} } }`;
const CHANGE = `mutation($input: AnnounceSubprocessorChangeInput!) { announceSubprocessorChange(input: $input) { ${CHANGE_FIELDS} } }`;
const REPLACE = `mutation($input: AnnounceSubprocessorReplacementInput!) { announceSubprocessorReplacement(input: $input) { ${CHANGE_FIELDS} } }`;
const REMOVE = `mutation($input: AnnounceSubprocessorRemovalInput!) { announceSubprocessorRemoval(input: $input) { ${CHANGE_FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $reason: String!) { withdrawSubprocessorChange(id: $id, reason: $reason) { ${CHANGE_FIELDS} } }`;
const DECIDE = `mutation($input: DecideSubprocessorChangeInput!) { decideSubprocessorChange(input: $input) { ${CHANGE_FIELDS} } }`;
const OBJECT = `mutation($input: ObjectToChangeInput!) { objectToSubprocessorChange(input: $input) { id status channel partyId reason } }`;
const REVIEW = `mutation($input: ReviewObjectionInput!) { reviewObjection(input: $input) { id status resolution updatedBy } }`;
const GET_CHANGE = `query($id: ID!) { subprocessorChange(id: $id) { ${CHANGE_FIELDS} } }`;
const ENGAGEMENT = `query($id: ID!) { engagement(id: $id) { status purpose processingLocations startedOn endedOn } }`;
const UPDATE_ENGAGEMENT = `mutation($input: UpdateEngagementInput!) { updateEngagement(input: $input) { id } }`;

interface Change {
  id: string;
  kind: string;
  status: string;
  engagementId: string;
  replacedEngagementId: string | null;
  noticePeriodDays: number;
  announcedAt: string;
  effectiveAt: string;
  objectionDeadline: string;
  urgentReason: string | null;
  effectedAt: string | null;
  subject: { vendorName: string; purpose: string; processingLocations: string[]; productNames: string[] };
  diff: Array<{ field: string; before: string | null; after: string | null }>;
  approvals: Array<{ partyId: string; status: string; decidedBy: string | null }>;
  objections: Array<{ id: string; status: string; reason: string; channel: string }>;
}

const DAY = 86_400_000;

describe('announced subprocessor changes (Art. 28(2))', () => {
  let app: INestApplication;
  let owner: pg.Client;
  let changes: ChangesService;
  let a: TestTenant;
  let b: TestTenant;
  let vendor: string;
  let product: string;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await ownerClient();
    changes = app.get(ChangesService);
    a = await createTestTenant(app, 'Processor A');
    b = await createTestTenant(app, 'Processor B');
    vendor = await create(a, 'createParty', 'CreatePartyInput', {
      name: 'Hetzner Online GmbH',
      country: 'DE',
      roles: ['PROCESSOR'],
    });
    product = await create(a, 'createProduct', 'CreateProductInput', { name: 'Core' });
  });

  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  async function create(t: TestTenant, mutation: string, type: string, input: object): Promise<string> {
    const res = await gql<Record<string, { id: string }>>(
      app,
      `mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`,
      { input },
      t.ownerToken,
    );
    expect(res.errors).toBeUndefined();
    return res.data![mutation]!.id;
  }

  async function activeEngagement(t: TestTenant = a, purpose = 'Hosting'): Promise<string> {
    const vendorId =
      t === a ? vendor : await create(t, 'createParty', 'CreatePartyInput', { name: 'Vendor B', roles: ['PROCESSOR'] });
    return create(t, 'createEngagement', 'CreateEngagementInput', {
      vendorId,
      purpose,
      processingLocations: ['DE'],
      ...(t === a ? { productIds: [product] } : {}),
    });
  }

  async function announce<T extends string>(query: string, input: object, token = a.ownerToken): Promise<Change> {
    const res = await gql<Record<T, Change>>(app, query, { input }, token);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as Change;
  }

  async function engagement(id: string, token = a.ownerToken) {
    const res = await gql<{ engagement: Record<string, unknown> }>(app, ENGAGEMENT, { id }, token);
    return res.data?.engagement;
  }

  async function events(tenantId: string, changeId: string): Promise<Array<{ type: string; payload: EventPayload }>> {
    const { rows } = await owner.query(
      `SELECT type, payload FROM outbox_events WHERE tenant_id = $1 AND payload->'change'->>'id' = $2 ORDER BY created_at`,
      [tenantId, changeId],
    );
    return rows;
  }

  /** The notice period passes: the change's dates move into the past, as if time had gone by. */
  async function timePasses(changeId: string): Promise<void> {
    await owner.query(
      `UPDATE subprocessor_changes SET effective_at = now() - interval '1 minute',
              objection_deadline = LEAST(objection_deadline, now() - interval '1 minute') WHERE id = $1`,
      [changeId],
    );
  }

  it('announces an addition with the default notice period and an event in the same transaction', async () => {
    const before = Date.now();
    const change = await announce(ADD, {
      engagement: { vendorId: vendor, purpose: 'Backups', processingLocations: ['DE', 'FI'], productIds: [product] },
      note: 'New backup provider',
    });
    expect(change).toMatchObject({
      kind: 'ADDED',
      status: 'ANNOUNCED',
      noticePeriodDays: 30,
      urgentReason: null,
      effectedAt: null,
      productIds: [product],
      subject: {
        vendorName: 'Hetzner Online GmbH',
        purpose: 'Backups',
        processingLocations: ['DE', 'FI'],
        productNames: ['Core'],
      },
    });
    const effective = new Date(change.effectiveAt).getTime();
    expect(effective - before).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(effective - Date.now()).toBeLessThanOrEqual(30 * DAY);
    expect(change.objectionDeadline).toBe(change.effectiveAt);
    expect(change.diff).toEqual([]); // an addition is described whole by its subject
    expect(await engagement(change.engagementId)).toMatchObject({ status: 'PLANNED', startedOn: null });

    const [event, ...others] = await events(a.id, change.id);
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      type: 'subprocessor_change.announced',
      payload: {
        schemaVersion: 1,
        type: 'subprocessor_change.announced',
        tenant: { slug: a.slug },
        change: { id: change.id, kind: 'added', status: 'announced', effectiveAt: change.effectiveAt },
        links: { subprocessorPage: `http://localhost:3000/t/${a.slug}/subprocessors` },
      },
    });
  });

  it('takes effect only when the notice period has passed, once, and says so', async () => {
    const change = await announce(ADD, { engagement: { vendorId: vendor, purpose: 'Mail relay' } });
    expect(await changes.activate(a.id, change.id)).toBe(false);
    expect(await engagement(change.engagementId)).toMatchObject({ status: 'PLANNED' });

    await timePasses(change.id);
    expect(await changes.activate(a.id, change.id)).toBe(true);
    expect(await changes.activate(a.id, change.id)).toBe(false);
    const today = new Date().toISOString().slice(0, 10);
    expect(await engagement(change.engagementId)).toMatchObject({ status: 'ACTIVE', startedOn: today });
    const after = (await gql<{ subprocessorChange: Change }>(app, GET_CHANGE, { id: change.id }, a.ownerToken)).data!;
    expect(after.subprocessorChange).toMatchObject({ status: 'EFFECTIVE' });
    expect((await events(a.id, change.id)).map((e) => e.type)).toEqual([
      'subprocessor_change.announced',
      'subprocessor_change.effective',
    ]);
    // The worker's part is in the history under its own name.
    const { rows } = await owner.query(
      `SELECT actor_label FROM register_changes WHERE tenant_id = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 1`,
      [a.id, change.engagementId],
    );
    expect(rows[0].actor_label).toBe('art30 (notice period ended)');
  });

  it("uses the organisation's notice period, a change's own, or a later date; never an earlier one", async () => {
    const set = await gql(
      app,
      `mutation { updateTenant(input: { noticePeriodDays: 14 }) { noticePeriodDays } }`,
      {},
      a.ownerToken,
    );
    expect(set.data).toEqual({ updateTenant: { noticePeriodDays: 14 } });
    const defaulted = await announce(ADD, { engagement: { vendorId: vendor, purpose: 'Analytics' } });
    expect(defaulted.noticePeriodDays).toBe(14);
    const own = await announce(ADD, { engagement: { vendorId: vendor, purpose: 'Search' }, noticePeriodDays: 60 });
    expect(own.noticePeriodDays).toBe(60);
    const later = new Date(Date.now() + 90 * DAY).toISOString();
    expect(
      (await announce(ADD, { engagement: { vendorId: vendor, purpose: 'CDN' }, effectiveAt: later })).effectiveAt,
    ).toBe(later);
    await gql(app, `mutation { updateTenant(input: { noticePeriodDays: 30 }) { id } }`, {}, a.ownerToken);

    const {
      rows: [countBefore],
    } = await owner.query(`SELECT count(*)::int AS n FROM subprocessor_changes WHERE tenant_id = $1`, [a.id]);
    const early = await gql(
      app,
      ADD,
      {
        input: {
          engagement: { vendorId: vendor, purpose: 'Too soon' },
          effectiveAt: new Date(Date.now() + DAY).toISOString(),
        },
      },
      a.ownerToken,
    );
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors![0]!.extensions).toMatchObject({ field: 'input.effectiveAt' });
    const {
      rows: [countAfter],
    } = await owner.query(`SELECT count(*)::int AS n FROM subprocessor_changes WHERE tenant_id = $1`, [a.id]);
    expect(countAfter.n).toBe(countBefore.n);
    const { rows: planned } = await owner.query(
      `SELECT 1 FROM engagements WHERE tenant_id = $1 AND purpose = 'Too soon'`,
      [a.id],
    );
    expect(planned).toEqual([]);
  });

  it('puts an urgent change into effect at once, records why, and still notifies', async () => {
    const change = await announce(ADD, {
      engagement: { vendorId: vendor, purpose: 'Emergency hosting' },
      urgentReason: 'Previous host went offline',
    });
    expect(change).toMatchObject({ status: 'EFFECTIVE', urgentReason: 'Previous host went offline' });
    // Stored as answered: effective, so the worker does not put it into effect a second time.
    const stored = (await gql<{ subprocessorChange: Change }>(app, GET_CHANGE, { id: change.id }, a.ownerToken)).data!;
    expect(stored.subprocessorChange).toMatchObject({ status: 'EFFECTIVE', effectedAt: change.effectedAt });
    expect(change.effectedAt).not.toBeNull();
    expect(await changes.activate(a.id, change.id)).toBe(false);
    expect(new Date(change.objectionDeadline).getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    expect(await engagement(change.engagementId)).toMatchObject({ status: 'ACTIVE' });
    expect((await events(a.id, change.id)).map((e) => e.payload.change.status)).toEqual(['effective']);
  });

  it('announces a material change, keeps the engagement as it is until the change takes effect', async () => {
    const id = await activeEngagement();
    const refused = await gql(app, UPDATE_ENGAGEMENT, { input: { id, processingLocations: ['US'] } }, a.ownerToken);
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0]!.message).toContain('announceSubprocessorChange');
    // Corrections that are not material stay possible.
    expect(
      (await gql(app, UPDATE_ENGAGEMENT, { input: { id, dpaReference: 'DPA-7' } }, a.ownerToken)).errors,
    ).toBeUndefined();

    const change = await announce(CHANGE, {
      changes: { id, processingLocations: ['DE', 'US'], transferMechanism: 'SCC_MODULE_3' },
    });
    expect(change.kind).toBe('CHANGED');
    expect(change.diff).toEqual([
      { field: 'processingLocations', before: '["DE"]', after: '["DE","US"]' },
      { field: 'transferMechanism', before: null, after: '"SCC_MODULE_3"' },
    ]);
    expect(await engagement(id)).toMatchObject({ processingLocations: ['DE'] });
    const again = await gql(app, CHANGE, { input: { changes: { id, purpose: 'Other' } } }, a.ownerToken);
    expect(codes(again)).toEqual(['CONFLICT']);
    const nothing = await gql(app, REMOVE, { input: { engagementId: id } }, a.ownerToken);
    expect(codes(nothing)).toEqual(['CONFLICT']);

    await timePasses(change.id);
    expect(await changes.activate(a.id, change.id)).toBe(true);
    expect(await engagement(id)).toMatchObject({ processingLocations: ['DE', 'US'], status: 'ACTIVE' });
  });

  it('replaces one vendor by another and removes one, each when due', async () => {
    const old = await activeEngagement(a, 'Old mail');
    const newVendor = await create(a, 'createParty', 'CreatePartyInput', { name: 'Brevo', roles: ['PROCESSOR'] });
    const replacement = await announce(REPLACE, {
      replacedEngagementId: old,
      engagement: { vendorId: newVendor, purpose: 'Mail', processingLocations: ['FR'] },
    });
    expect(replacement).toMatchObject({
      kind: 'REPLACED',
      replacedEngagementId: old,
      subject: { vendorName: 'Brevo' },
    });
    expect((replacement.subject as { replacedVendorName?: string }).replacedVendorName).toBe('Hetzner Online GmbH');
    // Field by field, with names where the register keeps ids.
    expect(replacement.diff).toContainEqual({ field: 'vendor', before: '"Hetzner Online GmbH"', after: '"Brevo"' });
    expect(replacement.diff).toContainEqual({ field: 'products', before: '["Core"]', after: null });
    await timePasses(replacement.id);
    await changes.activate(a.id, replacement.id);
    expect(await engagement(old)).toMatchObject({ status: 'ENDED' });
    expect(await engagement(replacement.engagementId)).toMatchObject({ status: 'ACTIVE' });

    const removal = await announce(REMOVE, { engagementId: replacement.engagementId });
    expect(removal.kind).toBe('REMOVED');
    expect(await engagement(replacement.engagementId)).toMatchObject({ status: 'ACTIVE' });
    await timePasses(removal.id);
    await changes.activate(a.id, removal.id);
    expect(await engagement(replacement.engagementId)).toMatchObject({ status: 'ENDED' });
  });

  it('withdraws a change: a planned vendor goes again, subscribers are told, it cannot take effect', async () => {
    const change = await announce(ADD, { engagement: { vendorId: vendor, purpose: 'Never mind' } });
    const short = await gql(app, WITHDRAW, { id: change.id, reason: '' }, a.ownerToken);
    expect(codes(short)).toEqual(['BAD_USER_INPUT']);
    const res = await gql<{ withdrawSubprocessorChange: Change }>(
      app,
      WITHDRAW,
      { id: change.id, reason: 'Contract not signed' },
      a.ownerToken,
    );
    expect(res.data!.withdrawSubprocessorChange.status).toBe('WITHDRAWN');
    expect(codes(await gql(app, ENGAGEMENT, { id: change.engagementId }, a.ownerToken))).toEqual(['NOT_FOUND']);
    expect((await events(a.id, change.id)).map((e) => e.type)).toEqual([
      'subprocessor_change.announced',
      'subprocessor_change.withdrawn',
    ]);
    await timePasses(change.id);
    expect(await changes.activate(a.id, change.id)).toBe(false);
    expect(codes(await gql(app, WITHDRAW, { id: change.id, reason: 'Twice' }, a.ownerToken))).toEqual(['CONFLICT']);
  });

  describe('specific authorisation', () => {
    let controller: string;
    let otherController: string;
    let customerKey: string;
    let otherCustomerKey: string;
    let used: string;

    beforeAll(async () => {
      controller = await create(a, 'createParty', 'CreatePartyInput', { name: 'Hospital X', roles: ['CONTROLLER'] });
      otherController = await create(a, 'createParty', 'CreatePartyInput', { name: 'School Y', roles: ['CONTROLLER'] });
      used = await activeEngagement(a, 'Database hosting');
      await create(a, 'createActivity', 'CreateActivityInput', {
        name: 'Hosting patient files for Hospital X',
        role: 'PROCESSOR',
        engagementIds: [used],
        controllers: [
          { partyId: controller, authorisation: 'SPECIFIC' },
          { partyId: otherController, authorisation: 'GENERAL' },
        ],
      });
      customerKey = await keyFor(controller);
      otherCustomerKey = await keyFor(otherController);
    });

    async function keyFor(partyId: string): Promise<string> {
      const res = await gql<{ createApiKey: { secret: string } }>(
        app,
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { role partyId } } }`,
        { input: { name: `customer ${partyId.slice(0, 6)}`, role: 'CUSTOMER', partyId } },
        a.ownerToken,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.createApiKey.secret;
    }

    it('holds a change until the controller approves, even after its date', async () => {
      const change = await announce(REMOVE, { engagementId: used });
      expect(change).toMatchObject({
        status: 'AWAITING_APPROVAL',
        approvals: [{ partyId: controller, status: 'PENDING' }],
      });
      await timePasses(change.id);
      expect(await changes.activate(a.id, change.id)).toBe(false);
      expect(await engagement(used)).toMatchObject({ status: 'ACTIVE' });

      const stranger = await gql(
        app,
        DECIDE,
        { input: { changeId: change.id, partyId: controller, approve: true } },
        otherCustomerKey,
      );
      expect(codes(stranger)).toEqual(['FORBIDDEN']);
      const viewer = await gql(
        app,
        DECIDE,
        { input: { changeId: change.id, partyId: controller, approve: true } },
        await a.tokenFor('viewer' as never),
      );
      expect(codes(viewer)).toEqual(['FORBIDDEN']);

      const decided = await gql<{ decideSubprocessorChange: Change }>(
        app,
        DECIDE,
        { input: { changeId: change.id, partyId: controller, approve: true, note: 'OK by our DPO' } },
        customerKey,
      );
      expect(decided.errors).toBeUndefined();
      expect(decided.data!.decideSubprocessorChange).toMatchObject({
        status: 'ANNOUNCED',
        approvals: [{ partyId: controller, status: 'APPROVED', decidedBy: expect.stringContaining('customer') }],
      });
      expect(await changes.activate(a.id, change.id)).toBe(true);
      expect(await engagement(used)).toMatchObject({ status: 'ENDED' });
    });

    it('marks a change rejected when the controller refuses it', async () => {
      const hosting = await activeEngagement(a, 'Second hosting');
      await create(a, 'createActivity', 'CreateActivityInput', {
        name: 'More hosting for Hospital X',
        role: 'PROCESSOR',
        engagementIds: [hosting],
        controllers: [{ partyId: controller, authorisation: 'SPECIFIC' }],
      });
      const change = await announce(CHANGE, { changes: { id: hosting, processingLocations: ['US'] } });
      const refused = await gql<{ decideSubprocessorChange: Change }>(
        app,
        DECIDE,
        { input: { changeId: change.id, partyId: controller, approve: false } },
        a.ownerToken,
      );
      expect(refused.data!.decideSubprocessorChange.status).toBe('REJECTED');
      await timePasses(change.id);
      expect(await changes.activate(a.id, change.id)).toBe(false);
      expect(await engagement(hosting)).toMatchObject({ processingLocations: ['DE'] });
      expect(
        codes(
          await gql(app, DECIDE, { input: { changeId: change.id, partyId: controller, approve: true } }, customerKey),
        ),
      ).toEqual(['CONFLICT']);
    });

    it("register health reads the controller's approval, and the notice given under general authorisation", async () => {
      const FINDINGS = `query($id: ID!, $asOf: DateTime) { activity(id: $id, asOf: $asOf) { findings { ruleId itemId } } }`;
      const findings = async (activity: string, asOf?: Date) => {
        const res = await gql<{ activity: { findings: Array<{ ruleId: string; itemId: string | null }> } }>(
          app,
          FINDINGS,
          { id: activity, asOf },
          a.ownerToken,
        );
        expect(res.errors).toBeUndefined();
        return res.data!.activity.findings;
      };
      const about = (list: Array<{ ruleId: string; itemId: string | null }>, engagementId: string) =>
        list.filter((f) => f.itemId === engagementId && f.ruleId.startsWith('R-ART28-2')).map((f) => f.ruleId);

      // Specific: not approved until the controller says so (and, as of before, still not).
      const added = await announce(ADD, { engagement: { vendorId: vendor, purpose: 'Backups' } });
      const backups = await create(a, 'createActivity', 'CreateActivityInput', {
        name: 'Backups for Hospital X',
        role: 'PROCESSOR',
        engagementIds: [added.engagementId],
        controllers: [{ partyId: controller, authorisation: 'SPECIFIC', dpaReference: 'DPA-1' }],
      });
      expect(about(await findings(backups), added.engagementId)).toEqual(['R-ART28-2-SPECIFIC-NOT-APPROVED']);
      const beforeApproval = new Date();
      const approved = await gql(
        app,
        DECIDE,
        { input: { changeId: added.id, partyId: controller, approve: true } },
        customerKey,
      );
      expect(approved.errors).toBeUndefined();
      expect(about(await findings(backups), added.engagementId)).toEqual([]);
      expect(about(await findings(backups, beforeApproval), added.engagementId)).toEqual([
        'R-ART28-2-SPECIFIC-NOT-APPROVED',
      ]);

      // General: a change announced with the notice period passes; an urgent one (effective at once) does not.
      const noticed = await announce(ADD, { engagement: { vendorId: vendor, purpose: 'Mail relay' } });
      const urgent = await announce(ADD, {
        engagement: { vendorId: vendor, purpose: 'Emergency hosting' },
        urgentReason: 'The data centre burned down.',
      });
      const general = await create(a, 'createActivity', 'CreateActivityInput', {
        name: 'Mail for School Y',
        role: 'PROCESSOR',
        engagementIds: [noticed.engagementId, urgent.engagementId],
        controllers: [{ partyId: otherController, authorisation: 'GENERAL', dpaReference: 'DPA-2' }],
      });
      const list = await findings(general);
      expect(about(list, noticed.engagementId)).toEqual([]);
      expect(about(list, urgent.engagementId)).toEqual(['R-ART28-2-NOTICE-TOO-SHORT']);
    });

    it('takes objections before the deadline and refuses them after; the team reviews them', async () => {
      const change = await announce(ADD, { engagement: { vendorId: vendor, purpose: 'Telemetry' } });
      const objected = await gql<{ objectToSubprocessorChange: { id: string; status: string; partyId: string } }>(
        app,
        OBJECT,
        { input: { changeId: change.id, reason: 'Our data may not go to a new vendor.' } },
        customerKey,
      );
      expect(objected.errors).toBeUndefined();
      expect(objected.data!.objectToSubprocessorChange).toMatchObject({ status: 'RECEIVED', partyId: controller });
      const onBehalf = await gql(
        app,
        OBJECT,
        { input: { changeId: change.id, reason: 'Said on the phone', partyId: otherController } },
        a.ownerToken,
      );
      expect(onBehalf.errors).toBeUndefined();
      const impersonating = await gql(
        app,
        OBJECT,
        { input: { changeId: change.id, reason: 'x', partyId: controller } },
        otherCustomerKey,
      );
      expect(codes(impersonating)).toEqual(['FORBIDDEN']);
      const editor = await gql(
        app,
        OBJECT,
        { input: { changeId: change.id, reason: 'x' } },
        await a.tokenFor('editor' as never),
      );
      expect(codes(editor)).toEqual(['FORBIDDEN']);

      const seen = (await gql<{ subprocessorChange: Change }>(app, GET_CHANGE, { id: change.id }, a.ownerToken)).data!;
      expect(seen.subprocessorChange.objections.map((o) => o.channel)).toEqual(['API', 'API']);
      const reviewed = await gql(
        app,
        REVIEW,
        {
          input: {
            id: objected.data!.objectToSubprocessorChange.id,
            status: 'CONTRACT_TERMINATED',
            resolution: 'Customer left',
          },
        },
        a.ownerToken,
      );
      expect(reviewed.data).toMatchObject({
        reviewObjection: { status: 'CONTRACT_TERMINATED', resolution: 'Customer left' },
      });

      await timePasses(change.id);
      const late = await gql(app, OBJECT, { input: { changeId: change.id, reason: 'Too late?' } }, customerKey);
      expect(codes(late)).toEqual(['CONFLICT']);
      expect(late.errors![0]!.message).toMatch(/objection period .* ended/);
    });
  });

  it('takes objections through the signed link in a notice, and refuses forged or foreign links', async () => {
    const change = await announce(ADD, { engagement: { vendorId: vendor, purpose: 'Video calls' } });
    const {
      rows: [subscriber],
    } = await owner.query(
      `INSERT INTO subscribers (tenant_id, email, status) VALUES ($1, 'security@customer.test', 'confirmed') RETURNING id`,
      [a.id],
    );
    const secret = app.get<AppConfig>(APP_CONFIG).appSecret;
    const objections = app.get(ObjectionsService);
    const token = signLink(secret, 'object', [a.id, change.id, subscriber.id]);
    const filed = await objections.fileViaLink(a.id, token, {
      reason: 'Not without a DPIA',
      organisation: 'Customer BV',
    });
    expect(filed).toMatchObject({
      channel: 'link',
      subscriberId: subscriber.id,
      email: 'security@customer.test',
      status: 'received',
    });
    const again = await objections.fileViaLink(a.id, token, { reason: 'Updated reason' });
    expect(again.id).toBe(filed.id);
    expect(again.reason).toBe('Updated reason');

    await expect(objections.fileViaLink(b.id, token, { reason: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(objections.fileViaLink(a.id, `${token}x`, { reason: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const unsubscribeToken = signLink(secret, 'unsubscribe', [a.id, change.id, subscriber.id]);
    await expect(objections.fileViaLink(a.id, unsubscribeToken, { reason: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(objections.fileViaLink(a.id, token, { reason: '   ' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it("keeps every tenant's changes to itself", async () => {
    const mine = await announce(ADD, { engagement: { vendorId: vendor, purpose: 'Private to A' } });
    const theirs = await activeEngagement(b);
    for (const [query, vars] of [
      [GET_CHANGE, { id: mine.id }],
      [WITHDRAW, { id: mine.id, reason: 'Not yours' }],
      [OBJECT, { input: { changeId: mine.id, reason: 'Not yours' } }],
      [CHANGE, { input: { changes: { id: await activeEngagement(), purpose: 'x' } } }],
    ] as const) {
      const res = await gql(app, query, vars, b.ownerToken);
      expect(codes(res)).toEqual(['NOT_FOUND']);
      expect(JSON.stringify(res)).not.toContain('Private to A');
    }
    const foreignVendor = await gql(
      app,
      ADD,
      { input: { engagement: { vendorId: vendor, purpose: 'x' } } },
      b.ownerToken,
    );
    expect(codes(foreignVendor)).toEqual(['BAD_USER_INPUT']);
    const foreignRemoval = await gql(app, REMOVE, { input: { engagementId: theirs } }, a.ownerToken);
    expect(codes(foreignRemoval)).toEqual(['NOT_FOUND']);
    const list = await gql<{ subprocessorChanges: Array<{ id: string }> }>(
      app,
      `{ subprocessorChanges { id } }`,
      {},
      b.ownerToken,
    );
    expect(list.data!.subprocessorChanges).toEqual([]);
    const { rows } = await owner.query(`SELECT status FROM subprocessor_changes WHERE id = $1`, [mine.id]);
    expect(rows[0].status).toBe(mine.status.toLowerCase());
  });

  it('reads the approvals and objections of a whole list of changes in one query each', async () => {
    const statements = await countStatements(async () => {
      const res = await gql<{ subprocessorChanges: Change[] }>(
        app,
        `{ subprocessorChanges { id approvals { partyId } objections { id } } }`,
        {},
        a.ownerToken,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.subprocessorChanges.length).toBeGreaterThan(5);
    });
    expect(statements.filter((s) => /\bFROM "?change_approvals"?/.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /\bFROM "?objections"?/.test(s))).toHaveLength(1);
  });

  it('refuses an addition or replacement whose vendor is no party of the tenant, and writes nothing', async () => {
    const old = await activeEngagement(a, 'Kept mail');
    const count = async () =>
      (
        await owner.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM subprocessor_changes WHERE tenant_id = $1)
                + (SELECT count(*) FROM engagements WHERE tenant_id = $1)
                + (SELECT count(*) FROM outbox_events WHERE tenant_id = $1) AS n`,
          [a.id],
        )
      ).rows[0]!.n;
    const before = await count();
    const theirs = await create(b, 'createParty', 'CreatePartyInput', { name: 'B only', roles: ['PROCESSOR'] });
    for (const vendorId of ['3f1c0a52-9a4e-4c1b-8d7e-0b6a2f9e4c11', theirs]) {
      for (const [query, input] of [
        [ADD, { engagement: { vendorId, purpose: 'Nowhere' } }],
        [REPLACE, { replacedEngagementId: old, engagement: { vendorId, purpose: 'Nowhere' } }],
      ] as const) {
        const res = await gql(app, query, { input }, a.ownerToken);
        expect(codes(res)).toEqual(['BAD_USER_INPUT']);
        expect(res.errors![0]!.message).toBe(`Party ${vendorId} was not found.`);
        expect(res.errors![0]!.extensions).toMatchObject({ field: 'input.vendorId' });
      }
    }
    expect(await count()).toBe(before);
  });

  it('announces an addition in one read and one write statement that inserts the engagement last', async () => {
    const statements = await countStatements(async () => {
      await announce(
        `mutation($input: AnnounceSubprocessorAdditionInput!) { announceSubprocessorAddition(input: $input) { id } }`,
        { engagement: { vendorId: vendor, purpose: 'Counted', processingLocations: ['DE'] } },
      );
    });
    // The write transaction opens with its settings in one round trip (the values inlined as literals),
    // on the connection of the request's read transaction (authentication), committed in that same trip.
    const opening =
      /^COMMIT; START TRANSACTION; SELECT set_config\('app\.tenant_id', '[0-9a-f-]{36}', true\), set_config\('app\.actor_label', /;
    const at = statements.findIndex((s) => opening.test(s));
    expect(at).toBeGreaterThan(0);
    expect(statements.slice(0, at).filter((s) => !/app_take_rate_points/.test(s))).toEqual([
      expect.stringMatching(/^START TRANSACTION READ ONLY; .*EXECUTE art30_\w+\(/),
    ]);
    const write = statements.slice(at);
    // One read of everything the notice needs (the vendor check with it), then one statement with every row.
    expect(write.map((s) => (opening.test(s) ? 'open' : s.split(' ')[0]))).toEqual([
      'open',
      'SELECT',
      'WITH',
      'COMMIT',
    ]);
    // The engagement's history trigger takes the tenant's chain-head lock until the commit: its row
    // goes in last, so the lock is held from the end of that statement to the commit only.
    const inserted = [...write[2]!.matchAll(/INSERT INTO "?(\w+)"?/g)].map((m) => m[1]);
    // (The change's approvals go in between when a controller on specific authorisation is concerned.)
    expect(inserted[0]).toBe('subprocessor_changes');
    expect(inserted).toContain('outbox_events');
    expect(inserted.at(-1)).toBe('engagements');
  });

  it('lets viewers and auditors read changes but not announce them', async () => {
    for (const role of ['viewer', 'auditor'] as const) {
      const token = await a.tokenFor(role as never);
      expect((await gql(app, `{ subprocessorChanges { id } }`, {}, token)).errors).toBeUndefined();
      expect(codes(await gql(app, ADD, { input: { engagement: { vendorId: vendor, purpose: 'x' } } }, token))).toEqual([
        'FORBIDDEN',
      ]);
    }
  });
});
