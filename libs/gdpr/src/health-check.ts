// What every check receives and returns, and facts derived from an activity that several checks
// need (taxonomy flags win over missing input flags so a known special category is never missed).
import { DATA_CATEGORIES } from './data-categories.data.js';
import { DATA_SUBJECT_CATEGORIES } from './data-subjects.data.js';
import type { HealthRuleId } from './health-rules.js';
import { byCode, type Labels } from './reference.js';
import type { ActivityFacts, TenantFacts, TransferLocationFacts } from './register-facts.js';
import type { TransferAssessment } from './transfer-status.js';

export interface HealthOptions {
  /** Art. 30(5) staff threshold (Omnibus IV may raise it: keep configurable). */
  readonly staffThreshold?: number;
  /** Default sub-processor change notice in days when the contract names none. */
  readonly noticeDays?: number;
  /** Report an adequacy decision expiring within this many days. */
  readonly adequacyExpiryWarningDays?: number;
}

export const DEFAULT_HEALTH_OPTIONS: Required<HealthOptions> = {
  staffThreshold: 250,
  noticeDays: 30,
  adequacyExpiryWarningDays: 180,
};

/** A transfer of one recipient location, assessed once and shared by the checks and the output. */
export interface LocatedTransfer {
  /** Path in the activity input, e.g. "recipients[1].locations[0]". */
  readonly path: string;
  readonly recipientId?: string;
  readonly location: TransferLocationFacts;
  readonly assessment: TransferAssessment;
}

export interface ActivityContext {
  readonly tenant: TenantFacts;
  readonly asOf: string;
  readonly options: Required<HealthOptions>;
  readonly transfers: readonly LocatedTransfer[];
}

export interface Hit {
  readonly rule: HealthRuleId;
  /** Where in the activity input (empty for the activity as a whole). */
  readonly path: string;
  readonly itemId?: string;
  readonly detail?: Labels;
}

export type ActivityCheck = (activity: ActivityFacts, ctx: ActivityContext) => Hit[];

export const hit = (rule: HealthRuleId, path = '', itemId?: string, detail?: Labels): Hit => ({
  rule,
  path,
  ...(itemId !== undefined ? { itemId } : {}),
  ...(detail ? { detail } : {}),
});

export const filled = (s: string | null | undefined): boolean => typeof s === 'string' && s.trim() !== '';

export function hasSpecialData(activity: ActivityFacts): boolean {
  return activity.dataCategories.some((c) => c.special === true || byCode(DATA_CATEGORIES, c.code)?.special === true);
}

export function hasCriminalData(activity: ActivityFacts): boolean {
  return activity.dataCategories.some((c) => c.criminal === true || byCode(DATA_CATEGORIES, c.code)?.criminal === true);
}

export function hasChildren(activity: ActivityFacts): boolean {
  return activity.subjectCategories.some(
    (s) => s.child === true || byCode(DATA_SUBJECT_CATEGORIES, s.code)?.child === true,
  );
}

/** A public authority acting in performance of its tasks (Art. 6(1) second subparagraph, 49(3)). */
export function actsAsPublicAuthority(activity: ActivityFacts, tenant: TenantFacts): boolean {
  return tenant.isPublicAuthority && activity.officialTasks !== false;
}

export const isController = (activity: ActivityFacts): boolean => activity.role !== 'processor';
