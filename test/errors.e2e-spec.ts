import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { codes, createTestTenant, gql, startTestApp, type TestTenant } from '#testing';

describe('errors a client can cause', () => {
  let app: INestApplication;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await createTestTenant(app);
  });
  afterAll(() => app.close());

  it('names the offending field of an invalid input and changes nothing', async () => {
    const res = await gql(
      app,
      `mutation { inviteMember(input: { email: "not-an-email", role: VIEWER }) { invitationToken } }`,
      {},
      tenant.ownerToken,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    expect(res.errors?.[0]?.message).toMatch(/valid email/);
    const members = await gql<{ members: unknown[] }>(app, `{ members { id } }`, {}, tenant.ownerToken);
    expect(members.data!.members).toHaveLength(1);
  });

  it('rejects an oversized value with BAD_USER_INPUT, not a database error', async () => {
    const res = await gql(
      app,
      `mutation($name: String!) { updateTenant(input: { name: $name }) { name } }`,
      { name: 'x'.repeat(10_000) },
      tenant.ownerToken,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('rejects an id that is not a UUID with BAD_USER_INPUT', async () => {
    const res = await gql(app, `{ member(id: "1 OR 1=1") { id } }`, {}, tenant.ownerToken);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('answers an unknown id with NOT_FOUND', async () => {
    const res = await gql(app, `{ member(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, tenant.ownerToken);
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });

  it('answers wrong types and unknown enum values with a typed error and no stack trace', async () => {
    for (const res of [
      await gql(
        app,
        `mutation { inviteMember(input: { email: 42, role: VIEWER }) { invitationToken } }`,
        {},
        tenant.ownerToken,
      ),
      await gql(
        app,
        `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { invitationToken } }`,
        { i: { email: 'a@b.org', role: 'GOD' } },
        tenant.ownerToken,
      ),
      await gql(app, `{ nope }`, {}, tenant.ownerToken),
    ]) {
      expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(codes(res)[0]);
      expect(JSON.stringify(res)).not.toMatch(/stacktrace|at [A-Za-z]+ \(/);
    }
  });

  it('refuses a query nested past the depth limit before running it', async () => {
    const nested = `query { viewer { tenant { id } } }`;
    expect(codes(await gql(app, nested, {}, tenant.ownerToken))).toEqual([]);
    const app2 = await startTestApp({ GRAPHQL_MAX_DEPTH: '2' });
    try {
      const res = await gql(app2, nested, {}, tenant.ownerToken);
      expect(codes(res)).toEqual(['QUERY_TOO_DEEP']);
      expect(res.errors![0]!.message).toMatch(/nested 3 levels deep; the limit is 2/);
    } finally {
      await app2.close();
    }
  });

  it('reports health with the database state', async () => {
    const res = await request(app.getHttpServer()).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });
});
