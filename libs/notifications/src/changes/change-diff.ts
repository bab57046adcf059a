import type { Engagement } from '#register';
import type { FieldDiff } from './subprocessor-change.entity.js';

/** The engagement fields a notice reports, in the order it reports them. */
const NOTICE_FIELDS = [
  'vendorId',
  'purpose',
  'description',
  'productIds',
  'dataCategoryCodes',
  'processingLocations',
  'accessLocations',
  'transferMechanism',
  'supplementaryMeasures',
  'parentEngagementId',
  'status',
] as const;

/** Before and after of every reported field that differs; `before` null: the engagement is new. */
export function engagementDiff(before: Engagement | null, after: Engagement | null): FieldDiff[] {
  const diff: FieldDiff[] = [];
  for (const field of NOTICE_FIELDS) {
    const was = before ? normalise(before[field]) : null;
    const is = after ? normalise(after[field]) : null;
    if (JSON.stringify(was) !== JSON.stringify(is)) diff.push({ field, before: was, after: is });
  }
  return diff;
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? null : [...value].sort();
  return value ?? null;
}
