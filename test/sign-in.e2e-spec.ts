import type { INestApplication } from '@nestjs/common';
import { codes, createTestTenant, gql, Role, startTestApp, TEST_PASSWORD, type TestTenant } from '#testing';

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token expiresAt member { email role status } tenant { slug } } }`;
const VIEWER = `{ viewer { kind role label tenant { slug } } }`;

describe('sign-in and tokens', () => {
  let app: INestApplication;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await createTestTenant(app);
  });
  afterAll(() => app.close());

  const signIn = (email: string, password: string, slug = tenant.slug) =>
    gql<{ signIn: { token: string; member: { role: string } } }>(app, SIGN_IN, {
      input: { tenant: slug, email, password },
    });

  it('signs in with the right password and the token identifies the member', async () => {
    const res = await signIn(`OWNER@${tenant.slug}.test`, TEST_PASSWORD);
    expect(res.errors).toBeUndefined();
    expect(res.data?.signIn.member.role).toBe('OWNER');
    const viewer = await gql(app, VIEWER, {}, res.data!.signIn.token);
    expect(viewer.data).toEqual({
      viewer: { kind: 'USER', role: 'OWNER', label: `owner@${tenant.slug}.test`, tenant: { slug: tenant.slug } },
    });
  });

  it('refuses a wrong password, an unknown email and an unknown organisation alike', async () => {
    for (const res of [
      await signIn(`owner@${tenant.slug}.test`, 'wrong password!'),
      await signIn(`nobody@${tenant.slug}.test`, TEST_PASSWORD),
      await signIn(`owner@${tenant.slug}.test`, TEST_PASSWORD, 'no-such-org'),
    ]) {
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.errors![0]!.message).toBe('Wrong organisation, email or password.');
      expect(res.data).toBeNull();
    }
  });

  it('refuses an auditor whose access has expired, at sign-in and with an existing token', async () => {
    const auditor = await tenant.memberFor(Role.AUDITOR, new Date(Date.now() - 60_000));
    for (const res of [await gql(app, VIEWER, {}, auditor.token), await signIn(auditor.email, TEST_PASSWORD)]) {
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.errors![0]!.message).toMatch(/auditor access expired on \d{4}-\d{2}-\d{2}/);
    }
  });

  it('lets an auditor whose access has not expired read', async () => {
    const token = await tenant.tokenFor(Role.AUDITOR, new Date(Date.now() + 86_400_000));
    const res = await gql<{ viewer: { role: string } }>(app, VIEWER, {}, token);
    expect(res.data?.viewer.role).toBe('AUDITOR');
  });

  it('refuses missing, malformed and forged tokens', async () => {
    const good = tenant.ownerToken;
    const forged = good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const token of [undefined, 'nonsense', 'a30s.x.y', forged]) {
      expect(codes(await gql(app, VIEWER, {}, token))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('ends a session at sign-out', async () => {
    const token = (await signIn(`owner@${tenant.slug}.test`, TEST_PASSWORD)).data!.signIn.token;
    expect((await gql(app, `mutation { signOut }`, {}, token)).data).toEqual({ signOut: true });
    expect(codes(await gql(app, VIEWER, {}, token))).toEqual(['UNAUTHENTICATED']);
  });

  it('accepts an API key until it is revoked, and shows its secret only once', async () => {
    const created = await gql<{ createApiKey: { secret: string; apiKey: { id: string; role: string } } }>(
      app,
      `mutation { createApiKey(input: { name: "ci", role: VIEWER }) { secret apiKey { id role } } }`,
      {},
      tenant.ownerToken,
    );
    const { secret, apiKey } = created.data!.createApiKey;
    expect(secret).toMatch(/^a30k\./);
    const before = new Date();
    // Two root fields: one authentication, and its use recorded (a write in its own transaction
    // while the request's read transaction is open).
    const used = await gql<{ viewer: { kind: string }; tenant: { slug: string } }>(
      app,
      `{ viewer { kind } tenant { slug } }`,
      {},
      secret,
    );
    expect(used.errors).toBeUndefined();
    expect(used.data?.viewer.kind).toBe('API_KEY');
    const listed = await gql<{ apiKeys: Array<{ id: string; lastUsedAt: string | null }> }>(
      app,
      `{ apiKeys { id name role revokedAt lastUsedAt } }`,
      {},
      tenant.ownerToken,
    );
    const usedAt = listed.data!.apiKeys.find((k) => k.id === apiKey.id)!.lastUsedAt;
    expect(new Date(usedAt!).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(JSON.stringify(listed)).not.toContain(secret.split('.')[2]);
    await gql(app, `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id }, tenant.ownerToken);
    const after = await gql(app, VIEWER, {}, secret);
    expect(codes(after)).toEqual(['UNAUTHENTICATED']);
    expect(after.errors![0]!.message).toMatch(/revoked/);
  });

  it('invites a member who accepts with a password and can then sign in; the invitation works once', async () => {
    const invited = await gql<{ inviteMember: { invitationToken: string; member: { status: string } } }>(
      app,
      `mutation { inviteMember(input: { email: "new@example.org", role: EDITOR }) { invitationToken member { status } } }`,
      {},
      tenant.ownerToken,
    );
    expect(invited.data?.inviteMember.member.status).toBe('INVITED');
    const accept = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token member { role status } } }`;
    const input = { token: invited.data!.inviteMember.invitationToken, password: 'a long enough password' };
    const accepted = await gql<{ acceptInvitation: { member: { role: string; status: string } } }>(app, accept, {
      input,
    });
    expect(accepted.data?.acceptInvitation.member).toEqual({ role: 'EDITOR', status: 'ACTIVE' });
    expect(codes(await gql(app, accept, { input }))).toEqual(['BAD_USER_INPUT']);
    expect((await signIn('new@example.org', 'a long enough password')).data?.signIn.member.role).toBe('EDITOR');
  });

  it('ends every session of a revoked member at once', async () => {
    const editor = await tenant.memberFor(Role.EDITOR);
    expect(codes(await gql(app, VIEWER, {}, editor.token))).toEqual([]);
    const revoked = await gql(
      app,
      `mutation($id: ID!) { revokeMember(id: $id) { status } }`,
      { id: editor.id },
      tenant.ownerToken,
    );
    expect(revoked.data).toEqual({ revokeMember: { status: 'REVOKED' } });
    expect(codes(await gql(app, VIEWER, {}, editor.token))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await signIn(editor.email, TEST_PASSWORD))).toEqual(['UNAUTHENTICATED']);
  });
});
