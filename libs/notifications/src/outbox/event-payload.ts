import type { ChangeKind, ChangeStatus, ChangeSubject, FieldDiff } from '../changes/subprocessor-change.entity.js';

/** Bumped when a field is removed or changes meaning; additions keep the version. Receivers switch on it. */
export const EVENT_SCHEMA_VERSION = 1;

export type EventType =
  'subprocessor_change.announced' | 'subprocessor_change.effective' | 'subprocessor_change.withdrawn';

/** The JSON every channel carries (webhook body as is; emails and feeds are rendered from it). */
export interface EventPayload {
  schemaVersion: typeof EVENT_SCHEMA_VERSION;
  type: EventType;
  /** The event id; each delivery of it has its own id (the webhook-id). */
  id: string;
  occurredAt: string;
  tenant: { slug: string; name: string };
  change: {
    id: string;
    kind: ChangeKind;
    status: ChangeStatus;
    announcedAt: string;
    effectiveAt: string;
    objectionDeadline: string;
    noticePeriodDays: number;
    urgentReason: string | null;
    note: string | null;
    engagementId: string;
    replacedEngagementId: string | null;
    productIds: string[];
    subject: ChangeSubject;
    diff: FieldDiff[];
  };
  links: { subprocessorPage: string; feed: string };
}
