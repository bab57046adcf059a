import type { TenantTx } from '#database';

/**
 * What the subprocessor-change process recorded about how an engagement came in (Art. 28(2)):
 * the announcement, its notice and objection period, and which controllers approved it. The
 * register does not keep these; the notifications feature does, and provides them through
 * {@link ENGAGEMENT_NOTICES} so register health can check them without depending on it.
 */
export interface EngagementNotice {
  announcedAt: Date;
  effectiveAt: Date;
  objectionDeadline: Date;
  objectionStatus: 'pending' | 'no_objection' | 'objected' | 'resolved';
  /** Controllers (party ids) that approved the change, with when. */
  approvals: ReadonlyMap<string, Date>;
}

export interface EngagementNotices {
  /** The tenant's notice period: what its customers were promised. */
  noticeDays: number;
  /** By engagement id: the latest addition or replacement that brought it in, as of `readAt`. */
  byEngagement: ReadonlyMap<string, EngagementNotice>;
}

export interface EngagementNoticeSource {
  read(tx: TenantTx, readAt: Date): Promise<EngagementNotices>;
}

export const ENGAGEMENT_NOTICES = Symbol('ENGAGEMENT_NOTICES');
