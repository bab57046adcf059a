import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Principal } from '#core';
import type { TenantTx } from '#database';
import type { ActivityFacts, TenantFacts } from '#gdpr';
import { Activity } from '../activities/activity.entity.js';
import { RegisterReader } from '../common/register-reader.js';
import { registerSource } from '../common/register-source.js';
import { RegisterWriter } from '../common/register-writer.js';
import { mapRows } from '../common/row-mapper.js';
import { CustomDataCategory } from '../data-categories/data-category.entity.js';
import { Engagement } from '../engagements/engagement.entity.js';
import { Party } from '../parties/party.entity.js';
import { ENGAGEMENT_NOTICES, type EngagementNoticeSource } from './engagement-notices.js';
import { activityFacts, type RegisterRows, tenantFacts } from './facts-mapping.js';

/** The register at one instant as #gdpr facts, plus what the API reports next to them. */
export interface RegisterSnapshot {
  /** The instant the register was read at (now, or the asked asOf). */
  readAt: Date;
  /** The day the rules are evaluated at (YYYY-MM-DD, UTC). */
  day: string;
  tenant: TenantFacts;
  /** Every activity, retired ones included (they are left out of the register's health). */
  activities: ReadonlyArray<{ facts: ActivityFacts; status: Activity['status'] }>;
  rows: RegisterRows;
}

const parties = new RegisterReader<Party>('parties', Party);
const activities = new RegisterReader<Activity>('activities', Activity);

/**
 * Reads the whole register of the caller's tenant, now or as of an instant, in five statements,
 * and maps it into RegisterFacts. Reads the tables directly (not the other features' services):
 * health needs every row at once.
 */
@Injectable()
export class RegisterFactsBuilder {
  constructor(
    private readonly register: RegisterWriter,
    // Provided by the notifications feature; without it, Art. 28(2) notices are not checked.
    @Optional() @Inject(ENGAGEMENT_NOTICES) private readonly notices?: EngagementNoticeSource,
  ) {}

  build(principal: Principal, asOf?: Date): Promise<RegisterSnapshot> {
    return this.register.read(principal, (tx) => this.buildIn(tx, asOf));
  }

  async buildIn(tx: TenantTx, asOf?: Date): Promise<RegisterSnapshot> {
    const readAt = asOf ?? new Date();
    const day = readAt.toISOString().slice(0, 10);
    // One transaction, one connection: the statements run one after the other anyway.
    const partyRows = await parties.all(tx, [], asOf);
    const activityRows = await activities.all(tx, [], asOf);
    const engagementRows = await everyRow(tx, 'engagements', Engagement, asOf);
    const categoryRows = await everyRow(tx, 'data_categories', CustomDataCategory, asOf);
    const rows: RegisterRows = {
      day,
      parties: new Map(partyRows.map((p) => [p.id, p])),
      engagements: new Map(engagementRows.map((e) => [e.id, e])),
      customCategories: new Map(categoryRows.map((c) => [c.code, c])),
      notices: await this.notices?.read(tx, readAt),
    };
    return {
      readAt,
      day,
      tenant: tenantFacts(partyRows),
      activities: activityRows.map((a) => ({ facts: activityFacts(a, rows), status: a.status })),
      rows,
    };
  }
}

/** Tables without a name column (which RegisterReader.all sorts by), read whole. */
async function everyRow<T extends { id: string }>(
  tx: TenantTx,
  table: 'engagements' | 'data_categories',
  target: new () => T,
  asOf?: Date,
): Promise<T[]> {
  const params: unknown[] = [];
  const from = registerSource(table, asOf, params);
  const rows = await tx.em.query(`SELECT * FROM ${from} r ORDER BY r.id`, params);
  return mapRows(tx.em, target, rows);
}
