import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, type Principal, Role } from '#core';
import { TenantDb } from '#database';
import { Member } from '../members/member.entity.js';
import { hashPassword } from '../auth/password-hasher.js';
import { type Locale, Tenant } from './tenant.entity.js';

export interface NewTenant {
  slug: string;
  name: string;
  defaultLocale: Locale;
  owner: { email: string; displayName: string; password: string };
}

@Injectable()
export class TenantsService {
  constructor(private readonly db: TenantDb) {}

  /** Creates a tenant and its first owner in one transaction (CLI, seeding, later sign-up). */
  async create(input: NewTenant): Promise<{ tenant: Tenant; owner: Member }> {
    const existing = await this.findBySlug(input.slug);
    if (existing) throw AppError.conflict(`An organisation with slug "${input.slug}" already exists.`, 'slug');
    const id = randomUUID();
    const passwordHash = await hashPassword(input.owner.password);
    return this.db.run(id, async (tx) => {
      const now = new Date();
      const tenant = tx.em.create(Tenant, {
        id,
        slug: input.slug,
        name: input.name,
        defaultLocale: input.defaultLocale,
        noticePeriodDays: 30,
        createdAt: now,
        updatedAt: now,
      });
      await tx.em.insert(Tenant, tenant);
      const owner = tx.em.create(Member, {
        tenantId: id,
        id: randomUUID(),
        email: input.owner.email,
        displayName: input.owner.displayName,
        role: Role.OWNER,
        passwordHash,
        accessExpiresAt: null,
        invitationTokenHash: null,
        invitationExpiresAt: null,
        createdAt: now,
        updatedAt: now,
        revokedAt: null,
      });
      await tx.em.insert(Member, owner);
      return { tenant, owner };
    });
  }

  findBySlug(slug: string): Promise<Tenant | null> {
    return this.db.withoutTenant((em) => em.findOneBy(Tenant, { slug }));
  }

  async count(): Promise<number> {
    return this.db.withoutTenant((em) => em.count(Tenant));
  }

  async current(principal: Principal): Promise<Tenant> {
    const tenant = await this.db.run(principal.tenantId, (tx) => tx.em.findOneBy(Tenant, { id: tx.tenantId }), {
      readOnly: true,
    });
    if (!tenant) throw AppError.notFound('Organisation');
    return tenant;
  }

  async update(
    principal: Principal,
    changes: { name?: string; defaultLocale?: Locale; noticePeriodDays?: number },
  ): Promise<Tenant> {
    return this.db.run(principal.tenantId, async (tx) => {
      await tx.em.update(Tenant, { id: tx.tenantId }, { ...changes, updatedAt: new Date() });
      return tx.em.findOneByOrFail(Tenant, { id: tx.tenantId });
    });
  }
}
