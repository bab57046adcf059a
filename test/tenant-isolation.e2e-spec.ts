import type { INestApplication } from '@nestjs/common';
import { codes, createTestTenant, gql, Role, startTestApp, type TestMember, type TestTenant } from '#testing';

/**
 * Tenant A's credentials against tenant B's objects: every read and write answers NOT_FOUND,
 * reveals nothing of B, and leaves B unchanged. (The full schema-walking matrix comes with the
 * defences issue; this covers every id-taking operation that exists now.)
 */
describe('tenant isolation through the API', () => {
  let app: INestApplication;
  let a: TestTenant;
  let b: TestTenant;
  let bEditor: TestMember;
  let bKeyId: string;

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestTenant(app, 'Tenant A');
    b = await createTestTenant(app, 'Tenant B');
    bEditor = await b.memberFor(Role.EDITOR);
    const key = await gql<{ createApiKey: { apiKey: { id: string } } }>(
      app,
      `mutation { createApiKey(input: { name: "b-key", role: VIEWER }) { apiKey { id } } }`,
      {},
      b.ownerToken,
    );
    bKeyId = key.data!.createApiKey.apiKey.id;
  });
  afterAll(() => app.close());

  const bState = () =>
    gql(app, `{ tenant { name } members { id email role status } apiKeys { id revokedAt } }`, {}, b.ownerToken);

  it("answers NOT_FOUND for B's ids, for reads and writes, and B is unchanged", async () => {
    const before = await bState();
    const attempts = [
      gql(app, `query($id: ID!) { member(id: $id) { email } }`, { id: bEditor.id }, a.ownerToken),
      gql(app, `mutation($id: ID!) { revokeMember(id: $id) { status } }`, { id: bEditor.id }, a.ownerToken),
      gql(
        app,
        `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`,
        { input: { memberId: bEditor.id, role: 'VIEWER' } },
        a.ownerToken,
      ),
      gql(app, `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: bKeyId }, a.ownerToken),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(codes(res)).toEqual(['NOT_FOUND']);
      expect(JSON.stringify(res)).not.toContain(bEditor.email);
    }
    expect(await bState()).toEqual(before);
  });

  it("never lists B's members or keys to A", async () => {
    const res = await gql<{ members: Array<{ email: string }>; apiKeys: Array<{ id: string }> }>(
      app,
      `{ members { email } apiKeys { id } }`,
      {},
      a.ownerToken,
    );
    expect(res.data!.members.every((m) => m.email.endsWith(`@${a.slug}.test`))).toBe(true);
    expect(res.data!.apiKeys.map((k) => k.id)).not.toContain(bKeyId);
  });

  it('keeps tenants apart under concurrent requests on a shared pool', async () => {
    const reads = Array.from({ length: 40 }, (_, i) => {
      const [tenant, token] = i % 2 === 0 ? [a, a.ownerToken] : [b, b.ownerToken];
      return gql<{ tenant: { slug: string }; members: Array<{ email: string }> }>(
        app,
        `{ tenant { slug } members { email } }`,
        {},
        token,
      ).then((res) => ({ tenant, res }));
    });
    for (const { tenant, res } of await Promise.all(reads)) {
      expect(res.data!.tenant.slug).toBe(tenant.slug);
      expect(
        res.data!.members.every((m) => m.email.endsWith(`@${tenant.slug}.test`) || m.email.endsWith('@example.org')),
      ).toBe(true);
    }
  });
});
