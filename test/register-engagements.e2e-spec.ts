import type { INestApplication } from '@nestjs/common';
import { codes, createTestTenant, gql, ownerClient, Role, startTestApp, type TestTenant } from '#testing';

const FIELDS = `id purpose status vendor { name } parent { purpose } products { name } dataCategoryCodes
  processingLocations accessLocations transferMechanism tiaReviewDate startedOn endedOn`;
const CREATE = `mutation($input: CreateEngagementInput!, $note: String) { createEngagement(input: $input, note: $note) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateEngagementInput!) { updateEngagement(input: $input) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteEngagement(id: $id) { id } }`;
const GET = `query($id: ID!, $asOf: DateTime) { engagement(id: $id, asOf: $asOf) { purpose status vendor { name } products { name } } }`;

type Id = { id: string };
type Engagement = Id & Record<string, unknown>;
const pause = () => new Promise((r) => setTimeout(r, 20));

describe('register: subprocessor engagements', () => {
  let app: INestApplication;
  let a: TestTenant;
  let b: TestTenant;
  let vendor: string;
  let vendorOfB: string;
  let core: string;
  let carbon: string;

  const createId = async (tenant: TestTenant, mutation: string, input: Record<string, unknown>) => {
    const res = await gql<Record<string, Id>>(app, mutation, { input }, tenant.ownerToken);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0]!.id;
  };
  const party = (tenant: TestTenant, name: string) =>
    createId(tenant, `mutation($input: CreatePartyInput!) { createParty(input: $input) { id } }`, {
      name,
      roles: ['SUBPROCESSOR'],
    });
  const product = (tenant: TestTenant, name: string) =>
    createId(tenant, `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`, { name });
  const create = (input: Record<string, unknown>, tenant = a, token = tenant.ownerToken) =>
    gql<{ createEngagement: Engagement }>(app, CREATE, { input }, token);
  const createOk = async (input: Record<string, unknown>, tenant = a) => {
    const res = await create(input, tenant);
    expect(res.errors).toBeUndefined();
    return res.data!.createEngagement.id;
  };

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestTenant(app, 'A');
    b = await createTestTenant(app, 'B');
    vendor = await party(a, 'Amazon Web Services EMEA SARL');
    vendorOfB = await party(b, 'B vendor');
    core = await product(a, 'Core');
    carbon = await product(a, 'Carbon');
  });
  afterAll(() => app.close());

  it('records an engagement with its vendor, products, data, locations and transfer tool', async () => {
    const res = await gql<{ createEngagement: Engagement }>(
      app,
      CREATE,
      {
        input: {
          vendorId: vendor,
          purpose: 'Hosting',
          productIds: [core, carbon, core],
          dataCategoryCodes: ['DC_EMAIL', 'DC_NAME'],
          processingLocations: ['ie', 'DE'],
          accessLocations: ['US', 'EL'],
          transferMechanism: 'SCC_MODULE_3',
          tiaReference: 'TIA-2025-01',
          tiaReviewDate: '2026-06-30',
          dpaSignedOn: '2023-01-15',
          startedOn: '2023-02-01',
        },
        note: 'contract signed',
      },
      a.ownerToken,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createEngagement).toMatchObject({
      purpose: 'Hosting',
      status: 'ACTIVE',
      vendor: { name: 'Amazon Web Services EMEA SARL' },
      parent: null,
      products: [{ name: 'Core' }, { name: 'Carbon' }],
      dataCategoryCodes: ['DC_EMAIL', 'DC_NAME'],
      processingLocations: ['IE', 'DE'],
      accessLocations: ['US', 'GR'],
      transferMechanism: 'SCC_MODULE_3',
      tiaReviewDate: '2026-06-30',
      startedOn: '2023-02-01',
      endedOn: null,
    });
    const id = res.data!.createEngagement.id;
    const db = await ownerClient();
    try {
      const { rows } = await db.query(`SELECT op, note FROM register_changes WHERE entity_id = $1`, [id]);
      expect(rows).toEqual([{ op: 'insert', note: 'contract signed' }]);
    } finally {
      await db.end();
    }
    const ended = await gql(app, UPDATE, { input: { id, status: 'ENDED', endedOn: '2025-12-31' } }, a.ownerToken);
    expect(ended.data).toMatchObject({ updateEngagement: { status: 'ENDED', endedOn: '2025-12-31' } });
  });

  it('refuses each kind of bad input with the field at fault, and writes nothing', async () => {
    const base = { vendorId: vendor, purpose: 'Bad one' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ vendorId: vendorOfB }, 'input.vendorId'],
      [{ vendorId: '00000000-0000-4000-8000-000000000000' }, 'input.vendorId'],
      [{ vendorId: 'vendor' }, 'input.vendorId'],
      [{ purpose: '' }, 'input.purpose'],
      [{ purpose: 'x'.repeat(1001) }, 'input.purpose'],
      [{ parentEngagementId: '00000000-0000-4000-8000-000000000000' }, 'input.parentEngagementId'],
      [{ productIds: [core, '00000000-0000-4000-8000-000000000000'] }, 'input.productIds[1]'],
      [{ productIds: Array(51).fill(core) }, 'input.productIds'],
      [{ dataCategoryCodes: ['DC_EMAIL', 'DC_SHOE_SIZE'] }, 'input.dataCategoryCodes[1]'],
      [{ processingLocations: ['NL', 'XX'] }, 'input.processingLocations[1]'],
      [{ accessLocations: ['Nowhere'] }, 'input.accessLocations'],
      [{ transferMechanism: 'PRIVACY_SHIELD' }, 'input.transferMechanism'],
      [{ tiaReviewDate: '2025-02-30' }, 'input.tiaReviewDate'],
      [{ dpaSignedOn: '15-01-2023' }, 'input.dpaSignedOn'],
      [{ startedOn: '2025-01-01', endedOn: '2024-12-31' }, 'input.endedOn'],
      [{ supplementaryMeasures: 'x'.repeat(5001) }, 'input.supplementaryMeasures'],
    ];
    for (const [input, field] of cases) {
      const res = await create({ ...base, ...input });
      expect({ field, error: res.errors?.[0]?.extensions }).toMatchObject({
        field,
        error: { code: 'BAD_USER_INPUT', field: expect.stringContaining(field) },
      });
    }
    expect(codes(await create({ ...base, status: 'PAUSED' }))).toEqual(['BAD_USER_INPUT']);
    const list = await gql<{ engagements: { totalCount: number } }>(
      app,
      `{ engagements(filter: { search: "Bad one" }) { totalCount } }`,
      {},
      a.ownerToken,
    );
    expect(list.data!.engagements.totalCount).toBe(0);

    const id = await createOk({ ...base, purpose: 'Keep' });
    for (const field of ['vendorId', 'purpose', 'status']) {
      const res = await gql(app, UPDATE, { input: { id, [field]: null } }, a.ownerToken);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    }
    const endsEarly = await gql(
      app,
      UPDATE,
      { input: { id, startedOn: '2025-01-01', endedOn: '2024-01-01' } },
      a.ownerToken,
    );
    expect(endsEarly.errors?.[0]?.extensions).toMatchObject({ field: 'input.endedOn' });
    expect((await gql(app, GET, { id }, a.ownerToken)).data).toMatchObject({ engagement: { purpose: 'Keep' } });
  });

  it("accepts the tenant's own data categories, and no other tenant's", async () => {
    const category = `mutation($input: CreateCustomDataCategoryInput!) { createCustomDataCategory(input: $input) { id } }`;
    await createId(a, category, { code: 'PORTFOLIO', labelNl: 'Portfolio', labelEn: 'Portfolio' });
    await createId(b, category, { code: 'B_ONLY', labelNl: 'B', labelEn: 'B' });
    const ok = await create({ vendorId: vendor, purpose: 'Portfolios', dataCategoryCodes: ['PORTFOLIO'] });
    expect(ok.data!.createEngagement.dataCategoryCodes).toEqual(['PORTFOLIO']);
    const other = await create({ vendorId: vendor, purpose: 'Other', dataCategoryCodes: ['B_ONLY'] });
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.dataCategoryCodes[0]',
    });
  });

  it('walks the sub-processing chain and refuses loops', async () => {
    const top = await createOk({ vendorId: vendor, purpose: 'Chain top' });
    const middle = await createOk({ vendorId: vendor, purpose: 'Chain middle', parentEngagementId: top });
    const bottom = await createOk({ vendorId: vendor, purpose: 'Chain bottom', parentEngagementId: middle });
    const chain = await gql(
      app,
      `query($id: ID!) { engagement(id: $id) { purpose parent { purpose parent { purpose parent { purpose } } } } }`,
      { id: bottom },
      a.ownerToken,
    );
    expect(chain.data).toEqual({
      engagement: {
        purpose: 'Chain bottom',
        parent: { purpose: 'Chain middle', parent: { purpose: 'Chain top', parent: null } },
      },
    });
    for (const parentEngagementId of [middle, bottom]) {
      const loop = await gql(app, UPDATE, { input: { id: top, parentEngagementId } }, a.ownerToken);
      expect(loop.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.parentEngagementId',
      });
      expect(loop.errors?.[0]?.message).toMatch(/loop/);
    }
    const self = await gql(app, UPDATE, { input: { id: top, parentEngagementId: top } }, a.ownerToken);
    expect(self.errors?.[0]?.extensions).toMatchObject({ field: 'input.parentEngagementId' });
    const otherTenant = await createOk({ vendorId: vendorOfB, purpose: 'B chain' }, b);
    const crossParent = await gql(app, UPDATE, { input: { id: top, parentEngagementId: otherTenant } }, a.ownerToken);
    expect(crossParent.errors?.[0]?.extensions).toMatchObject({ field: 'input.parentEngagementId' });
    expect(
      (await gql(app, UPDATE, { input: { id: bottom, parentEngagementId: top } }, a.ownerToken)).errors,
    ).toBeUndefined();

    const children = await gql<{ engagements: { edges: Array<{ node: { purpose: string } }> } }>(
      app,
      `query($id: ID!) { engagements(filter: { parentEngagementId: $id }) { edges { node { purpose } } } }`,
      { id: top },
      a.ownerToken,
    );
    expect(children.data!.engagements.edges.map((e) => e.node.purpose)).toEqual(['Chain bottom', 'Chain middle']);
    const refused = await gql(app, DELETE, { id: top }, a.ownerToken);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(refused.errors?.[0]?.message).toMatch(/sub-processor engagement/);
  });

  it('filters by status, vendor, product, country and text, in pages', async () => {
    const t = await createTestTenant(app, 'Filters');
    const aws = await party(t, 'AWS');
    const google = await party(t, 'Google');
    const p1 = await product(t, 'P1');
    const rows: Array<Record<string, unknown>> = [
      { vendorId: aws, purpose: 'F-hosting', productIds: [p1], processingLocations: ['DE'], status: 'ACTIVE' },
      { vendorId: aws, purpose: 'F-backup', processingLocations: ['IE'], accessLocations: ['US'], status: 'PLANNED' },
      { vendorId: google, purpose: 'F-mail', productIds: [p1], processingLocations: ['US'], status: 'ENDED' },
      { vendorId: google, purpose: 'F-analytics', description: 'visitor stats', processingLocations: ['NL'] },
    ];
    for (const input of rows) await createOk(input, t);
    type List = {
      engagements: {
        totalCount: number;
        edges: Array<{ node: { purpose: string; vendor: { name: string } } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const list = `query($filter: EngagementFilter, $first: Int, $after: String) { engagements(filter: $filter, first: $first, after: $after) { totalCount edges { node { purpose vendor { name } } } pageInfo { hasNextPage endCursor } } }`;
    const purposes = async (filter: Record<string, unknown>) => {
      const res = await gql<List>(app, list, { filter }, t.ownerToken);
      expect(res.errors).toBeUndefined();
      return res.data!.engagements.edges.map((e) => e.node.purpose);
    };
    expect(await purposes({})).toEqual(['F-analytics', 'F-backup', 'F-hosting', 'F-mail']);
    expect(await purposes({ status: 'ACTIVE' })).toEqual(['F-analytics', 'F-hosting']);
    expect(await purposes({ vendorId: aws })).toEqual(['F-backup', 'F-hosting']);
    expect(await purposes({ productId: p1 })).toEqual(['F-hosting', 'F-mail']);
    expect(await purposes({ country: 'us' })).toEqual(['F-backup', 'F-mail']);
    expect(await purposes({ search: 'visitor' })).toEqual(['F-analytics']);
    expect(await purposes({ vendorId: google, status: 'ENDED' })).toEqual(['F-mail']);
    const bad = await gql(app, list, { filter: { country: 'QQ' } }, t.ownerToken);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.country' });

    const first = await gql<List>(app, list, { first: 3 }, t.ownerToken);
    expect(first.data!.engagements).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const rest = await gql<List>(
      app,
      list,
      { first: 3, after: first.data!.engagements.pageInfo.endCursor },
      t.ownerToken,
    );
    expect(rest.data!.engagements.edges).toEqual([{ node: { purpose: 'F-mail', vendor: { name: 'Google' } } }]);
    expect(rest.data!.engagements.pageInfo.hasNextPage).toBe(false);
  });

  it('answers as of an instant, with vendor and products as they stood then', async () => {
    const v = await party(a, 'Old vendor name');
    const p = await product(a, 'Old product name');
    const id = await createOk({ vendorId: v, purpose: 'Then', productIds: [p], status: 'PLANNED' });
    const before = new Date();
    await pause();
    await gql(
      app,
      `mutation($id: ID!) { updateParty(input: { id: $id, name: "New vendor name" }) { id } }`,
      { id: v },
      a.ownerToken,
    );
    await gql(
      app,
      `mutation($id: ID!) { updateProduct(input: { id: $id, name: "New product name" }) { id } }`,
      { id: p },
      a.ownerToken,
    );
    await gql(app, UPDATE, { input: { id, purpose: 'Now', status: 'ACTIVE', productIds: [] } }, a.ownerToken);
    expect((await gql(app, GET, { id, asOf: before.toISOString() }, a.ownerToken)).data).toEqual({
      engagement: {
        purpose: 'Then',
        status: 'PLANNED',
        vendor: { name: 'Old vendor name' },
        products: [{ name: 'Old product name' }],
      },
    });
    expect((await gql(app, GET, { id }, a.ownerToken)).data).toEqual({
      engagement: { purpose: 'Now', status: 'ACTIVE', vendor: { name: 'New vendor name' }, products: [] },
    });
    const beforeCreation = new Date(Date.now() - 3_600_000).toISOString();
    expect(codes(await gql(app, GET, { id, asOf: beforeCreation }, a.ownerToken))).toEqual(['NOT_FOUND']);
  });

  it('links activities to products and engagements, read as of the activity', async () => {
    // Planned: its purpose may still be corrected without an announcement.
    const engagement = await createOk({ vendorId: vendor, purpose: 'Linked hosting', status: 'PLANNED' });
    const activity = await createId(
      a,
      `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
      { name: 'Linked activity', role: 'PROCESSOR', productIds: [core], engagementIds: [engagement] },
    );
    const read = `query($id: ID!, $asOf: DateTime) { activity(id: $id, asOf: $asOf) { products { name } engagements { purpose vendor { name } } } }`;
    const before = new Date();
    await pause();
    await gql(app, UPDATE, { input: { id: engagement, purpose: 'Linked hosting v2' } }, a.ownerToken);
    expect((await gql(app, read, { id: activity }, a.ownerToken)).data).toEqual({
      activity: {
        products: [{ name: 'Core' }],
        engagements: [{ purpose: 'Linked hosting v2', vendor: { name: 'Amazon Web Services EMEA SARL' } }],
      },
    });
    expect((await gql(app, read, { id: activity, asOf: before.toISOString() }, a.ownerToken)).data).toMatchObject({
      activity: { engagements: [{ purpose: 'Linked hosting' }] },
    });
    const refused = await gql(app, DELETE, { id: engagement }, a.ownerToken);
    expect(refused.errors?.[0]).toMatchObject({
      message: '1 processing activity relies on this engagement.',
      extensions: { code: 'CONFLICT' },
    });
    const vendorDelete = await gql(
      app,
      `mutation($id: ID!) { deleteParty(id: $id) { id } }`,
      { id: vendor },
      a.ownerToken,
    );
    expect(codes(vendorDelete)).toEqual(['CONFLICT']);
  });

  it("keeps tenants apart: B's engagement is NOT_FOUND for A and stays as it was", async () => {
    const id = await createOk({ vendorId: vendorOfB, purpose: 'B-only' }, b);
    expect(codes(await gql(app, GET, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(app, UPDATE, { input: { id, purpose: 'hijacked' } }, a.ownerToken))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(app, DELETE, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
    expect((await gql(app, GET, { id }, b.ownerToken)).data).toEqual({
      engagement: { purpose: 'B-only', status: 'ACTIVE', vendor: { name: 'B vendor' }, products: [] },
    });
  });

  it('lets viewers and auditors read engagements but not write them', async () => {
    const id = await createOk({ vendorId: vendor, purpose: 'Read only' });
    for (const role of [Role.VIEWER, Role.AUDITOR]) {
      const token = await a.tokenFor(role, role === Role.AUDITOR ? new Date(Date.now() + 86_400_000) : null);
      expect(codes(await create({ vendorId: vendor, purpose: 'Nope' }, a, token))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(app, UPDATE, { input: { id, purpose: 'Nope' } }, token))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(app, DELETE, { id }, token))).toEqual(['FORBIDDEN']);
      expect((await gql(app, GET, { id }, token)).data).toMatchObject({ engagement: { purpose: 'Read only' } });
    }
  });

  it('deletes an engagement nothing relies on', async () => {
    const id = await createOk({ vendorId: vendor, purpose: 'Short-lived' });
    expect((await gql(app, DELETE, { id }, a.ownerToken)).data).toEqual({ deleteEngagement: { id } });
    expect(codes(await gql(app, GET, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
  });
});
