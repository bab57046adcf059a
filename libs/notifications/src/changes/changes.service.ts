import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { In, type QueryDeepPartialEntity } from 'typeorm';
import { APP_CONFIG, type AppConfig, AppError, Permission, type Principal, Role, roleAllows } from '#core';
import { asOne, insertStatement, TenantDb, type TenantTx } from '#database';
import { Engagement, EngagementsService, RegisterWriter, vendorNotFound } from '#register';
import type { CreateEngagementInput, UpdateEngagementInput } from '#register';
import { ChangeApproval } from './change-approval.entity.js';
import { engagementDiff, inWords } from './change-diff.js';
import { changeEventStatement, enqueueChangeEvent } from './change-events.js';
import { describeEngagement, readAnnouncementContext } from './change-scope.js';
import { changeTiming } from './change-timing.js';
import { type ChangeKind, type ChangeStatus, SubprocessorChange } from './subprocessor-change.entity.js';

export interface AnnounceOptions {
  effectiveAt?: Date;
  noticePeriodDays?: number;
  /** Makes the change effective at once (an emergency); recorded and still notified. */
  urgentReason?: string;
  note?: string;
}

const OPEN: ChangeStatus[] = ['announced', 'awaiting_approval'];
/** The history's actor for what the worker does when a notice period ends. */
export const ACTIVATION_ACTOR = 'art30 (notice period ended)';

/**
 * Art. 28(2) changes to the subprocessor list: announced with a notice period, held for controllers
 * on specific authorisation, open to objections, and put into effect by the worker when due. Each
 * announcement writes the register change and its outbox event in one transaction.
 */
@Injectable()
export class ChangesService {
  constructor(
    private readonly register: RegisterWriter,
    private readonly db: TenantDb,
    private readonly engagements: EngagementsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new subprocessor: recorded as planned now, active when the change takes effect. */
  announceAddition(
    principal: Principal,
    input: CreateEngagementInput,
    options: AnnounceOptions,
  ): Promise<SubprocessorChange> {
    return this.register.write(
      principal,
      async (tx) => {
        const engagement = await this.engagements.build(
          tx,
          { ...input, status: 'planned' as never, startedOn: undefined },
          { vendorCheckedByCaller: true }, // by announce, in its one read
        );
        return this.announce(tx, principal, 'added', { engagement, before: null, after: engagement }, options, {
          added: engagement,
        });
      },
      { note: options.note },
    );
  }

  /** A material change to an active subprocessor (locations, purpose, data …): applied when it takes effect. */
  announceChange(
    principal: Principal,
    input: UpdateEngagementInput,
    options: AnnounceOptions,
  ): Promise<SubprocessorChange> {
    return this.register.write(
      principal,
      async (tx) => {
        // preview locks the engagement: of two racing announcements, the second sees the first's change.
        const { before, after } = await this.engagements.preview(tx, input);
        assertActive(before, 'input.id');
        await this.assertNoOpenChange(tx, [before.id]);
        const proposed = Object.fromEntries(
          Object.entries(input).filter(([key, value]) => key !== 'id' && value !== undefined),
        );
        const diff = engagementDiff(before, after);
        if (diff.length === 0) throw AppError.badInput('input', 'Nothing would change: send the fields that change.');
        return this.announce(tx, principal, 'changed', { engagement: before, before, after, proposed }, options);
      },
      { note: options.note },
    );
  }

  /** A new vendor in place of an active one: the old one ends when the new one starts. */
  announceReplacement(
    principal: Principal,
    replacedEngagementId: string,
    input: CreateEngagementInput,
    options: AnnounceOptions,
  ): Promise<SubprocessorChange> {
    return this.register.write(
      principal,
      async (tx) => {
        await lockEngagements(tx, [replacedEngagementId]);
        const replaced = await findEngagement(tx, replacedEngagementId, 'replacedEngagementId');
        assertActive(replaced, 'replacedEngagementId');
        await this.assertNoOpenChange(tx, [replaced.id]);
        const engagement = await this.engagements.build(
          tx,
          { ...input, status: 'planned' as never, startedOn: undefined },
          { vendorCheckedByCaller: true }, // by announce, in its one read
        );
        return this.announce(
          tx,
          principal,
          'replaced',
          { engagement, before: replaced, after: engagement, replaced },
          options,
          { added: engagement },
        );
      },
      { note: options.note },
    );
  }

  /** An active subprocessor to be ended. */
  announceRemoval(principal: Principal, engagementId: string, options: AnnounceOptions): Promise<SubprocessorChange> {
    return this.register.write(
      principal,
      async (tx) => {
        await lockEngagements(tx, [engagementId]);
        const engagement = await findEngagement(tx, engagementId, 'engagementId');
        assertActive(engagement, 'engagementId');
        await this.assertNoOpenChange(tx, [engagement.id]);
        return this.announce(tx, principal, 'removed', { engagement, before: engagement, after: null }, options);
      },
      { note: options.note },
    );
  }

  /**
   * Reads what the announcement needs in one statement, then writes in one more: the change, its
   * approvals, its event and, last, a new engagement (`added`, built and checked but not yet
   * written; its vendor is checked here, in the one read). The engagement's history trigger takes the tenant's chain-head lock, which every
   * register write of the tenant waits for until this transaction commits; fired at the end of the
   * last statement, which goes with the COMMIT (`commitWith`), it is held for the commit only. A
   * change that takes effect at once (urgent) starts the engagement first.
   */
  private async announce(
    tx: TenantTx,
    principal: Principal,
    kind: ChangeKind,
    what: {
      engagement: Engagement;
      before: Engagement | null;
      after: Engagement | null;
      proposed?: Record<string, unknown>;
      replaced?: Engagement;
    },
    options: AnnounceOptions,
    pending: { added?: Engagement } = {},
  ): Promise<SubprocessorChange> {
    const productIds = [...new Set([...(what.before?.productIds ?? []), ...(what.after?.productIds ?? [])])];
    const context = await readAnnouncementContext(tx, {
      shown: what.after ?? what.engagement,
      replaced: what.replaced,
      engagementIds: [what.engagement.id, ...(what.replaced ? [what.replaced.id] : [])],
      productIds,
    });
    if (pending.added) {
      // A new engagement's vendor is checked here, not when it was built (see build's vendorCheckedByCaller).
      if (!context.vendorId) throw vendorNotFound(pending.added.vendorId);
      pending.added.vendorId = context.vendorId;
    }
    const now = new Date();
    const timing = changeTiming(now, context.tenant.noticePeriodDays, options);

    const change = tx.em.create(SubprocessorChange, {
      tenantId: tx.tenantId,
      id: randomUUID(),
      kind,
      engagementId: what.engagement.id,
      replacedEngagementId: what.replaced?.id ?? null,
      proposed: what.proposed ?? null,
      // An addition or removal is described whole by its subject; a change or replacement field by field.
      diff: what.before && what.after ? await inWords(tx, engagementDiff(what.before, what.after)) : [],
      subject: context.subject,
      productIds,
      status: context.approvers.length > 0 ? 'awaiting_approval' : 'announced',
      note: options.note ?? null,
      urgentReason: options.urgentReason ?? null,
      ...timing,
      announcedAt: now,
      effectedAt: null,
      withdrawnAt: null,
      withdrawalReason: null,
      createdBy: principal.actorLabel,
      leaseUntil: null,
    });
    const effectiveNow = change.status === 'announced' && Boolean(options.urgentReason);
    if (effectiveNow) {
      if (pending.added) await tx.em.insert(Engagement, pending.added);
      await this.putIntoEffect(tx, change, now);
    }
    // Every row in one statement (one round trip), the new engagement last, sent with the COMMIT (see above).
    const rows = asOne([
      insertStatement(tx, SubprocessorChange, change as QueryDeepPartialEntity<SubprocessorChange>),
      ...(context.approvers.length > 0
        ? [
            insertStatement(
              tx,
              ChangeApproval,
              context.approvers.map((partyId) => ({
                tenantId: tx.tenantId,
                changeId: change.id,
                partyId,
                status: 'pending' as const,
                decidedAt: null,
                decidedBy: null,
                note: null,
              })),
            ),
          ]
        : []),
      changeEventStatement(tx, this.config, 'subprocessor_change.announced', change, context.tenant).statement,
      ...(pending.added && !effectiveNow ? [insertStatement(tx, Engagement, pending.added)] : []),
    ])!;
    if (tx.commitWith) tx.commitWith(rows);
    else await tx.em.query(rows.sql, rows.params);
    return change;
  }

  /**
   * A subprocessor added before art30 kept the notices (a changelog in a published policy):
   * recorded as an effective change on that day, so the public history shows it, and not notified.
   */
  async recordPastAddition(tx: TenantTx, engagement: Engagement, on: Date, note: string): Promise<SubprocessorChange> {
    const change = tx.em.create(SubprocessorChange, {
      tenantId: tx.tenantId,
      id: randomUUID(),
      kind: 'added',
      engagementId: engagement.id,
      replacedEngagementId: null,
      proposed: null,
      diff: [],
      subject: await describeEngagement(tx, engagement),
      productIds: engagement.productIds,
      status: 'effective',
      note,
      urgentReason: null,
      noticePeriodDays: 0,
      announcedAt: on,
      effectiveAt: on,
      objectionDeadline: on,
      effectedAt: on,
      withdrawnAt: null,
      withdrawalReason: null,
      createdBy: 'demo seed (from the published privacy policy)',
      leaseUntil: null,
    });
    return tx.em.save(change);
  }

  /** Called by the worker for a change whose effective date has come. Safe to repeat. */
  activate(tenantId: string, changeId: string): Promise<boolean> {
    return this.db.run(
      tenantId,
      async (tx) => {
        const change = await tx.em.findOne(SubprocessorChange, {
          where: { tenantId, id: changeId },
          lock: { mode: 'pessimistic_write' },
        });
        const now = new Date();
        if (!change || change.status !== 'announced' || change.effectiveAt > now) return false;
        await this.putIntoEffect(tx, change, now);
        await tx.em.save(change);
        await enqueueChangeEvent(tx, this.config, 'subprocessor_change.effective', change);
        return true;
      },
      { actor: ACTIVATION_ACTOR, note: `Announced subprocessor change ${changeId} took effect` },
    );
  }

  private async putIntoEffect(tx: TenantTx, change: SubprocessorChange, now: Date): Promise<void> {
    const today = now.toISOString().slice(0, 10);
    const start = async (id: string) => {
      const engagement = await findEngagement(tx, id, 'engagementId');
      engagement.status = 'active';
      engagement.startedOn ??= today;
      engagement.updatedAt = now;
      await tx.em.save(engagement);
    };
    const end = async (id: string) => {
      const engagement = await findEngagement(tx, id, 'engagementId');
      engagement.status = 'ended';
      engagement.endedOn = today;
      engagement.updatedAt = now;
      await tx.em.save(engagement);
    };
    if (change.kind === 'added') await start(change.engagementId);
    if (change.kind === 'replaced') {
      await start(change.engagementId);
      await end(change.replacedEngagementId!);
    }
    if (change.kind === 'removed') await end(change.engagementId);
    if (change.kind === 'changed') {
      // Checked again now: a product or category named in the proposal may have gone since.
      const { after } = await this.engagements.preview(tx, { ...change.proposed, id: change.engagementId } as never);
      after.updatedAt = now;
      await tx.em.save(after);
    }
    change.status = 'effective';
    change.effectedAt = now;
    change.leaseUntil = null;
  }

  /** Calls a change off before it takes effect; a planned vendor it would have added is removed again. */
  withdraw(principal: Principal, changeId: string, reason: string): Promise<SubprocessorChange> {
    return this.register.write(
      principal,
      async (tx) => {
        const change = await this.lockChange(tx, changeId);
        if (!['announced', 'awaiting_approval', 'rejected'].includes(change.status))
          throw AppError.conflict(`This change is ${change.status} and can no longer be withdrawn.`);
        change.status = 'withdrawn';
        change.withdrawnAt = new Date();
        change.withdrawalReason = reason;
        await tx.em.save(change);
        if (change.kind === 'added' || change.kind === 'replaced')
          await tx.em.delete(Engagement, { tenantId: tx.tenantId, id: change.engagementId, status: 'planned' });
        await enqueueChangeEvent(tx, this.config, 'subprocessor_change.withdrawn', change);
        return change;
      },
      { note: `Withdrawn: ${reason}` },
    );
  }

  /**
   * Records a controller's decision on a change that waits for its specific authorisation: by a
   * tenant admin on the controller's behalf, or by the controller's own customer API key.
   */
  decide(
    principal: Principal,
    changeId: string,
    partyId: string,
    approve: boolean,
    note: string | undefined,
  ): Promise<SubprocessorChange> {
    const ownParty = principal.role === Role.CUSTOMER;
    if (ownParty && principal.partyId !== partyId)
      throw AppError.forbidden('A customer key can decide only for its own organisation.');
    if (!ownParty && !roleAllows(principal.role, Permission.Administer))
      throw AppError.forbidden('Only an admin can record a controller’s decision.');
    return this.register.write(principal, async (tx) => {
      const change = await this.lockChange(tx, changeId);
      const approval = await tx.em.findOneBy(ChangeApproval, { tenantId: tx.tenantId, changeId, partyId });
      if (!approval) throw AppError.notFound('Approval', `${changeId}/${partyId}`);
      if (change.status !== 'awaiting_approval' || approval.status !== 'pending')
        throw AppError.conflict('This change is not waiting for that decision.');
      Object.assign(approval, {
        status: approve ? 'approved' : 'rejected',
        decidedAt: new Date(),
        decidedBy: principal.actorLabel,
        note: note ?? null,
      });
      await tx.em.save(approval);
      const approvals = await tx.em.findBy(ChangeApproval, { tenantId: tx.tenantId, changeId });
      if (approvals.some((a) => a.status === 'rejected')) change.status = 'rejected';
      else if (approvals.every((a) => a.status === 'approved')) change.status = 'announced';
      await tx.em.save(change);
      return change;
    });
  }

  list(
    principal: Principal,
    filter: { status?: ChangeStatus; engagementId?: string } = {},
  ): Promise<SubprocessorChange[]> {
    return this.register.read(principal, (tx) =>
      tx.em.find(SubprocessorChange, {
        where: { tenantId: tx.tenantId, ...filter },
        order: { announcedAt: 'DESC', id: 'ASC' },
        take: 500,
      }),
    );
  }

  async get(principal: Principal, id: string): Promise<SubprocessorChange> {
    const change = await this.register.read(principal, (tx) =>
      tx.em.findOneBy(SubprocessorChange, { tenantId: tx.tenantId, id }),
    );
    if (!change) throw AppError.notFound('Subprocessor change', id);
    return change;
  }

  approvals(principal: Principal, changeIds: readonly string[]): Promise<ChangeApproval[]> {
    return this.register.read(principal, (tx) =>
      tx.em.find(ChangeApproval, {
        where: { tenantId: tx.tenantId, changeId: In([...changeIds]) },
        order: { partyId: 'ASC' },
      }),
    );
  }

  private async lockChange(tx: TenantTx, id: string): Promise<SubprocessorChange> {
    const change = await tx.em.findOne(SubprocessorChange, {
      where: { tenantId: tx.tenantId, id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!change) throw AppError.notFound('Subprocessor change', id);
    return change;
  }

  private async assertNoOpenChange(tx: TenantTx, engagementIds: string[]): Promise<void> {
    const open = await tx.em.findOne(SubprocessorChange, {
      where: [
        { tenantId: tx.tenantId, engagementId: In(engagementIds), status: In(OPEN) },
        { tenantId: tx.tenantId, replacedEngagementId: In(engagementIds), status: In(OPEN) },
      ],
    });
    if (open)
      throw AppError.conflict(
        `This subprocessor already has an announced change (${open.id}, effective ${open.effectiveAt.toISOString()}): withdraw it first.`,
      );
  }
}

/**
 * Locks the engagements a change is announced for, so that of two announcements racing for one
 * (two API processes, two clients) the second sees the first's open change and is refused; the
 * open-change check alone, under READ COMMITTED, let both through (test/multi-process.e2e-spec.ts).
 * Ids that are not UUIDs or not found are left to the lookups that follow, for their own errors.
 */
async function lockEngagements(tx: TenantTx, ids: string[]): Promise<void> {
  const uuids = ids.filter((id) => UUID.test(id));
  if (uuids.length > 0)
    await tx.em.query(`SELECT 1 FROM engagements WHERE tenant_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE`, [
      tx.tenantId,
      uuids,
    ]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findEngagement(tx: TenantTx, id: string, field: string): Promise<Engagement> {
  const engagement = await tx.em.findOneBy(Engagement, { tenantId: tx.tenantId, id });
  if (!engagement) throw AppError.notFound(`Engagement (${field})`, id);
  return engagement;
}

function assertActive(engagement: Engagement, field: string): void {
  if (engagement.status !== 'active')
    throw AppError.badInput(
      field,
      `This engagement is ${engagement.status}: only an active subprocessor can be changed, replaced or removed by announcement ` +
        '(a planned one can be corrected with updateEngagement).',
    );
}
