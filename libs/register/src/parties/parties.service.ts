import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import type { TenantTx } from '#database';
import { checkCountry, isForeignKeyViolation } from '../common/code-checks.js';
import { assertExternalKeyFree } from '../common/external-key.js';
import type { Connection } from '../common/pagination.js';
import { type Condition, RegisterReader } from '../common/register-reader.js';
import { RegisterWriter, type WriteOptions } from '../common/register-writer.js';
import { containsPattern } from '../common/text-search.js';
import { applyChanges, sentFields } from '../common/updates.js';
import type { CreatePartyInput, PartyFilter, UpdatePartyInput } from './dto/party.input.js';
import { Party } from './party.entity.js';
import { findForUpdate } from '../common/row-lock.js';

export const partyReader = new RegisterReader<Party>('parties', Party);

/** The organisations of the register: list, read as of any instant, create, change, delete. */
@Injectable()
export class PartiesService {
  constructor(private readonly register: RegisterWriter) {}

  list(
    principal: Principal,
    filter: PartyFilter = {},
    page: { first?: number; after?: string } = {},
    asOf?: Date,
  ): Promise<Connection<Party>> {
    const conditions: Condition[] = [];
    if (filter.roles?.length) conditions.push({ sql: 'r.roles && ?::text[]', params: [filter.roles] });
    if (filter.country)
      conditions.push({ sql: 'r.country = ?', params: [checkCountry('filter.country', filter.country)] });
    if (filter.search) {
      conditions.push({
        sql: '(r.name ILIKE ? OR r.registration_number ILIKE ? OR r.city ILIKE ?)',
        params: Array(3).fill(containsPattern(filter.search)),
      });
    }
    return this.register.read(principal, (tx) => partyReader.page(tx, { conditions, ...page }, asOf));
  }

  async get(principal: Principal, id: string, asOf?: Date): Promise<Party> {
    const [party] = await this.register.read(principal, (tx) => partyReader.byIds(tx, [id], asOf));
    if (!party) throw AppError.notFound('Party', id);
    return party;
  }

  byIds(principal: Principal, ids: readonly string[], asOf?: Date): Promise<Party[]> {
    return this.register.read(principal, (tx) => partyReader.byIds(tx, ids, asOf));
  }

  create(principal: Principal, input: CreatePartyInput, options?: WriteOptions): Promise<Party> {
    return this.register.write(principal, (tx) => this.insert(tx, input), options);
  }

  /** Inside a caller's transaction (imports and seeding write many rows in one). */
  async insert(tx: TenantTx, input: CreatePartyInput): Promise<Party> {
    const now = new Date();
    const party = tx.em.create(Party, {
      ...emptyParty(),
      ...normalise(input),
      tenantId: tx.tenantId,
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
    });
    await assertExternalKeyFree(tx, 'parties', 'party', party.externalKey, party.id);
    await tx.em.insert(Party, party);
    return party;
  }

  update(principal: Principal, input: UpdatePartyInput, options?: WriteOptions): Promise<Party> {
    return this.register.write(principal, (tx) => this.patch(tx, input.id, input), options);
  }

  /** Changes the given fields inside a caller's transaction; omitted fields stay. */
  async patch(tx: TenantTx, id: string, changes: Partial<CreatePartyInput>): Promise<Party> {
    const party = await findForUpdate(tx, Party, id);
    if (!party) throw AppError.notFound('Party', id);
    applyChanges(party, normalise(changes), ['name', 'roles', 'isPublicAuthority', 'certifications']);
    await assertExternalKeyFree(tx, 'parties', 'party', party.externalKey, party.id);
    party.updatedAt = new Date();
    return tx.em.save(party);
  }

  delete(principal: Principal, id: string, options?: WriteOptions): Promise<Party> {
    return this.register.write(
      principal,
      async (tx) => {
        const party = await tx.em.findOneBy(Party, { tenantId: tx.tenantId, id });
        if (!party) throw AppError.notFound('Party', id);
        const [used] = (await tx.em.query(
          `SELECT count(*)::int AS n FROM activities a
            WHERE a.tenant_id = $1 AND ($2 = ANY (a.joint_controller_ids)
               OR a.controllers @> jsonb_build_array(jsonb_build_object('partyId', $2::text))
               OR a.recipients @> jsonb_build_array(jsonb_build_object('partyId', $2::text))
               OR a.transfers @> jsonb_build_array(jsonb_build_object('partyId', $2::text)))`,
          [tx.tenantId, id],
        )) as Array<{ n: number }>;
        if (used && used.n > 0)
          throw AppError.conflict(`${party.name} is still named in ${used.n} processing activities.`);
        try {
          await tx.em.delete(Party, { tenantId: tx.tenantId, id });
        } catch (error) {
          if (isForeignKeyViolation(error))
            throw AppError.conflict(`${party.name} is still engaged as a (sub)processor.`);
          throw error;
        }
        return party;
      },
      options,
    );
  }
}

function normalise<T extends Partial<CreatePartyInput>>(input: T): Partial<T> {
  const out = sentFields(input);
  if (input.country) out.country = checkCountry('input.country', input.country);
  if (input.roles) out.roles = [...new Set(input.roles)];
  return out;
}

function emptyParty(): Omit<Party, 'tenantId' | 'id' | 'name' | 'createdAt' | 'updatedAt'> {
  return {
    roles: [],
    legalForm: null,
    registrationNumber: null,
    street: null,
    postalCode: null,
    city: null,
    country: null,
    contactName: null,
    contactEmail: null,
    contactPhone: null,
    dpoName: null,
    dpoEmail: null,
    dpoPhone: null,
    website: null,
    isPublicAuthority: false,
    staffCount: null,
    certifications: [],
    description: null,
    externalKey: null,
  };
}
