// Register health: runs every check over plain register facts as of a date and returns findings
// per activity and for the register, the computed transfer statuses, the rights per purpose
// (rule 9) and the completeness score (see completeness.ts).
import { activityTransfers, activityTransferStatus } from './activity-transfers.js';
import { art30Exemption, type Art30Exemption } from './art30-exemption.js';
import { activityScore, fieldCompleteness, registerScore, type FieldCompleteness } from './completeness.js';
import { assertIsoDate } from './dates.js';
import {
  DEFAULT_HEALTH_OPTIONS,
  filled,
  hasCriminalData,
  hasSpecialData,
  hit,
  isController,
  type ActivityContext,
  type HealthOptions,
  type Hit,
  type LocatedTransfer,
} from './health-check.js';
import { HEALTH_RULES_BY_ID, type HealthRuleId, type Severity } from './health-rules.js';
import { lawfulnessChecks } from './lawfulness-checks.js';
import { recipientChecks } from './recipient-checks.js';
import { recordChecks } from './record-checks.js';
import { GDPR_REFERENCE_VERSION, type Labels } from './reference.js';
import type { ActivityFacts, RegisterFacts, TenantFacts } from './register-facts.js';
import { retentionChecks } from './retention-checks.js';
import { rightsAvailable } from './rights-available.js';
import type { RightCode } from './rights.data.js';
import type { TransferStatus } from './transfer-status.js';

export interface Finding {
  readonly ruleId: HealthRuleId;
  readonly severity: Severity;
  readonly article: string;
  readonly message: Labels;
  /** null for register-level findings. */
  readonly activityId: string | null;
  /** Where in the activity input, e.g. "purposes[0]"; empty for the activity as a whole. */
  readonly path: string;
  readonly itemId?: string;
  /** Specifics of this occurrence, e.g. why a transfer has no valid mechanism. */
  readonly detail?: Labels;
}

export interface PurposeRights {
  readonly path: string;
  readonly purposeId?: string;
  readonly rights: readonly RightCode[];
}

export interface ActivityHealth {
  readonly activityId: string;
  readonly score: number;
  readonly fields: FieldCompleteness;
  readonly findings: readonly Finding[];
  readonly transfers: readonly LocatedTransfer[];
  /** Worst transfer status of the activity; null when no recipient location is recorded. */
  readonly transferStatus: TransferStatus | null;
  /** Empty for processor activities: rights are exercised against the controller. */
  readonly rights: readonly PurposeRights[];
  readonly art30Exemption: Art30Exemption;
}

export interface RegisterHealth {
  readonly referenceVersion: typeof GDPR_REFERENCE_VERSION;
  readonly asOf: string;
  readonly score: number;
  readonly counts: Readonly<Record<Severity, number>>;
  /** Register-level findings (the organisation itself). */
  readonly findings: readonly Finding[];
  readonly activities: readonly ActivityHealth[];
}

function toFinding(h: Hit, activityId: string | null): Finding {
  const rule = HEALTH_RULES_BY_ID.get(h.rule);
  if (!rule) throw new Error(`unknown health rule ${h.rule}`);
  return {
    ruleId: h.rule,
    severity: rule.severity,
    article: rule.article,
    message: rule.message,
    activityId,
    path: h.path,
    ...(h.itemId !== undefined ? { itemId: h.itemId } : {}),
    ...(h.detail ? { detail: h.detail } : {}),
  };
}

const organisationKnown = (tenant: TenantFacts): boolean => filled(tenant.name) && filled(tenant.contact);

export function evaluateActivity(
  activity: ActivityFacts,
  tenant: TenantFacts,
  asOf: string,
  options: HealthOptions = {},
): ActivityHealth {
  assertIsoDate(asOf, 'asOf');
  const ctx: ActivityContext = {
    tenant,
    asOf,
    options: { ...DEFAULT_HEALTH_OPTIONS, ...options },
    transfers: activityTransfers(activity, tenant, asOf),
  };
  const exemption = art30Exemption(
    {
      staffCount: tenant.staffCount,
      likelyRisk: activity.likelyRisk,
      occasional: activity.occasional,
      special: hasSpecialData(activity),
      criminal: hasCriminalData(activity),
    },
    ctx.options.staffThreshold,
  );
  const hits = [recordChecks, lawfulnessChecks, recipientChecks, retentionChecks].flatMap((check) =>
    check(activity, ctx),
  );
  if (exemption.exempt) hits.push(hit('R-ART30-5-EXEMPT'));
  const ruleIds = hits.map((h) => h.rule);
  const fields = fieldCompleteness(activity.role, ruleIds, organisationKnown(tenant));
  const automatedDecision = activity.automatedDecision?.legalOrSimilarEffect === true;
  return {
    activityId: activity.id,
    score: activityScore(fields, ruleIds),
    fields,
    findings: hits.map((h) => toFinding(h, activity.id)),
    transfers: ctx.transfers,
    transferStatus: activityTransferStatus(ctx.transfers),
    rights: isController(activity)
      ? activity.purposes.map((p, i) => ({
          path: `purposes[${i}]`,
          ...(p.id !== undefined ? { purposeId: p.id } : {}),
          rights: rightsAvailable({ ...p, automatedDecision }),
        }))
      : [],
    art30Exemption: exemption,
  };
}

function registerHits(tenant: TenantFacts): Hit[] {
  const hits: Hit[] = [];
  if (!organisationKnown(tenant)) hits.push(hit('R-ART30-1A-CONTROLLER-MISSING', 'tenant'));
  if (tenant.isPublicAuthority && !filled(tenant.dpo)) hits.push(hit('R-ART37-DPO-MISSING', 'tenant.dpo'));
  return hits;
}

export function evaluateRegister(facts: RegisterFacts, asOf: string, options: HealthOptions = {}): RegisterHealth {
  assertIsoDate(asOf, 'asOf');
  const activities = facts.activities.map((a) => evaluateActivity(a, facts.tenant, asOf, options));
  const ownHits = registerHits(facts.tenant);
  const findings = ownHits.map((h) => toFinding(h, null));
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of [...findings, ...activities.flatMap((a) => a.findings)]) counts[f.severity] += 1;
  return {
    referenceVersion: GDPR_REFERENCE_VERSION,
    asOf,
    score: registerScore(
      activities.map((a) => a.score),
      ownHits.map((h) => h.rule),
    ),
    counts,
    findings,
    activities,
  };
}
