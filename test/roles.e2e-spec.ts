import type { INestApplication } from '@nestjs/common';
import { codes, createTestTenant, gql, Role, startTestApp, type TestTenant } from '#testing';

/** What each role may do with the operations that exist so far; later features add their own. */
describe('role enforcement', () => {
  let app: INestApplication;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await createTestTenant(app);
  });
  afterAll(() => app.close());

  const WRITES = [
    `mutation { updateTenant(input: { name: "Renamed" }) { name } }`,
    `mutation { inviteMember(input: { email: "someone@example.org", role: VIEWER }) { invitationToken } }`,
    `mutation { createApiKey(input: { name: "k", role: VIEWER }) { secret } }`,
  ];

  it.each([Role.VIEWER, Role.AUDITOR, Role.EDITOR])(
    'refuses %s every administrative write, and changes nothing',
    async (role) => {
      const token = await tenant.tokenFor(role, role === Role.AUDITOR ? new Date(Date.now() + 86_400_000) : null);
      for (const mutation of WRITES) {
        const res = await gql(app, mutation, {}, token);
        expect(codes(res)).toEqual(['FORBIDDEN']);
        expect(res.errors![0]!.message).toContain(`Your role (${role})`);
      }
      const state = await gql<{ tenant: { name: string }; members: Array<{ email: string }> }>(
        app,
        `{ tenant { name } members { email } }`,
        {},
        tenant.ownerToken,
      );
      expect(state.data!.tenant.name).toBe('Test organisation');
      expect(state.data!.members.map((m) => m.email)).not.toContain('someone@example.org');
    },
  );

  it.each([Role.VIEWER, Role.AUDITOR])('lets %s read', async (role) => {
    const token = await tenant.tokenFor(role, role === Role.AUDITOR ? new Date(Date.now() + 86_400_000) : null);
    const res = await gql<{ tenant: { slug: string } }>(app, `{ tenant { slug } members { role } }`, {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.tenant.slug).toBe(tenant.slug);
  });

  it('lets only an owner grant the owner role, and keeps the last owner', async () => {
    const admin = await tenant.memberFor(Role.ADMIN);
    const promote = `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`;
    const res = await gql(app, promote, { input: { memberId: admin.id, role: 'OWNER' } }, admin.token);
    expect(codes(res)).toEqual(['FORBIDDEN']);
    const owners = await gql<{ members: Array<{ id: string; role: string }> }>(
      app,
      `{ members { id role } }`,
      {},
      tenant.ownerToken,
    );
    const ownerId = owners.data!.members.find((m) => m.role === 'OWNER')!.id;
    const demoteLast = await gql(app, promote, { input: { memberId: ownerId, role: 'ADMIN' } }, tenant.ownerToken);
    expect(codes(demoteLast)).toEqual(['CONFLICT']);
    const promoted = await gql(app, promote, { input: { memberId: admin.id, role: 'OWNER' } }, tenant.ownerToken);
    expect(promoted.data).toEqual({ changeMemberRole: { role: 'OWNER' } });
  });

  it('allows an access expiry only for auditors, and only in the future', async () => {
    const invite = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { member { status accessExpiresAt } } }`;
    const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const viewer = await gql(
      app,
      invite,
      { input: { email: 'v@example.org', role: 'VIEWER', accessExpiresAt: later } },
      tenant.ownerToken,
    );
    expect(viewer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accessExpiresAt' });
    const past = await gql(
      app,
      invite,
      { input: { email: 'a@example.org', role: 'AUDITOR', accessExpiresAt: '2020-01-01T00:00:00Z' } },
      tenant.ownerToken,
    );
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accessExpiresAt' });
    const auditor = await gql(
      app,
      invite,
      { input: { email: 'a@example.org', role: 'AUDITOR', accessExpiresAt: later } },
      tenant.ownerToken,
    );
    expect(auditor.data).toEqual({ inviteMember: { member: { status: 'INVITED', accessExpiresAt: later } } });
  });
});
