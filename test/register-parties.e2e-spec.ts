import type { INestApplication } from '@nestjs/common';
import { codes, createTestTenant, gql, ownerClient, Role, startTestApp, type TestTenant } from '#testing';

const CREATE = `mutation($input: CreatePartyInput!) { createParty(input: $input) { id name roles country dpfCertified certifications { code since } } }`;
const UPDATE = `mutation($input: UpdatePartyInput!) { updateParty(input: $input) { id name country } }`;
const GET = `query($id: ID!, $asOf: DateTime) { party(id: $id, asOf: $asOf) { name country } }`;

describe('register: parties', () => {
  let app: INestApplication;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestTenant(app, 'A');
    b = await createTestTenant(app, 'B');
  });
  afterAll(() => app.close());

  const create = (tenant: TestTenant, input: Record<string, unknown>, token = tenant.ownerToken) =>
    gql<{ createParty: { id: string; name: string; dpfCertified: boolean } }>(app, CREATE, { input }, token);

  it('creates a vendor with a certification and derives DPF status from it', async () => {
    const res = await create(a, {
      name: 'Google Ireland Ltd',
      roles: ['SUBPROCESSOR'],
      country: 'ie',
      certifications: [{ code: 'EU_US_DPF', since: '2023-07-17' }],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createParty).toMatchObject({ roles: ['SUBPROCESSOR'], country: 'IE', dpfCertified: true });
  });

  it('refuses unknown countries, bad emails and clearing the name, naming the field', async () => {
    expect((await create(a, { name: 'X', roles: [], country: 'XX' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.country',
    });
    expect((await create(a, { name: 'X', roles: [], contactEmail: 'nope' })).errors?.[0]?.extensions).toMatchObject({
      field: 'input.contactEmail',
    });
    const id = (await create(a, { name: 'Keep', roles: [] })).data!.createParty.id;
    const cleared = await gql(app, UPDATE, { input: { id, name: null } }, a.ownerToken);
    expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect((await gql(app, GET, { id }, a.ownerToken)).data).toEqual({ party: { name: 'Keep', country: null } });
  });

  it('answers as of an instant before a change exactly as before it, from the history', async () => {
    const id = (await create(a, { name: 'UpCloud Ltd', roles: ['SUBPROCESSOR'], country: 'FI' })).data!.createParty.id;
    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await gql(app, UPDATE, { input: { id, name: 'UpCloud Oy', country: 'DE' } }, a.ownerToken);
    expect((await gql(app, GET, { id, asOf: before.toISOString() }, a.ownerToken)).data).toEqual({
      party: { name: 'UpCloud Ltd', country: 'FI' },
    });
    expect((await gql(app, GET, { id }, a.ownerToken)).data).toEqual({ party: { name: 'UpCloud Oy', country: 'DE' } });
    const beforeCreation = new Date(Date.now() - 3_600_000).toISOString();
    expect(codes(await gql(app, GET, { id, asOf: beforeCreation }, a.ownerToken))).toEqual(['NOT_FOUND']);
  });

  it('records who changed what in the append-only history', async () => {
    const id = (await create(a, { name: 'Mailgun', roles: ['SUBPROCESSOR'] })).data!.createParty.id;
    const db = await ownerClient();
    try {
      const { rows } = await db.query(
        `SELECT op, actor_label, after->>'name' AS name FROM register_changes WHERE entity_id = $1`,
        [id],
      );
      expect(rows).toEqual([{ op: 'insert', actor_label: `owner@${a.slug}.test`, name: 'Mailgun' }]);
      await expect(db.query(`UPDATE register_changes SET note = 'x' WHERE entity_id = $1`, [id])).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await db.end();
    }
  });

  it('pages by name with cursors and filters by role and text', async () => {
    for (const name of ['P-Alpha', 'P-Beta', 'P-Gamma']) await create(b, { name, roles: ['CONTROLLER'] });
    const list = `query($after: String) { parties(first: 2, after: $after, filter: { roles: [CONTROLLER], search: "p-" }) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      parties: {
        totalCount: number;
        edges: Array<{ node: { name: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = await gql<Page>(app, list, {}, b.ownerToken);
    expect(first.data!.parties.totalCount).toBe(3);
    expect(first.data!.parties.edges.map((e) => e.node.name)).toEqual(['P-Alpha', 'P-Beta']);
    const second = await gql<Page>(app, list, { after: first.data!.parties.pageInfo.endCursor }, b.ownerToken);
    expect(second.data!.parties.edges.map((e) => e.node.name)).toEqual(['P-Gamma']);
    expect(second.data!.parties.pageInfo.hasNextPage).toBe(false);
  });

  it("keeps tenants apart: B's party is NOT_FOUND for A, for reads and writes", async () => {
    const id = (await create(b, { name: 'B-only', roles: [] })).data!.createParty.id;
    expect(codes(await gql(app, GET, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(app, UPDATE, { input: { id, name: 'hijacked' } }, a.ownerToken))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(app, `mutation($id: ID!) { deleteParty(id: $id) { id } }`, { id }, a.ownerToken))).toEqual([
      'NOT_FOUND',
    ]);
    expect((await gql(app, GET, { id }, b.ownerToken)).data).toEqual({ party: { name: 'B-only', country: null } });
  });

  it('lets viewers and auditors read but not write', async () => {
    for (const role of [Role.VIEWER, Role.AUDITOR]) {
      const token = await a.tokenFor(role, role === Role.AUDITOR ? new Date(Date.now() + 86_400_000) : null);
      expect(codes(await create(a, { name: 'Nope', roles: [] }, token))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(app, `{ parties { totalCount } }`, {}, token))).toEqual([]);
    }
  });
});

describe('register: forged cursors', () => {
  let app: INestApplication;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.close());

  it('answers a cursor that was not issued with BAD_USER_INPUT, never a 500', async () => {
    const tenant = await createTestTenant(app);
    for (const after of [
      Buffer.from('["a","b"]').toString('base64url'),
      'not-base64!',
      Buffer.from('{}').toString('base64url'),
    ]) {
      const res = await gql(
        app,
        `query($after: String) { parties(after: $after) { totalCount } }`,
        { after },
        tenant.ownerToken,
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});
