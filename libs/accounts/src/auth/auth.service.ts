import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, type Principal } from '#core';
import { TenantDb, type TenantTx } from '#database';
import { ApiKey } from '../api-keys/api-key.entity.js';
import { Member } from '../members/member.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { issueCredential, parseCredential, sameHash } from './credential-token.js';
import { dummyHash, verifyPassword } from './password-hasher.js';
import type { RequestWithPrincipal } from './access.decorators.js';
import { Session } from './session.entity.js';

export interface SignedIn {
  token: string;
  expiresAt: Date;
  member: Member;
  tenant: Tenant;
}

const WRONG_CREDENTIALS = 'Wrong organisation, email or password.';

/** Sign-in, sessions and turning a bearer token into a {@link Principal}. */
@Injectable()
export class AuthService {
  constructor(
    private readonly db: TenantDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signIn(tenantSlug: string, email: string, password: string): Promise<SignedIn> {
    const tenant = await this.db.withoutTenant((em) => em.findOneBy(Tenant, { slug: tenantSlug }));
    if (!tenant) {
      await verifyPassword(await dummyHash(), password);
      throw AppError.unauthenticated(WRONG_CREDENTIALS);
    }
    return this.db.run(tenant.id, async (tx) => {
      const member = await tx.em
        .createQueryBuilder(Member, 'm')
        .where('m.tenant_id = :tenantId AND lower(m.email) = lower(:email)', { tenantId: tx.tenantId, email })
        .getOne();
      const ok = await verifyPassword(member?.passwordHash ?? (await dummyHash()), password);
      if (!member || !member.passwordHash || !ok || member.revokedAt) {
        throw AppError.unauthenticated(WRONG_CREDENTIALS);
      }
      assertAccessNotExpired(member);
      return { ...(await this.startSession(tx, member)), tenant };
    });
  }

  /** Creates a session for a member inside the caller's transaction. */
  async startSession(tx: TenantTx, member: Member): Promise<Omit<SignedIn, 'tenant'>> {
    const id = randomUUID();
    const credential = issueCredential('session', tx.tenantId, id);
    const now = new Date();
    let expiresAt = new Date(now.getTime() + this.config.auth.sessionTtlHours * 3_600_000);
    if (member.accessExpiresAt && member.accessExpiresAt < expiresAt) expiresAt = member.accessExpiresAt;
    await tx.em.insert(Session, {
      tenantId: tx.tenantId,
      id,
      memberId: member.id,
      tokenHash: credential.secretHash,
      createdAt: now,
      expiresAt,
      revokedAt: null,
    });
    return { token: credential.token, expiresAt, member };
  }

  async signOut(principal: Principal): Promise<void> {
    if (!principal.sessionId) return;
    await this.db.run(principal.tenantId, (tx) =>
      tx.em.update(Session, { tenantId: tx.tenantId, id: principal.sessionId }, { revokedAt: new Date() }),
    );
  }

  /**
   * The verified caller of one HTTP request, looked up once: every root field of an operation,
   * every operation of a batch and the rate limiter share it.
   */
  authenticateRequest(request: RequestWithPrincipal): Promise<Principal> {
    return (request.principalPromise ??= this.authenticate(bearerToken(request.headers.authorization)));
  }

  /** Verifies a session token or API key and answers who is calling; UNAUTHENTICATED otherwise. */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token) throw AppError.unauthenticated();
    const credential = parseCredential(token);
    if (!credential || credential.kind === 'invitation') throw AppError.unauthenticated('This token is not valid.');
    return this.db.run(credential.tenantId, async (tx) => {
      const tenant = await tx.em.findOneBy(Tenant, { id: tx.tenantId });
      if (!tenant) throw AppError.unauthenticated('This token is not valid.');
      const now = new Date();
      if (credential.kind === 'api_key') {
        const key = await tx.em.findOneBy(ApiKey, { tenantId: tx.tenantId, id: credential.id });
        if (!key || !sameHash(key.secretHash, credential.secretHash)) {
          throw AppError.unauthenticated('This API key is not valid.');
        }
        if (key.revokedAt) throw AppError.unauthenticated('This API key has been revoked.');
        if (key.expiresAt && key.expiresAt <= now) throw AppError.unauthenticated('This API key has expired.');
        await this.touchApiKey(tx, key, now);
        return {
          tenantId: tenant.id,
          tenantSlug: tenant.slug,
          role: key.role,
          kind: 'api_key',
          actorId: key.id,
          actorLabel: `api-key:${key.name}`,
          ...(key.partyId ? { partyId: key.partyId } : {}),
        };
      }
      const session = await tx.em.findOneBy(Session, { tenantId: tx.tenantId, id: credential.id });
      if (!session || !sameHash(session.tokenHash, credential.secretHash) || session.revokedAt) {
        throw AppError.unauthenticated('Your session is not valid. Sign in again.');
      }
      if (session.expiresAt <= now) throw AppError.unauthenticated('Your session has expired. Sign in again.');
      const member = await tx.em.findOneBy(Member, { tenantId: tx.tenantId, id: session.memberId });
      if (!member || member.revokedAt) throw AppError.unauthenticated('Your access has been revoked.');
      assertAccessNotExpired(member, now);
      return {
        tenantId: tenant.id,
        tenantSlug: tenant.slug,
        role: member.role,
        kind: 'user',
        actorId: member.id,
        actorLabel: member.email,
        sessionId: session.id,
      };
    });
  }

  /** Records use at most once a minute, so authenticating stays a read on most requests. */
  private async touchApiKey(tx: TenantTx, key: ApiKey, now: Date): Promise<void> {
    if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < 60_000) return;
    await tx.em.update(ApiKey, { tenantId: tx.tenantId, id: key.id }, { lastUsedAt: now });
  }
}

function assertAccessNotExpired(member: Member, now = new Date()): void {
  if (member.accessExpiresAt && member.accessExpiresAt <= now) {
    const day = member.accessExpiresAt.toISOString().slice(0, 10);
    throw AppError.unauthenticated(`Your ${member.role} access expired on ${day}. Ask the organisation to extend it.`);
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
