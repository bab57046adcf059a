import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, type Principal, type Role } from '#core';
import { prepared, type PreparedStatement, TenantDb, type TenantTx } from '#database';
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

  /**
   * Verifies a session token or API key and answers who is calling; UNAUTHENTICATED otherwise.
   * One statement, in a plain read (the request's shared read transaction, where there is one).
   */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token) throw AppError.unauthenticated();
    const credential = parseCredential(token);
    if (!credential || credential.kind === 'invitation') throw AppError.unauthenticated('This token is not valid.');
    const now = new Date();
    if (credential.kind === 'api_key') {
      const found = await this.lookUp<ApiKeyRow>(API_KEY_SQL, credential.tenantId, credential.id);
      if (!found) throw AppError.unauthenticated('This token is not valid.');
      if (!found.key_id || !sameHash(found.secret_hash!, credential.secretHash)) {
        throw AppError.unauthenticated('This API key is not valid.');
      }
      if (found.revoked_at) throw AppError.unauthenticated('This API key has been revoked.');
      if (found.expires_at && found.expires_at <= now) throw AppError.unauthenticated('This API key has expired.');
      await this.touchApiKey(found, now);
      return {
        tenantId: found.tenant_id,
        tenantSlug: found.slug,
        role: found.role!,
        kind: 'api_key',
        actorId: found.key_id,
        actorLabel: `api-key:${found.name}`,
        ...(found.party_id ? { partyId: found.party_id } : {}),
      };
    }
    const found = await this.lookUp<SessionRow>(SESSION_SQL, credential.tenantId, credential.id);
    if (!found) throw AppError.unauthenticated('This token is not valid.');
    if (!found.session_id || !sameHash(found.token_hash!, credential.secretHash) || found.session_revoked_at) {
      throw AppError.unauthenticated('Your session is not valid. Sign in again.');
    }
    if (found.expires_at! <= now) throw AppError.unauthenticated('Your session has expired. Sign in again.');
    if (!found.member_id || found.member_revoked_at) throw AppError.unauthenticated('Your access has been revoked.');
    assertAccessNotExpired({ role: found.role!, accessExpiresAt: found.access_expires_at }, now);
    return {
      tenantId: found.tenant_id,
      tenantSlug: found.slug,
      role: found.role!,
      kind: 'user',
      actorId: found.member_id,
      actorLabel: found.email!,
      sessionId: found.session_id,
    };
  }

  /**
   * The tenant and credential row, in the request's read transaction, by a prepared statement: it
   * travels in the same round trip as the transaction's opening, its two UUIDs inlined as literals
   * (TenantDb.readPrepared), and is planned once per connection.
   */
  private async lookUp<T>(statement: PreparedStatement, tenantId: string, id: string) {
    if (!UUID.test(tenantId) || !UUID.test(id)) throw AppError.unauthenticated('This token is not valid.');
    const rows = await this.db.readPrepared<T>(tenantId, statement, [tenantId, id]);
    return rows[0];
  }

  /** Records use at most once a minute, so authenticating stays a read on most requests. */
  private async touchApiKey(key: ApiKeyRow, now: Date): Promise<void> {
    if (key.last_used_at && now.getTime() - key.last_used_at.getTime() < 60_000) return;
    await this.db.run(key.tenant_id, (tx) =>
      tx.em.update(ApiKey, { tenantId: tx.tenantId, id: key.key_id! }, { lastUsedAt: now }),
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The tenant, and the credential with what it stands for, in one statement (null columns when the
// credential is not there). RLS limits all three tables to the token's tenant.
const SESSION_SQL = prepared(`
  SELECT t.id AS tenant_id, t.slug, s.id AS session_id, s.token_hash, s.expires_at, s.revoked_at AS session_revoked_at,
         m.id AS member_id, m.email, m.role, m.access_expires_at, m.revoked_at AS member_revoked_at
    FROM tenants t
    LEFT JOIN sessions s ON s.tenant_id = t.id AND s.id = $2::uuid
    LEFT JOIN members m ON m.tenant_id = s.tenant_id AND m.id = s.member_id
   WHERE t.id = $1::uuid`);

const API_KEY_SQL = prepared(`
  SELECT t.id AS tenant_id, t.slug, k.id AS key_id, k.name, k.role, k.secret_hash, k.expires_at, k.revoked_at,
         k.last_used_at, k.party_id
    FROM tenants t
    LEFT JOIN api_keys k ON k.tenant_id = t.id AND k.id = $2::uuid
   WHERE t.id = $1::uuid`);

interface SessionRow {
  tenant_id: string;
  slug: string;
  session_id: string | null;
  token_hash: Buffer | null;
  expires_at: Date | null;
  session_revoked_at: Date | null;
  member_id: string | null;
  email: string | null;
  role: Role | null;
  access_expires_at: Date | null;
  member_revoked_at: Date | null;
}

interface ApiKeyRow {
  tenant_id: string;
  slug: string;
  key_id: string | null;
  name: string | null;
  role: Role | null;
  secret_hash: Buffer | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  party_id: string | null;
}

function assertAccessNotExpired(member: Pick<Member, 'role' | 'accessExpiresAt'>, now = new Date()): void {
  if (member.accessExpiresAt && member.accessExpiresAt <= now) {
    const day = member.accessExpiresAt.toISOString().slice(0, 10);
    throw AppError.unauthenticated(`Your ${member.role} access expired on ${day}. Ask the organisation to extend it.`);
  }
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
