import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, type Principal, Role } from '#core';
import { TenantDb } from '#database';
import { issueCredential } from '../auth/credential-token.js';
import { ApiKey } from './api-key.entity.js';

/** API keys for integrations: shown once, stored hashed, carry a role, revocable. */
@Injectable()
export class ApiKeysService {
  constructor(private readonly db: TenantDb) {}

  list(principal: Principal): Promise<ApiKey[]> {
    return this.db.run(
      principal.tenantId,
      (tx) => tx.em.find(ApiKey, { where: { tenantId: tx.tenantId }, order: { createdAt: 'DESC', id: 'ASC' } }),
      { readOnly: true },
    );
  }

  async create(
    principal: Principal,
    input: { name: string; role: Role; expiresAt?: Date | null; partyId?: string | null },
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    if (input.role === Role.OWNER) throw AppError.badInput('input.role', 'An API key cannot have the owner role.');
    if (input.expiresAt && input.expiresAt <= new Date()) {
      throw AppError.badInput('input.expiresAt', 'The expiry date must be in the future.');
    }
    const partyId = input.partyId ?? null;
    if ((input.role === Role.CUSTOMER) !== (partyId !== null))
      throw AppError.badInput(
        'input.partyId',
        'A customer key needs the party (controller) it speaks for; other keys take none.',
      );
    return this.db.run(principal.tenantId, async (tx) => {
      if (partyId) {
        // The accounts lib does not depend on the register: a plain existence check under RLS.
        const found = (await tx.em.query(`SELECT 1 FROM parties WHERE tenant_id = $1 AND id = $2`, [
          tx.tenantId,
          partyId,
        ])) as unknown[];
        if (found.length === 0) throw AppError.notFound('Party', partyId);
      }
      const id = randomUUID();
      const credential = issueCredential('api_key', tx.tenantId, id);
      const apiKey = tx.em.create(ApiKey, {
        tenantId: tx.tenantId,
        id,
        name: input.name,
        role: input.role,
        partyId,
        secretHash: credential.secretHash,
        createdBy: principal.kind === 'user' ? principal.actorId : null,
        createdAt: new Date(),
        expiresAt: input.expiresAt ?? null,
        revokedAt: null,
        lastUsedAt: null,
      });
      await tx.em.insert(ApiKey, apiKey);
      return { apiKey, secret: credential.token };
    });
  }

  async revoke(principal: Principal, id: string): Promise<ApiKey> {
    return this.db.run(principal.tenantId, async (tx) => {
      const apiKey = await tx.em.findOneBy(ApiKey, { tenantId: tx.tenantId, id });
      if (!apiKey) throw AppError.notFound('API key', id);
      if (!apiKey.revokedAt) {
        apiKey.revokedAt = new Date();
        await tx.em.save(apiKey);
      }
      return apiKey;
    });
  }
}
