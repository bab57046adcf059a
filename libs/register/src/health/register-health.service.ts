import { Injectable } from '@nestjs/common';
import type { Principal } from '#core';
import {
  type ActivityHealth,
  evaluateActivity,
  evaluateRegister,
  type RegisterHealth,
  transferStatus,
  type TransferStatus,
  worstTransferStatus,
} from '#gdpr';
import { requestLoader } from '../common/loaders.js';
import { engagementLocations } from './recipient-facts.js';
import { RegisterFactsBuilder, type RegisterSnapshot } from './register-facts.builder.js';

export interface RegisterHealthReport {
  readAt: Date;
  health: RegisterHealth;
  /** Name and status per evaluated activity, by id. */
  activities: ReadonlyMap<string, { name: string; status: string; role: string }>;
}

/**
 * Health of one register snapshot. Evaluations are memoised, so the computed fields of fifty
 * activities in one request read the register once and evaluate each activity once.
 */
export class SnapshotHealth {
  private readonly evaluated = new Map<string, ActivityHealth | null>();

  private readonly byId: ReadonlyMap<string, RegisterSnapshot['activities'][number]>;

  constructor(readonly snapshot: RegisterSnapshot) {
    this.byId = new Map(snapshot.activities.map((a) => [a.facts.id, a]));
  }

  activity(id: string): ActivityHealth | null {
    if (!this.evaluated.has(id)) {
      const entry = this.byId.get(id);
      this.evaluated.set(id, entry ? evaluateActivity(entry.facts, this.snapshot.tenant, this.snapshot.day) : null);
    }
    return this.evaluated.get(id)!;
  }

  /** Worst status over the engagement's locations as of the read day; null with none recorded. */
  engagementTransferStatus(id: string): TransferStatus | null {
    const engagement = this.snapshot.rows.engagements.get(id);
    if (!engagement) return null;
    const { tenant, day } = this.snapshot;
    return worstTransferStatus(
      engagementLocations(engagement, this.snapshot.rows).map((location) =>
        transferStatus(
          { ...location, exporterCountry: tenant.country ?? null, exporterPublicAuthority: tenant.isPublicAuthority },
          day,
        ),
      ),
    );
  }
}

@Injectable()
export class RegisterHealthService {
  constructor(private readonly builder: RegisterFactsBuilder) {}

  /** The register's health now or as of an instant; retired activities are left out. */
  async evaluate(principal: Principal, asOf?: Date): Promise<RegisterHealthReport> {
    const snapshot = await this.builder.build(principal, asOf);
    const current = snapshot.activities.filter((a) => a.status !== 'retired');
    const health = evaluateRegister({ tenant: snapshot.tenant, activities: current.map((a) => a.facts) }, snapshot.day);
    return {
      readAt: snapshot.readAt,
      health,
      activities: new Map(
        current.map((a) => [a.facts.id, { name: a.facts.name, status: a.status, role: a.facts.role }]),
      ),
    };
  }

  /** The register's health for one GraphQL request and instant: read on first use, then shared. */
  forRequest(context: object, principal: Principal, asOf?: Date): Promise<SnapshotHealth> {
    return requestLoader<string, SnapshotHealth>(context, 'registerHealth', asOf, async (keys) => {
      const health = new SnapshotHealth(await this.builder.build(principal, asOf));
      return keys.map(() => health);
    }).load('register');
  }
}
