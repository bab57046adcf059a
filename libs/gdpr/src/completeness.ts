// Completeness score, 0-100.
//
// Activity score = round(100 × present / required Art. 30 fields)
//                  − 10 per error − 3 per warning (info: 0), clamped to 0..100.
//   Required fields: controllers and joint controllers need Art. 30(1)(a)-(g) plus an Art. 6 basis
//   for every purpose (organisation, [joint controllers], purposes, legal basis, data subjects,
//   data categories, recipients, transfers = every external recipient located, retention, TOMs);
//   processors need Art. 30(2)(a)-(d) (organisation, controllers, processing categories,
//   transfers, TOMs). A field is missing when its presence rule fired (HealthRule.field); those
//   findings are not penalised again, so only findings about quality (e.g. a transfer without a
//   valid mechanism, a consent without proof) subtract points.
// Register score = round(mean of activity scores) − the same penalties for register-level
//   findings that are not presence rules, clamped; an empty register scores 0.
import { HEALTH_RULES_BY_ID, type Art30Field, type Severity } from './health-rules.js';
import type { ActivityRole } from './register-facts.js';
import type { HealthRuleId } from './health-rules.js';

export const REQUIRED_FIELDS: Readonly<Record<ActivityRole, readonly Art30Field[]>> = {
  controller: [
    'organisation',
    'purposes',
    'legal_basis',
    'data_subjects',
    'data_categories',
    'recipients',
    'transfers',
    'retention',
    'toms',
  ],
  joint_controller: [
    'organisation',
    'joint_controllers',
    'purposes',
    'legal_basis',
    'data_subjects',
    'data_categories',
    'recipients',
    'transfers',
    'retention',
    'toms',
  ],
  processor: ['organisation', 'controllers', 'processing_categories', 'transfers', 'toms'],
};

export const SEVERITY_PENALTY: Readonly<Record<Severity, number>> = { error: 10, warning: 3, info: 0 };

const clamp = (n: number): number => Math.min(100, Math.max(0, n));

function penalty(ruleIds: readonly HealthRuleId[]): number {
  return ruleIds.reduce((sum, id) => {
    const rule = HEALTH_RULES_BY_ID.get(id);
    return rule && !rule.field ? sum + SEVERITY_PENALTY[rule.severity] : sum;
  }, 0);
}

export interface FieldCompleteness {
  readonly required: readonly Art30Field[];
  readonly missing: readonly Art30Field[];
}

/** Fields of the role that a presence rule reported missing (organisation comes from the tenant). */
export function fieldCompleteness(
  role: ActivityRole,
  ruleIds: readonly HealthRuleId[],
  organisationKnown: boolean,
): FieldCompleteness {
  const required = REQUIRED_FIELDS[role];
  const reported = new Set(ruleIds.map((id) => HEALTH_RULES_BY_ID.get(id)?.field));
  if (!organisationKnown) reported.add('organisation');
  return { required, missing: required.filter((f) => reported.has(f)) };
}

export function activityScore(fields: FieldCompleteness, ruleIds: readonly HealthRuleId[]): number {
  const present = fields.required.length - fields.missing.length;
  return clamp(Math.round((100 * present) / fields.required.length) - penalty(ruleIds));
}

export function registerScore(activityScores: readonly number[], registerRuleIds: readonly HealthRuleId[]): number {
  if (activityScores.length === 0) return 0;
  const mean = activityScores.reduce((a, b) => a + b, 0) / activityScores.length;
  return clamp(Math.round(mean) - penalty(registerRuleIds));
}
