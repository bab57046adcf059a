import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, Permission, type Principal, Role, roleAllows } from '#core';
import { TenantDb, type TenantTx } from '#database';
import { IsNull } from 'typeorm';
import { AuthService, type SignedIn } from '../auth/auth.service.js';
import { issueCredential, parseCredential, sameHash } from '../auth/credential-token.js';
import { hashPassword } from '../auth/password-hasher.js';
import { Session } from '../auth/session.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { Member } from './member.entity.js';

export interface Invitation {
  email: string;
  displayName?: string;
  role: Role;
  accessExpiresAt?: Date | null;
}

/** Invite, accept, change role, revoke: the membership lifecycle of one tenant. */
@Injectable()
export class MembersService {
  constructor(
    private readonly db: TenantDb,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(principal: Principal): Promise<Member[]> {
    return this.db.run(
      principal.tenantId,
      (tx) => tx.em.find(Member, { where: { tenantId: tx.tenantId }, order: { createdAt: 'ASC', id: 'ASC' } }),
      { readOnly: true },
    );
  }

  get(principal: Principal, id: string): Promise<Member> {
    return this.db.run(principal.tenantId, (tx) => this.load(tx, id), { readOnly: true });
  }

  async invite(principal: Principal, input: Invitation): Promise<{ member: Member; invitationToken: string }> {
    assertMayAssign(principal, input.role);
    const accessExpiresAt = checkExpiry(input.role, input.accessExpiresAt ?? null);
    return this.db.run(principal.tenantId, async (tx) => {
      const clash = await tx.em
        .createQueryBuilder(Member, 'm')
        .where('m.tenant_id = :t AND lower(m.email) = lower(:e)', { t: tx.tenantId, e: input.email })
        .getExists();
      if (clash) throw AppError.conflict(`${input.email} is already a member of this organisation.`, 'input.email');
      const id = randomUUID();
      const credential = issueCredential('invitation', tx.tenantId, id);
      const now = new Date();
      const member = tx.em.create(Member, {
        tenantId: tx.tenantId,
        id,
        email: input.email,
        displayName: input.displayName ?? '',
        role: input.role,
        passwordHash: null,
        accessExpiresAt,
        invitationTokenHash: credential.secretHash,
        invitationExpiresAt: new Date(now.getTime() + this.config.auth.invitationTtlHours * 3_600_000),
        createdAt: now,
        updatedAt: now,
        revokedAt: null,
      });
      await tx.em.insert(Member, member);
      return { member, invitationToken: credential.token };
    });
  }

  async acceptInvitation(token: string, password: string, displayName?: string): Promise<SignedIn> {
    const credential = parseCredential(token);
    const invalid = () => AppError.badInput('input.token', 'This invitation is not valid. Ask for a new one.');
    if (!credential || credential.kind !== 'invitation') throw invalid();
    const passwordHash = await hashPassword(password);
    return this.db.run(credential.tenantId, async (tx) => {
      const member = await tx.em.findOneBy(Member, { tenantId: tx.tenantId, id: credential.id });
      if (
        !member?.invitationTokenHash ||
        member.revokedAt ||
        !sameHash(member.invitationTokenHash, credential.secretHash)
      )
        throw invalid();
      if (!member.invitationExpiresAt || member.invitationExpiresAt <= new Date()) {
        throw AppError.badInput('input.token', 'This invitation has expired. Ask for a new one.');
      }
      Object.assign(member, {
        passwordHash,
        invitationTokenHash: null,
        invitationExpiresAt: null,
        updatedAt: new Date(),
      });
      if (displayName) member.displayName = displayName;
      await tx.em.save(member);
      const tenant = await tx.em.findOneByOrFail(Tenant, { id: tx.tenantId });
      return { ...(await this.auth.startSession(tx, member)), tenant };
    });
  }

  async changeRole(
    principal: Principal,
    memberId: string,
    role: Role,
    accessExpiresAt: Date | null = null,
  ): Promise<Member> {
    assertMayAssign(principal, role);
    const expiry = checkExpiry(role, accessExpiresAt);
    return this.db.run(principal.tenantId, async (tx) => {
      const member = await this.load(tx, memberId);
      if (member.revokedAt) throw AppError.conflict('This member has been revoked; invite them again instead.');
      assertMayAssign(principal, member.role);
      if (member.role === Role.OWNER && role !== Role.OWNER) await this.assertNotLastOwner(tx, member);
      Object.assign(member, { role, accessExpiresAt: expiry, updatedAt: new Date() });
      return tx.em.save(member);
    });
  }

  async revoke(principal: Principal, memberId: string): Promise<Member> {
    return this.db.run(principal.tenantId, async (tx) => {
      const member = await this.load(tx, memberId);
      if (member.revokedAt) return member;
      assertMayAssign(principal, member.role);
      if (member.role === Role.OWNER) await this.assertNotLastOwner(tx, member);
      const now = new Date();
      Object.assign(member, { revokedAt: now, invitationTokenHash: null, updatedAt: now });
      await tx.em.save(member);
      await tx.em.update(Session, { tenantId: tx.tenantId, memberId, revokedAt: IsNull() }, { revokedAt: now });
      return member;
    });
  }

  private async load(tx: TenantTx, id: string): Promise<Member> {
    const member = await tx.em.findOneBy(Member, { tenantId: tx.tenantId, id });
    if (!member) throw AppError.notFound('Member', id);
    return member;
  }

  private async assertNotLastOwner(tx: TenantTx, member: Member): Promise<void> {
    const owners = await tx.em.countBy(Member, { tenantId: tx.tenantId, role: Role.OWNER, revokedAt: IsNull() });
    if (owners <= 1 && member.role === Role.OWNER) {
      throw AppError.conflict('An organisation needs at least one owner: make someone else owner first.');
    }
  }
}

/** Only owners may make, change or remove owners. */
function assertMayAssign(principal: Principal, role: Role): void {
  if (role === Role.CUSTOMER)
    throw AppError.badInput('input.role', 'The customer role is for API keys: members cannot have it.');
  if (role === Role.OWNER && !roleAllows(principal.role, Permission.ManageOwners)) {
    throw AppError.forbidden('Only an owner can grant, change or revoke the owner role.');
  }
}

/** An access expiry belongs to auditors only, and must lie in the future. */
function checkExpiry(role: Role, expiresAt: Date | null): Date | null {
  if (!expiresAt) return null;
  if (role !== Role.AUDITOR)
    throw AppError.badInput('input.accessExpiresAt', 'Only auditor access can have an expiry date.');
  if (expiresAt <= new Date())
    throw AppError.badInput('input.accessExpiresAt', 'The expiry date must be in the future.');
  return expiresAt;
}
