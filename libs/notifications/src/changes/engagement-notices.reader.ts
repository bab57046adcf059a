import { Global, Injectable, Module } from '@nestjs/common';
import type { TenantTx } from '#database';
import {
  ENGAGEMENT_NOTICES,
  type EngagementNotice,
  type EngagementNoticeSource,
  type EngagementNotices,
} from '#register';

interface Row {
  notice_period_days: number;
  /** Null on the one row of a tenant without announcements. */
  engagement_id: string | null;
  announced_at: Date;
  effective_at: Date;
  objection_deadline: Date;
  approvals: Record<string, string>;
  open_objections: number;
  objections: number;
}

/**
 * Register health's view of the change process (Art. 28(2)): for each engagement, the latest
 * addition or replacement that brought it in as of an instant (withdrawn and refused ones left
 * out), with the approvals and objections recorded by then. One statement.
 */
@Injectable()
export class EngagementNoticesReader implements EngagementNoticeSource {
  async read(tx: TenantTx, readAt: Date): Promise<EngagementNotices> {
    const rows = (await tx.em.query(
      `SELECT t.notice_period_days, n.*
         FROM tenants t
         LEFT JOIN LATERAL (
           SELECT DISTINCT ON (c.engagement_id) c.engagement_id, c.announced_at, c.effective_at, c.objection_deadline,
                  COALESCE((SELECT jsonb_object_agg(a.party_id, a.decided_at) FROM change_approvals a
                             WHERE a.tenant_id = c.tenant_id AND a.change_id = c.id
                               AND a.status = 'approved' AND a.decided_at <= $2), '{}') AS approvals,
                  (SELECT count(*) FILTER (WHERE o.status IN ('received', 'under_review'))::int FROM objections o
                    WHERE o.tenant_id = c.tenant_id AND o.change_id = c.id AND o.received_at <= $2) AS open_objections,
                  (SELECT count(*)::int FROM objections o
                    WHERE o.tenant_id = c.tenant_id AND o.change_id = c.id AND o.received_at <= $2) AS objections
             FROM subprocessor_changes c
            WHERE c.tenant_id = t.id AND c.kind IN ('added', 'replaced') AND c.announced_at <= $2
              AND c.status <> 'rejected' AND (c.withdrawn_at IS NULL OR c.withdrawn_at > $2)
            ORDER BY c.engagement_id, c.announced_at DESC) n ON true
        WHERE t.id = $1`,
      [tx.tenantId, readAt],
    )) as Row[];
    const byEngagement = new Map<string, EngagementNotice>();
    for (const row of rows) {
      if (!row.engagement_id) continue;
      byEngagement.set(row.engagement_id, {
        announcedAt: row.announced_at,
        effectiveAt: row.effective_at,
        objectionDeadline: row.objection_deadline,
        objectionStatus:
          row.open_objections > 0
            ? 'objected'
            : row.objections > 0
              ? 'resolved'
              : row.objection_deadline <= readAt
                ? 'no_objection'
                : 'pending',
        approvals: new Map(Object.entries(row.approvals).map(([party, at]) => [party, new Date(at)])),
      });
    }
    return { noticeDays: rows[0]?.notice_period_days ?? 30, byEngagement };
  }
}

/** Global so register health (which this feature builds on, not the other way round) can use it. */
@Global()
@Module({
  providers: [{ provide: ENGAGEMENT_NOTICES, useClass: EngagementNoticesReader }],
  exports: [ENGAGEMENT_NOTICES],
})
export class EngagementNoticesModule {}
