import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { APP_CONFIG, type AppConfig, AppError, Permission, type Principal, Role, roleAllows } from '#core';
import { TenantDb, type TenantTx } from '#database';
import { verifyLink } from '../common/signed-links.js';
import { SubprocessorChange } from '../changes/subprocessor-change.entity.js';
import { Subscriber } from '../subscribers/subscriber.entity.js';
import { Objection, type ObjectionStatus } from './objection.entity.js';

export interface ObjectionText {
  reason: string;
  name?: string | null;
  email?: string | null;
  organisation?: string | null;
}

/**
 * Art. 28(2) objections: a notified customer objects before the deadline, through the signed link
 * in its notice or the API; the compliance team reviews and resolves them with the change.
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly db: TenantDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** From the public objection page: the token names tenant, change and subscriber. */
  async fileViaLink(tenantId: string, token: string, text: ObjectionText): Promise<Objection> {
    const ids = verifyLink(this.config.appSecret, 'object', token, 3);
    if (!ids || ids[0] !== tenantId) throw AppError.notFound('Objection link');
    const [, changeId, subscriberId] = ids as [string, string, string];
    return this.db.run(tenantId, async (tx) => {
      const change = await openChange(tx, changeId);
      const subscriber = await tx.em.findOneBy(Subscriber, { tenantId, id: subscriberId });
      if (!subscriber) throw AppError.notFound('Objection link');
      // One objection per subscriber and change: sending the form again updates it.
      const existing = await tx.em.findOneBy(Objection, { tenantId, changeId: change.id, subscriberId });
      if (existing) {
        Object.assign(existing, cleanText(text), { updatedAt: new Date() });
        return tx.em.save(existing);
      }
      return this.insert(
        tx,
        change,
        { ...cleanText(text), email: text.email ?? subscriber.email },
        {
          channel: 'link',
          subscriberId,
          partyId: null,
        },
      );
    });
  }

  /** Through the API: a customer key for its own organisation, or an admin recording one received otherwise. */
  async fileViaApi(
    principal: Principal,
    changeId: string,
    text: ObjectionText,
    partyId: string | undefined,
  ): Promise<Objection> {
    const customer = principal.role === Role.CUSTOMER;
    if (customer && partyId && partyId !== principal.partyId)
      throw AppError.forbidden('A customer key can object only for its own organisation.');
    if (!customer && !roleAllows(principal.role, Permission.Administer))
      throw AppError.forbidden('Only an admin can record an objection on a customer’s behalf.');
    const party = customer ? principal.partyId! : (partyId ?? null);
    return this.db.run(principal.tenantId, async (tx) => {
      const change = await openChange(tx, changeId);
      if (party) {
        const found = (await tx.em.query(`SELECT 1 FROM parties WHERE tenant_id = $1 AND id = $2`, [
          tx.tenantId,
          party,
        ])) as unknown[];
        if (found.length === 0) throw AppError.notFound('Party', party);
      }
      return this.insert(tx, change, cleanText(text), { channel: 'api', subscriberId: null, partyId: party });
    });
  }

  list(principal: Principal, changeIds?: readonly string[]): Promise<Objection[]> {
    return this.db.run(
      principal.tenantId,
      (tx) =>
        tx.em.find(Objection, {
          where: {
            tenantId: tx.tenantId,
            ...(changeIds ? { changeId: In([...changeIds]) } : {}),
            // A customer sees only its own organisation's objections.
            ...(principal.role === Role.CUSTOMER ? { partyId: principal.partyId } : {}),
          },
          order: { receivedAt: 'ASC', id: 'ASC' },
        }),
      { readOnly: true },
    );
  }

  review(principal: Principal, id: string, status: ObjectionStatus, resolution?: string): Promise<Objection> {
    return this.db.run(principal.tenantId, async (tx) => {
      const objection = await tx.em.findOneBy(Objection, { tenantId: tx.tenantId, id });
      if (!objection) throw AppError.notFound('Objection', id);
      Object.assign(objection, {
        status,
        resolution: resolution ?? objection.resolution,
        updatedAt: new Date(),
        updatedBy: principal.actorLabel,
      });
      return tx.em.save(objection);
    });
  }

  private async insert(
    tx: TenantTx,
    change: SubprocessorChange,
    text: ObjectionText,
    origin: Pick<Objection, 'channel' | 'subscriberId' | 'partyId'>,
  ): Promise<Objection> {
    const now = new Date();
    const objection = tx.em.create(Objection, {
      tenantId: tx.tenantId,
      id: randomUUID(),
      changeId: change.id,
      ...origin,
      name: text.name ?? null,
      email: text.email ?? null,
      organisation: text.organisation ?? null,
      reason: text.reason,
      status: 'received',
      resolution: null,
      receivedAt: now,
      updatedAt: now,
      updatedBy: null,
    });
    return tx.em.save(objection);
  }
}

/** A change that can still be objected to: announced (or urgent and effective) and before its deadline. */
async function openChange(tx: TenantTx, changeId: string): Promise<SubprocessorChange> {
  const change = await tx.em.findOneBy(SubprocessorChange, { tenantId: tx.tenantId, id: changeId });
  if (!change) throw AppError.notFound('Subprocessor change', changeId);
  if (change.status === 'withdrawn')
    throw AppError.conflict('This change was withdrawn: there is nothing to object to.');
  if (new Date() > change.objectionDeadline)
    throw AppError.conflict(
      `The objection period for this change ended on ${change.objectionDeadline.toISOString().slice(0, 10)}.`,
    );
  return change;
}

function cleanText(text: ObjectionText): ObjectionText {
  const reason = text.reason?.trim() ?? '';
  if (reason.length === 0 || reason.length > 5000)
    throw AppError.badInput('reason', 'Say why you object (1 to 5,000 characters).');
  const optional = (field: 'name' | 'email' | 'organisation', max: number) => {
    const value = text[field]?.trim();
    if (value && value.length > max) throw AppError.badInput(field, `${field} is longer than ${max} characters.`);
    return value || null;
  };
  return {
    reason,
    name: optional('name', 200),
    email: optional('email', 254),
    organisation: optional('organisation', 300),
  };
}
