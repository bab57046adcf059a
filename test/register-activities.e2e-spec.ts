import type { INestApplication } from '@nestjs/common';
import { TenantDb } from '#database';
import {
  codes,
  countStatements,
  createTestTenant,
  gql,
  ownerClient,
  Role,
  startTestApp,
  type TestTenant,
} from '#testing';
import { ActivitiesService } from '../libs/register/src/activities/activities.service.js';

const FULL = `id name description department status role reviewDate startedOn productIds engagementIds
  jointControllerIds jointControllers { name }
  controllers { partyId party { name } processingCategories dpaReference authorisation }
  purposes { id description legalBasis legalReference liaReference liaDate consentMechanism consentWithdrawal directMarketing }
  dataSubjectCodes dataCategoryCodes art9Conditions { code legalReference explicitConsent }
  art10Basis { code legalReference } sources sourceDescription
  recipients { id kind partyId party { name } name country description dpaReference }
  transfers { id country recipientId partyId party { name } mechanism tiaReference tiaReviewDate
    supplementaryMeasures saNotifiedAt safeguardReference description }
  retention { id dataCategoryCode duration trigger action justification legalReference criterion }
  automatedDecision { exists description legalOrSimilarEffect exception profiling }
  dpia { required status reference } tomCodes securityDescription informationSocietyService likelyRisk occasional
  externalKey createdAt updatedAt`;
const CREATE = `mutation($input: CreateActivityInput!, $note: String) { createActivity(input: $input, note: $note) { ${FULL} } }`;
const UPDATE = `mutation($input: UpdateActivityInput!, $note: String) { updateActivity(input: $input, note: $note) { ${FULL} } }`;
const DELETE = `mutation($id: ID!) { deleteActivity(id: $id) { id name } }`;
const GET = `query($id: ID!, $asOf: DateTime) { activity(id: $id, asOf: $asOf) { ${FULL} } }`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Activity = Record<string, unknown> & { id: string; name: string };
type Page = {
  activities: {
    totalCount: number;
    edges: Array<{ node: { name: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};

describe('register: processing activities', () => {
  let app: INestApplication;
  let a: TestTenant;
  let b: TestTenant;
  let school: string; // a controller Cradeq processes for
  let partner: string; // a joint controller
  let vendor: string; // a subprocessor receiving data
  let productId: string;
  let engagementId: string;
  let bParty: string;

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestTenant(app, 'A');
    b = await createTestTenant(app, 'B');
    school = await party(a, 'Hogeschool Utrecht', 'CONTROLLER');
    partner = await party(a, 'Partner B.V.', 'JOINT_CONTROLLER');
    vendor = await party(a, 'Amazon Web Services EMEA SARL', 'SUBPROCESSOR');
    bParty = await party(b, 'B Vendor', 'SUBPROCESSOR');
    productId = await sql(a, `INSERT INTO products (tenant_id, name) VALUES ($1, 'Core') RETURNING id`);
    engagementId = await sql(
      a,
      `INSERT INTO engagements (tenant_id, vendor_id, purpose) VALUES ($1, '${vendor}', 'Hosting') RETURNING id`,
    );
    await sql(
      a,
      `INSERT INTO data_categories (tenant_id, code, label_nl, label_en, special)
       VALUES ($1, 'STUDY_PROGRESS', 'Studievoortgang', 'Study progress', false),
              ($1, 'SPECIAL_NEEDS', 'Ondersteuningsbehoefte', 'Support needs', true) RETURNING id`,
    );
  });
  afterAll(() => app.close());

  async function party(tenant: TestTenant, name: string, role: string): Promise<string> {
    const res = await gql<{ createParty: { id: string } }>(
      app,
      `mutation($input: CreatePartyInput!) { createParty(input: $input) { id } }`,
      { input: { name, roles: [role], country: 'NL' } },
      tenant.ownerToken,
    );
    return res.data!.createParty.id;
  }

  /** Rows other features own (their APIs come separately): written as a named actor, under RLS. */
  async function sql(tenant: TestTenant, statement: string): Promise<string> {
    return app
      .get(TenantDb)
      .run(tenant.id, async (tx) => ((await tx.em.query(statement, [tenant.id])) as Array<{ id: string }>)[0]!.id, {
        actor: 'test-setup',
      });
  }

  const create = (tenant: TestTenant, input: Record<string, unknown>, token = tenant.ownerToken, note?: string) =>
    gql<{ createActivity: Activity }>(app, CREATE, { input, note }, token);
  const update = (tenant: TestTenant, input: Record<string, unknown>, token = tenant.ownerToken) =>
    gql<{ updateActivity: Activity }>(app, UPDATE, { input }, token);
  const get = (tenant: TestTenant, id: string, asOf?: Date) =>
    gql<{ activity: Activity }>(app, GET, { id, asOf: asOf?.toISOString() }, tenant.ownerToken);
  const count = async (tenant: TestTenant) =>
    (await gql<Page>(app, `{ activities { totalCount } }`, {}, tenant.ownerToken)).data!.activities.totalCount;

  const processorInput = (externalKey?: string) => ({
    name: 'Hosting the learning platform',
    description: 'Cradeq Core for universities',
    department: 'Operations',
    status: 'ACTIVE',
    role: 'PROCESSOR',
    reviewDate: '2027-01-31',
    startedOn: '2024-09-01',
    productIds: [productId],
    engagementIds: [engagementId],
    controllers: [
      {
        partyId: school,
        processingCategories: 'Hosting, support',
        dpaReference: 'DPA-2024-7',
        authorisation: 'GENERAL',
      },
    ],
    purposes: [{ id: 'p-hosting', description: 'Provide the platform', legalBasis: 'ART6_1_B' }],
    dataSubjectCodes: ['DS_STUDENTS', 'DS_TEACHERS'],
    dataCategoryCodes: ['DC_NAME', 'DC_EMAIL', 'STUDY_PROGRESS', 'SPECIAL_NEEDS'],
    art9Conditions: [{ code: 'ART9_2_G', legalReference: 'WHW art. 7.51' }],
    sources: ['CONTROLLER'],
    recipients: [
      { id: 'r-aws', kind: 'RK_PROCESSOR', partyId: vendor, country: 'ie', dpaReference: 'AWS DPA' },
      { kind: 'RK_AUTHORITY', name: 'Inspectorate', country: 'NL' },
    ],
    transfers: [
      {
        country: 'US',
        recipientId: 'r-aws',
        partyId: vendor,
        mechanism: 'SCC_MODULE_3',
        tiaReference: 'TIA-7',
        tiaReviewDate: '2027-03-01',
      },
    ],
    retention: [
      {
        dataCategoryCode: 'STUDY_PROGRESS',
        duration: 'P180D',
        trigger: 'RT_CONTRACT_END',
        action: 'RA_DELETE',
        justification: 'RJ_CONTRACT',
      },
    ],
    automatedDecision: { exists: false },
    dpia: { required: true, status: 'DONE', reference: 'DPIA-3' },
    tomCodes: ['TOM_EVENT_LOGGING', 'TOM_PSEUDONYMISATION_ENCRYPTION'],
    occasional: false,
    externalKey,
  });

  it('creates a processor activity with every list, resolving parties and keeping given item ids', async () => {
    const res = await create(a, processorInput('ACT-1'), a.ownerToken, 'first entry');
    expect(res.errors).toBeUndefined();
    const activity = res.data!.createActivity;
    expect(activity).toMatchObject({
      status: 'ACTIVE',
      role: 'PROCESSOR',
      productIds: [productId],
      engagementIds: [engagementId],
      controllers: [
        {
          partyId: school,
          party: { name: 'Hogeschool Utrecht' },
          processingCategories: 'Hosting, support',
          authorisation: 'GENERAL',
        },
      ],
      purposes: [{ id: 'p-hosting', legalBasis: 'ART6_1_B', liaDate: null }],
      art9Conditions: [{ code: 'ART9_2_G', legalReference: 'WHW art. 7.51', explicitConsent: null }],
      sources: ['CONTROLLER'],
      recipients: [
        { id: 'r-aws', kind: 'RK_PROCESSOR', party: { name: 'Amazon Web Services EMEA SARL' }, country: 'IE' },
        { kind: 'RK_AUTHORITY', party: null, name: 'Inspectorate', country: 'NL' },
      ],
      transfers: [{ country: 'US', recipientId: 'r-aws', party: { name: 'Amazon Web Services EMEA SARL' } }],
      retention: [{ dataCategoryCode: 'STUDY_PROGRESS', duration: 'P180D', action: 'RA_DELETE' }],
      automatedDecision: { exists: false, legalOrSimilarEffect: false, profiling: false, exception: null },
      dpia: { required: true, status: 'DONE', reference: 'DPIA-3' },
      jointControllers: [],
    });
    const recipients = activity.recipients as Array<{ id: string }>;
    expect(recipients[1]!.id).toMatch(UUID);
    expect((activity.transfers as Array<{ id: string }>)[0]!.id).toMatch(UUID);
    expect((await get(a, activity.id)).data!.activity).toEqual(activity);

    const db = await ownerClient();
    try {
      const { rows } = await db.query(`SELECT op, note FROM register_changes WHERE entity_id = $1`, [activity.id]);
      expect(rows).toEqual([{ op: 'insert', note: 'first entry' }]);
    } finally {
      await db.end();
    }
  });

  it('creates a controller activity with joint controllers and the lawfulness details of each purpose', async () => {
    const res = await create(a, {
      name: 'Newsletter',
      role: 'JOINT_CONTROLLER',
      jointControllerIds: [partner],
      purposes: [
        {
          description: 'Product news',
          legalBasis: 'ART6_1_F',
          liaReference: 'LIA-12',
          liaDate: '2024-01-15',
          directMarketing: true,
        },
        {
          description: 'Events',
          legalBasis: 'ART6_1_A',
          consentMechanism: 'Double opt-in',
          consentWithdrawal: 'Unsubscribe link',
        },
      ],
      art10Basis: { code: 'ART10_AUTHORISED_BY_LAW', legalReference: 'Wjsg' },
      automatedDecision: { exists: true, legalOrSimilarEffect: true, exception: 'ART22_2_A', profiling: true },
      sources: ['DATA_SUBJECT', 'DATA_SUBJECT'],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createActivity).toMatchObject({
      status: 'DRAFT',
      role: 'JOINT_CONTROLLER',
      jointControllers: [{ name: 'Partner B.V.' }],
      controllers: [],
      purposes: [
        { legalBasis: 'ART6_1_F', liaReference: 'LIA-12', liaDate: '2024-01-15', directMarketing: true },
        { legalBasis: 'ART6_1_A', consentMechanism: 'Double opt-in', consentWithdrawal: 'Unsubscribe link' },
      ],
      art10Basis: { code: 'ART10_AUTHORISED_BY_LAW' },
      automatedDecision: { exception: 'ART22_2_A', profiling: true },
      sources: ['DATA_SUBJECT'],
      recipients: [],
      productIds: [],
    });
  });

  describe('refuses bad input, naming the field, and writes nothing', () => {
    const base = () => ({ name: 'Bad', role: 'CONTROLLER' });
    const long = (n: number) => 'x'.repeat(n);
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const cases: Array<[string, () => Record<string, unknown>, string]> = [
      [
        'an unknown Art. 6 basis',
        () => ({ purposes: [{ description: 'a' }, { description: 'b', legalBasis: 'ART6_1_Z' }] }),
        'input.purposes[1].legalBasis',
      ],
      [
        'an unknown Art. 9 condition',
        () => ({ art9Conditions: [{ code: 'ART9_2_Z' }] }),
        'input.art9Conditions[0].code',
      ],
      ['an unknown Art. 10 basis', () => ({ art10Basis: { code: 'ART10_ANY' } }), 'input.art10Basis.code'],
      [
        'an unknown Art. 22 exception',
        () => ({ automatedDecision: { exists: true, exception: 'ART22_2_Z' } }),
        'input.automatedDecision.exception',
      ],
      ['an unknown recipient kind', () => ({ recipients: [{ kind: 'RK_FRIEND' }] }), 'input.recipients[0].kind'],
      [
        'an unknown transfer mechanism',
        () => ({ transfers: [{ country: 'US', mechanism: 'PRIVACY_SHIELD' }] }),
        'input.transfers[0].mechanism',
      ],
      ['an unknown retention trigger', () => ({ retention: [{ trigger: 'RT_NEVER' }] }), 'input.retention[0].trigger'],
      ['an unknown retention action', () => ({ retention: [{ action: 'RA_SHRED' }] }), 'input.retention[0].action'],
      [
        'an unknown retention justification',
        () => ({ retention: [{}, { justification: 'RJ_WHY_NOT' }] }),
        'input.retention[1].justification',
      ],
      [
        'a duration that is not ISO 8601',
        () => ({ retention: [{ duration: '3 years' }] }),
        'input.retention[0].duration',
      ],
      [
        'an unknown retention data category',
        () => ({ retention: [{ dataCategoryCode: 'DC_NOPE' }] }),
        'input.retention[0].dataCategoryCode',
      ],
      ['an unknown TOM', () => ({ tomCodes: ['TOM_EVENT_LOGGING', 'TOM_MAGIC'] }), 'input.tomCodes[1]'],
      ['an unknown data-subject category', () => ({ dataSubjectCodes: ['DS_ALIENS'] }), 'input.dataSubjectCodes[0]'],
      [
        'an unknown data category',
        () => ({ dataCategoryCodes: ['DC_NAME', 'SHOE_SIZE'] }),
        'input.dataCategoryCodes[1]',
      ],
      [
        'an unknown recipient country',
        () => ({ recipients: [{ kind: 'RK_INTERNAL', country: 'XX' }] }),
        'input.recipients[0].country',
      ],
      ['an unknown transfer country', () => ({ transfers: [{ country: 'QQ' }] }), 'input.transfers[0].country'],
      ['a date that is not YYYY-MM-DD', () => ({ reviewDate: '31-01-2027' }), 'input.reviewDate'],
      ['a date that does not exist', () => ({ startedOn: '2026-02-30' }), 'input.startedOn'],
      [
        'an impossible LIA date',
        () => ({ purposes: [{ description: 'a', liaDate: '2026-13-01' }] }),
        'input.purposes[0].liaDate',
      ],
      [
        'an impossible TIA review date',
        () => ({ transfers: [{ country: 'US', tiaReviewDate: '2027-02-29' }] }),
        'input.transfers[0].tiaReviewDate',
      ],
      ['an unknown controller', () => ({ controllers: [{ partyId: unknownId }] }), 'input.controllers[0].partyId'],
      [
        "another tenant's party as joint controller",
        () => ({ jointControllerIds: [bParty] }),
        'input.jointControllerIds[0]',
      ],
      [
        "another tenant's party as recipient",
        () => ({ recipients: [{ kind: 'RK_PROCESSOR' }, { kind: 'RK_PROCESSOR', partyId: bParty }] }),
        'input.recipients[1].partyId',
      ],
      [
        "another tenant's party as transfer party",
        () => ({ transfers: [{ country: 'US', partyId: bParty }] }),
        'input.transfers[0].partyId',
      ],
      ['an unknown product', () => ({ productIds: [unknownId] }), 'input.productIds[0]'],
      ['an unknown engagement', () => ({ engagementIds: [unknownId] }), 'input.engagementIds[0]'],
      ['a party id that is not a UUID', () => ({ jointControllerIds: ['nope'] }), 'input.jointControllerIds'],
      [
        'a transfer to a recipient the activity does not have',
        () => ({ recipients: [{ id: 'r1', kind: 'RK_PROCESSOR' }], transfers: [{ country: 'US', recipientId: 'r2' }] }),
        'input.transfers[0].recipientId',
      ],
      [
        'two items with one id',
        () => ({
          purposes: [
            { id: 'p', description: 'a' },
            { id: 'p', description: 'b' },
          ],
        }),
        'input.purposes[1].id',
      ],
      ['an oversized name', () => ({ name: long(301) }), 'input.name'],
      ['an oversized description', () => ({ description: long(5001) }), 'input.description'],
      [
        'an oversized purpose text',
        () => ({ purposes: [{ description: long(2001) }] }),
        'input.purposes[0].description',
      ],
      ['an oversized code list', () => ({ tomCodes: Array(101).fill('TOM_EVENT_LOGGING') }), 'input.tomCodes'],
      ['an oversized purpose list', () => ({ purposes: Array(101).fill({ description: 'a' }) }), 'input.purposes'],
    ];

    it.each(cases)('%s', async (_, extra, field) => {
      const before = await count(a);
      const res = await create(a, { ...base(), ...extra() });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      // The shared input pipe writes list items as `.0.`, the service as `[0]`: compared as `[0]`.
      expect(res.errors?.[0]?.extensions?.field?.replace(/\.(\d+)(?=\.|$)/g, '[$1]')).toBe(field);
      expect(await count(a)).toBe(before);
    });

    it('an oversized note', async () => {
      const res = await create(a, base(), a.ownerToken, long(1001));
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    });

    it('a taken external key', async () => {
      const res = await create(a, { ...base(), externalKey: 'ACT-1' });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalKey' });
    });
  });

  it('updates: omitted fields stay, lists replace, given item ids are kept, required fields cannot be cleared', async () => {
    const created = (await create(a, processorInput('ACT-2'))).data!.createActivity;
    const res = await update(a, {
      id: created.id,
      name: 'Hosting (EU only)',
      transfers: [],
      recipients: [{ id: 'r-aws', kind: 'RK_PROCESSOR', partyId: vendor, country: 'DE' }],
      tomCodes: null,
      externalKey: null,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateActivity).toMatchObject({
      name: 'Hosting (EU only)',
      description: 'Cradeq Core for universities',
      recipients: [{ id: 'r-aws', country: 'DE' }],
      transfers: [],
      tomCodes: [],
      externalKey: null,
      purposes: created.purposes,
    });
    for (const [field, value] of [
      ['name', null],
      ['status', null],
      ['role', null],
    ] as const) {
      const cleared = await update(a, { id: created.id, [field]: value });
      expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    }
    // Dropping a recipient that a kept transfer names is refused.
    const withTransfer = (await create(a, processorInput('ACT-2'))).data!.createActivity;
    const dropped = await update(a, { id: withTransfer.id, recipients: [] });
    expect(dropped.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recipients' });
    expect((await get(a, withTransfer.id)).data!.activity).toEqual(withTransfer);
  });

  it('answers as of an instant before an update as it was then, parties included', async () => {
    const id = (await create(a, { name: 'Support desk', role: 'JOINT_CONTROLLER', jointControllerIds: [partner] }))
      .data!.createActivity.id;
    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await update(a, { id, name: 'Support desk (24/7)', status: 'ACTIVE' });
    await gql(
      app,
      `mutation($input: UpdatePartyInput!) { updateParty(input: $input) { id } }`,
      { input: { id: partner, name: 'Partner Holding B.V.' } },
      a.ownerToken,
    );
    expect((await get(a, id, before)).data!.activity).toMatchObject({
      name: 'Support desk',
      status: 'DRAFT',
      jointControllers: [{ name: 'Partner B.V.' }],
    });
    expect((await get(a, id)).data!.activity).toMatchObject({
      name: 'Support desk (24/7)',
      status: 'ACTIVE',
      jointControllers: [{ name: 'Partner Holding B.V.' }],
    });
    expect(codes(await get(a, id, new Date(Date.now() - 3_600_000)))).toEqual(['NOT_FOUND']);

    const beforeDelete = new Date();
    await new Promise((r) => setTimeout(r, 20));
    expect(codes(await gql(app, DELETE, { id }, a.ownerToken))).toEqual([]);
    expect(codes(await get(a, id))).toEqual(['NOT_FOUND']);
    expect((await get(a, id, beforeDelete)).data!.activity.name).toBe('Support desk (24/7)');
  });

  it('lets the seeder and imports insert and replace inside their own transaction, with the same checks', async () => {
    const service = app.get(ActivitiesService);
    const db = app.get(TenantDb);
    const id = await db.run(
      a.id,
      async (tx) => {
        const first = await service.insert(tx, {
          name: 'Imported',
          role: 'processor',
          controllers: [{ partyId: school }],
          purposes: [{ description: 'Support', legalBasis: 'ART6_1_B' }],
        } as never);
        return first.id;
      },
      { actor: 'import' },
    );
    await db.run(
      a.id,
      (tx) => service.replace(tx, id, { name: 'Imported again', role: 'controller', status: 'active' } as never),
      { actor: 'import' },
    );
    expect((await get(a, id)).data!.activity).toMatchObject({
      name: 'Imported again',
      role: 'CONTROLLER',
      status: 'ACTIVE',
      controllers: [],
      purposes: [],
    });
    const bad = db.run(a.id, (tx) => service.insert(tx, { name: 'X', role: 'owner' } as never), { actor: 'import' });
    await expect(bad).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
    const missing = db.run(
      a.id,
      (tx) => service.replace(tx, '00000000-0000-4000-8000-000000000000', { name: 'X', role: 'controller' } as never),
      { actor: 'import' },
    );
    await expect(missing).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  describe('lists', () => {
    let c: TestTenant;
    let productC: string;
    beforeAll(async () => {
      c = await createTestTenant(app, 'C');
      productC = await sql(c, `INSERT INTO products (tenant_id, name) VALUES ($1, 'Carbon') RETURNING id`);
      await sql(
        c,
        `INSERT INTO data_categories (tenant_id, code, label_nl, label_en, special)
         VALUES ($1, 'BELIEFS_X', 'X', 'X', true) RETURNING id`,
      );
      const inputs = [
        { name: 'L-Alpha', role: 'CONTROLLER', status: 'ACTIVE', department: 'Sales', productIds: [productC] },
        {
          name: 'L-Beta',
          role: 'PROCESSOR',
          purposes: [{ description: 'x', legalBasis: 'ART6_1_F' }],
          recipients: [{ kind: 'RK_PROCESSOR', country: 'US' }],
          dataCategoryCodes: ['DC_HEALTH'],
        },
        {
          name: 'L-Gamma',
          role: 'CONTROLLER',
          status: 'RETIRED',
          transfers: [{ country: 'US' }],
          dataCategoryCodes: ['BELIEFS_X', 'DC_EMAIL'],
        },
        { name: 'L-Delta', role: 'CONTROLLER', status: 'ACTIVE', dataCategoryCodes: ['DC_EMAIL'] },
      ];
      for (const input of inputs) expect((await create(c, input)).errors).toBeUndefined();
    });

    const names = async (filter: Record<string, unknown>, asOf?: Date) => {
      const res = await gql<Page>(
        app,
        `query($filter: ActivityFilter, $asOf: DateTime) {
          activities(filter: $filter, asOf: $asOf) { totalCount edges { node { name } } } }`,
        { filter, asOf: asOf?.toISOString() },
        c.ownerToken,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.activities.edges.map((e) => e.node.name);
    };

    it('filters by status, role, legal basis, country, product, special category, data category and text', async () => {
      expect(await names({})).toEqual(['L-Alpha', 'L-Beta', 'L-Delta', 'L-Gamma']);
      expect(await names({ status: ['ACTIVE'] })).toEqual(['L-Alpha', 'L-Delta']);
      expect(await names({ role: ['PROCESSOR'] })).toEqual(['L-Beta']);
      expect(await names({ legalBasis: 'ART6_1_F' })).toEqual(['L-Beta']);
      expect(await names({ country: 'us' })).toEqual(['L-Beta', 'L-Gamma']);
      expect(await names({ productId: productC })).toEqual(['L-Alpha']);
      expect(await names({ specialCategory: true })).toEqual(['L-Beta', 'L-Gamma']);
      expect(await names({ specialCategory: false })).toEqual(['L-Alpha', 'L-Delta']);
      expect(await names({ dataCategoryCode: 'DC_EMAIL' })).toEqual(['L-Delta', 'L-Gamma']);
      expect(await names({ search: 'sal' })).toEqual(['L-Alpha']);
      expect(await names({ status: ['ACTIVE'], dataCategoryCode: 'DC_EMAIL' })).toEqual(['L-Delta']);
      // The same filters on the register rebuilt from history.
      expect(await names({ specialCategory: true }, new Date())).toEqual(['L-Beta', 'L-Gamma']);
      expect(await names({ country: 'US', legalBasis: 'ART6_1_F' }, new Date())).toEqual(['L-Beta']);
      expect(await names({}, new Date(Date.now() - 3_600_000))).toEqual([]);
      const bad = await gql(app, `{ activities(filter: { legalBasis: "ART6_1_Z" }) { totalCount } }`, {}, c.ownerToken);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.legalBasis' });
    });

    it('pages by name with cursors', async () => {
      const list = `query($after: String) { activities(first: 3, after: $after) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
      const first = await gql<Page>(app, list, {}, c.ownerToken);
      expect(first.data!.activities.totalCount).toBe(4);
      expect(first.data!.activities.edges.map((e) => e.node.name)).toEqual(['L-Alpha', 'L-Beta', 'L-Delta']);
      expect(first.data!.activities.pageInfo.hasNextPage).toBe(true);
      const second = await gql<Page>(app, list, { after: first.data!.activities.pageInfo.endCursor }, c.ownerToken);
      expect(second.data!.activities.edges.map((e) => e.node.name)).toEqual(['L-Gamma']);
      expect(second.data!.activities.pageInfo.hasNextPage).toBe(false);
    });
  });

  it("keeps tenants apart: B's activity is NOT_FOUND for A, for reads and writes, and unchanged", async () => {
    const mine = (await create(b, { name: 'B-only', role: 'CONTROLLER' })).data!.createActivity;
    expect(codes(await get(a, mine.id))).toEqual(['NOT_FOUND']);
    expect(codes(await update(a, { id: mine.id, name: 'hijacked' }))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(app, DELETE, { id: mine.id }, a.ownerToken))).toEqual(['NOT_FOUND']);
    expect((await get(b, mine.id)).data!.activity).toEqual(mine);
    const listed = await gql<Page>(
      app,
      `{ activities(filter: { search: "B-only" }) { totalCount } }`,
      {},
      a.ownerToken,
    );
    expect(listed.data!.activities.totalCount).toBe(0);
  });

  it('lets viewers and auditors read but not write', async () => {
    const id = (await create(a, { name: 'Readable', role: 'CONTROLLER' })).data!.createActivity.id;
    for (const role of [Role.VIEWER, Role.AUDITOR]) {
      const token = await a.tokenFor(role, role === Role.AUDITOR ? new Date(Date.now() + 86_400_000) : null);
      expect(codes(await create(a, { name: 'Nope', role: 'CONTROLLER' }, token))).toEqual(['FORBIDDEN']);
      expect(codes(await update(a, { id, name: 'Nope' }, token))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(app, DELETE, { id }, token))).toEqual(['FORBIDDEN']);
      const read = await gql<{ activity: { name: string } }>(
        app,
        `query($id: ID!) { activity(id: $id) { name } }`,
        { id },
        token,
      );
      expect(read.data!.activity.name).toBe('Readable');
    }
  });

  it('reads a deep list in one statement per nesting level and kind, in one transaction, whatever the number of activities', async () => {
    const d = await createTestTenant(app, 'D');
    const ctl = await party(d, 'Controller D', 'CONTROLLER');
    const rec = await party(d, 'Recipient D', 'RECIPIENT');
    const joint = await party(d, 'Joint D', 'JOINT_CONTROLLER');
    const host = await party(d, 'Host D', 'SUBPROCESSOR'); // reached only through an engagement (level 3)
    const hosting = await sql(
      d,
      `INSERT INTO engagements (tenant_id, vendor_id, purpose) VALUES ($1, '${host}', 'Hosting') RETURNING id`,
    );
    const add = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const res = await create(d, {
          name: `Deep ${String(i).padStart(2, '0')}`,
          role: 'PROCESSOR',
          controllers: [{ partyId: ctl }],
          recipients: [{ kind: 'RK_PROCESSOR', partyId: rec }],
          jointControllerIds: [joint],
          engagementIds: [hosting],
        });
        expect(res.errors).toBeUndefined();
      }
    };
    const deep = `{ activities(first: 50) { totalCount edges { node {
      controllers { party { name } } recipients { party { name } } jointControllers { name }
      engagements { purpose vendor { name } } } } } }`;
    type Deep = {
      activities: {
        totalCount: number;
        edges: Array<{
          node: { controllers: Array<{ party: unknown }>; engagements: Array<{ vendor: { name: string } }> };
        }>;
      };
    };
    const statements = async (expected: number) =>
      countStatements(async () => {
        const res = await gql<Deep>(app, deep, {}, d.ownerToken);
        expect(res.errors).toBeUndefined();
        expect(res.data!.activities.totalCount).toBe(expected);
        expect(res.data!.activities.edges).toHaveLength(expected);
        expect(res.data!.activities.edges.every((e) => e.node.controllers[0]!.party)).toBe(true);
        expect(res.data!.activities.edges.every((e) => e.node.engagements[0]!.vendor.name === 'Host D')).toBe(true);
      });
    await add(0, 20);
    const twenty = await statements(20);
    await add(20, 40);
    const forty = await statements(40);
    // The bound: at most one statement per nesting level and kind of object (activities with their
    // total; parties and engagements; the engagements' vendors), and the request's one read transaction
    // around them: opened with the tenant and the authentication in one round trip, committed.
    // The rate limiter charges the operation in one statement of its own (exact across processes).
    const kinds = twenty
      .map((s) =>
        // The authentication is a prepared statement, EXECUTEd (and PREPAREd, first on a connection).
        /^START TRANSACTION READ ONLY; SELECT set_config\('app\.tenant_id', '[0-9a-f-]{36}', true\); (PREPARE (\w+) AS SELECT .* FROM tenants t LEFT JOIN sessions s .*; )?EXECUTE art30_\w+\('[0-9a-f-]{36}', '[0-9a-f-]{36}'\)$/.test(
          s,
        )
          ? 'open and auth'
          : TRANSACTION_CONTROL.test(s)
            ? 'transaction'
            : /app_take_rate_points/.test(s)
              ? 'rate-limit'
              : /\bFROM (\w+)/.exec(s)?.[1],
      )
      .filter((kind) => kind !== 'rate-limit');
    expect(twenty.filter((s) => /app_take_rate_points/.test(s))).toHaveLength(1);
    expect(kinds[0]).toBe('open and auth'); // START TRANSACTION READ ONLY, the tenant, the token: one round trip
    expect(kinds[1]).toBe('activities'); // the page with its total
    // Levels 2 and 3, prefetched by the page: the engagements, then every party (the controllers'
    // and the engagements' vendors) in one batch; then COMMIT.
    expect(kinds.slice(2)).toEqual(['engagements', 'parties', 'transaction']);
    expect(twenty.filter((s) => /\bactivities\b/.test(s))).toHaveLength(1);
    expect(twenty.length).toBeLessThanOrEqual(6);
    expect(forty).toEqual(twenty);
  });
});

const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|SELECT set_config\()/i;
