import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { AuthService, Member, TenantsService } from '#accounts';
import { Role } from '#core';
import { TenantDb } from '#database';
import { recordSecret, recordSecretsIn } from './secrets-recorder.js';

export interface TestMember {
  id: string;
  email: string;
  token: string;
}

export interface TestTenant {
  id: string;
  slug: string;
  ownerToken: string;
  /** A new signed-in member with the given role (and optional auditor expiry). */
  memberFor(role: Role, accessExpiresAt?: Date | null): Promise<TestMember>;
  tokenFor(role: Role, accessExpiresAt?: Date | null): Promise<string>;
}

const PASSWORD = 'correct horse battery staple';

/** A fresh tenant with an owner, made through the real services (so it obeys RLS). */
export async function createTestTenant(app: INestApplication, name = 'Test organisation'): Promise<TestTenant> {
  const slug = `t-${randomUUID().slice(0, 8)}`;
  const tenants = app.get(TenantsService);
  const auth = app.get(AuthService);
  const db = app.get(TenantDb);
  const { tenant, owner } = await tenants.create({
    slug,
    name,
    defaultLocale: 'en',
    owner: { email: `owner@${slug}.test`, displayName: 'Owner', password: PASSWORD },
  });
  const ownerSession = await db.run(tenant.id, (tx) => auth.startSession(tx, owner));
  recordSecret(PASSWORD);
  recordSecretsIn(ownerSession.token);
  return {
    id: tenant.id,
    slug,
    ownerToken: ownerSession.token,
    tokenFor: async (role, accessExpiresAt = null) => (await memberFor(role, accessExpiresAt)).token,
    memberFor,
  };

  function memberFor(role: Role, accessExpiresAt: Date | null = null): Promise<TestMember> {
    return db.run(tenant.id, async (tx) => {
      const now = new Date();
      const member = tx.em.create(Member, {
        tenantId: tenant.id,
        id: randomUUID(),
        email: `${role}-${randomUUID().slice(0, 6)}@${slug}.test`,
        displayName: role,
        role,
        passwordHash: owner.passwordHash,
        accessExpiresAt: null,
        invitationTokenHash: null,
        invitationExpiresAt: null,
        createdAt: now,
        updatedAt: now,
        revokedAt: null,
      });
      await tx.em.insert(Member, member);
      const session = await auth.startSession(tx, member);
      if (accessExpiresAt) await tx.em.update(Member, { tenantId: tenant.id, id: member.id }, { accessExpiresAt });
      recordSecretsIn(session.token);
      return { id: member.id, email: member.email, token: session.token };
    });
  }
}

export const TEST_PASSWORD = PASSWORD;
export { Role };
