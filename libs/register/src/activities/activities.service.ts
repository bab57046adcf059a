import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import type { TenantTx } from '#database';
import type { Connection } from '../common/pagination.js';
import { RegisterReader } from '../common/register-reader.js';
import { RegisterWriter, type WriteOptions } from '../common/register-writer.js';
import { applyChanges } from '../common/updates.js';
import { type ActivityFields, emptyActivity, normaliseActivity, REQUIRED_FIELDS } from './activity-checks.js';
import { Activity } from './activity.entity.js';
import { activityConditions } from './activity-filter.js';
import { checkActivityReferences } from './activity-references.js';
import type { ActivityFilter, CreateActivityInput } from './dto/activity.input.js';
import { findForUpdate } from '../common/row-lock.js';

export const activityReader = new RegisterReader<Activity>('activities', Activity);

/** The changes of an update: any fields of an activity (null clears, a list replaces the list). */
export type ActivityChanges = Partial<CreateActivityInput>;

/**
 * The processing activities of the register: list, read as of any instant, create, change,
 * delete. Every code, country, date and reference is checked before anything is written.
 *
 * Inputs may be the GraphQL input classes or plain objects of the same shape (the demo seeder
 * and the spreadsheet import): enum values are the stored lower-case strings ('processor').
 */
@Injectable()
export class ActivitiesService {
  constructor(private readonly register: RegisterWriter) {}

  list(
    principal: Principal,
    filter: ActivityFilter = {},
    page: { first?: number; after?: string } = {},
    asOf?: Date,
    /** Only these activities (a computed filter, such as transfer status, already applied). */
    among?: readonly string[],
  ): Promise<Connection<Activity>> {
    const conditions = activityConditions(filter, asOf);
    if (among) conditions.push({ sql: 'r.id = ANY(?::uuid[])', params: [among] });
    return this.register.read(principal, (tx) => activityReader.page(tx, { conditions, ...page }, asOf));
  }

  async get(principal: Principal, id: string, asOf?: Date): Promise<Activity> {
    const [activity] = await this.byIds(principal, [id], asOf);
    if (!activity) throw AppError.notFound('Activity', id);
    return activity;
  }

  /** For DataLoaders: one statement for all ids; ids not visible (then) are left out. */
  byIds(principal: Principal, ids: readonly string[], asOf?: Date): Promise<Activity[]> {
    return this.register.read(principal, (tx) => activityReader.byIds(tx, ids, asOf));
  }

  create(principal: Principal, input: CreateActivityInput, options?: WriteOptions): Promise<Activity> {
    return this.register.write(principal, (tx) => this.insert(tx, input), options);
  }

  update(principal: Principal, input: ActivityChanges & { id: string }, options?: WriteOptions): Promise<Activity> {
    return this.register.write(principal, (tx) => this.patch(tx, input.id, input), options);
  }

  delete(principal: Principal, id: string, options?: WriteOptions): Promise<Activity> {
    return this.register.write(
      principal,
      async (tx) => {
        const activity = await this.find(tx, id);
        await tx.em.delete(Activity, { tenantId: tx.tenantId, id });
        return activity;
      },
      options,
    );
  }

  /**
   * Creates an activity inside the caller's transaction (seeding, imports: many rows, one
   * transaction, one actor). Returns the stored row; throws AppError on bad input.
   */
  async insert(tx: TenantTx, input: CreateActivityInput): Promise<Activity> {
    const sent = normaliseActivity(input);
    const now = new Date();
    const activity = tx.em.create(Activity, {
      ...emptyActivity(),
      ...sent,
      tenantId: tx.tenantId,
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
    } as Activity);
    requireValues(activity);
    await checkActivityReferences(tx, activity, sent);
    await tx.em.insert(Activity, activity);
    return activity;
  }

  /**
   * Replaces activity `id` with `input` inside the caller's transaction: the record becomes
   * exactly the input (omitted fields back to their defaults); id and createdAt stay. For
   * imports that hold the whole record. NOT_FOUND when the tenant has no such activity.
   */
  async replace(tx: TenantTx, id: string, input: CreateActivityInput): Promise<Activity> {
    const activity = await this.find(tx, id);
    const sent = normaliseActivity(input);
    Object.assign(activity, emptyActivity(), sent, { updatedAt: new Date() });
    requireValues(activity);
    await checkActivityReferences(tx, activity, { ...emptyActivity(), ...sent });
    return tx.em.save(activity);
  }

  /** Applies `changes` to activity `id` inside the caller's transaction (what updateActivity does). */
  async patch(tx: TenantTx, id: string, changes: ActivityChanges): Promise<Activity> {
    const activity = await this.find(tx, id);
    const sent = normaliseActivity(changes);
    applyChanges(activity, sent, REQUIRED_FIELDS);
    await checkActivityReferences(tx, activity, sent);
    activity.updatedAt = new Date();
    return tx.em.save(activity);
  }

  private async find(tx: TenantTx, id: string): Promise<Activity> {
    const activity = await findForUpdate(tx, Activity, id);
    if (!activity) throw AppError.notFound('Activity', id);
    return activity;
  }
}

/** Plain-object callers bypass the GraphQL input checks: the required fields still need values. */
function requireValues(activity: ActivityFields): void {
  for (const field of REQUIRED_FIELDS) {
    if (!activity[field]) throw AppError.badInput(`input.${field}`, `${field} is required.`);
  }
}
