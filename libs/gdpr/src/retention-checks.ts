// Reference §8: each retention rule states a period (ISO 8601 duration after a trigger) or a
// criterion, not "as long as necessary"; a legal obligation names its law; and, per Art. 30(1)(f),
// every data category of the activity is covered by some rule.
import { filled, hit, type ActivityCheck, type Hit } from './health-check.js';
import { byCode } from './reference.js';
import { RETENTION_JUSTIFICATIONS } from './retention.data.js';
import { isIsoDuration, isVagueRetentionText } from './retention.js';

const checkRules: ActivityCheck = (activity) =>
  activity.retention.flatMap((rule, i) => {
    const path = `retention[${i}]`;
    const hits: Hit[] = [];
    const hasDuration = filled(rule.duration);
    const validDuration = hasDuration && isIsoDuration(rule.duration ?? '');
    if (!hasDuration && !filled(rule.criterion)) hits.push(hit('R-RETENTION-PERIOD-EMPTY', path, rule.id));
    if (hasDuration && !validDuration) hits.push(hit('R-RETENTION-DURATION-INVALID', path, rule.id));
    if (validDuration && !rule.trigger) hits.push(hit('R-RETENTION-TRIGGER-MISSING', path, rule.id));
    // With a valid period stated, a vague criterion next to it does no harm.
    if (!validDuration && isVagueRetentionText(rule.criterion)) hits.push(hit('R-RETENTION-VAGUE', path, rule.id));
    const justification = byCode(RETENTION_JUSTIFICATIONS, rule.justification);
    if (justification?.requiresLegalReference && !filled(rule.legalReference)) {
      hits.push(hit('R-RETENTION-LEGAL-REFERENCE-MISSING', path, rule.id));
    }
    return hits;
  });

const checkCoverage: ActivityCheck = (activity) => {
  if (activity.retention.length === 0) return [];
  if (activity.retention.some((r) => !filled(r.dataCategory))) return [];
  const covered = new Set(activity.retention.map((r) => r.dataCategory));
  return activity.dataCategories.flatMap((category, i) =>
    covered.has(category.code) ? [] : [hit('R-RETENTION-CATEGORY-UNCOVERED', `dataCategories[${i}]`, category.code)],
  );
};

export const retentionChecks: ActivityCheck = (activity, ctx) => [
  ...checkRules(activity, ctx),
  ...checkCoverage(activity, ctx),
];
