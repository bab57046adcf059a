import {
  type ActivityFacts,
  type Art10Code,
  type Art22ExceptionCode,
  type Art6Code,
  type Art9Code,
  byCode,
  DATA_CATEGORIES,
  DATA_SUBJECT_CATEGORIES,
  type PartyFacts,
  type PurposeFacts,
  type RetentionActionCode,
  type RetentionJustificationCode,
  type RetentionRuleFacts,
  type RetentionTriggerCode,
  type TenantFacts,
} from '#gdpr';
import type { Activity } from '../activities/activity.entity.js';
import type { Engagement } from '../engagements/engagement.entity.js';
import type { Party } from '../parties/party.entity.js';
import {
  engagementRecipient,
  recipientsOf,
  type RegisterRows,
  type SubProcessorAuthorisation,
  text,
} from './recipient-facts.js';

export type { RegisterRows };
export { engagementLocations, scopeOf } from './recipient-facts.js';

// Pure mapping of register rows onto the #gdpr facts the health rules read. Optional facts with
// no source in the register are left out: the rules treat them as not recorded.

const joined = (parts: Array<string | null | undefined>): string | null =>
  text(parts.map(text).filter(Boolean).join(', '));

function contactOf(party: Party): string | null {
  const place = joined([text(`${party.postalCode ?? ''} ${party.city ?? ''}`), party.country]);
  return joined([party.contactName, party.contactEmail, party.contactPhone, party.street, place]);
}

/** Art. 30(1)(a): the organisation keeping the register is its party with role own_organisation. */
export function tenantFacts(parties: Iterable<Party>): TenantFacts {
  const own = [...parties].find((p) => p.roles.includes('own_organisation'));
  if (!own) return { name: null, contact: null, isPublicAuthority: false };
  return {
    name: own.name,
    contact: contactOf(own),
    isPublicAuthority: own.isPublicAuthority,
    staffCount: own.staffCount,
    dpo: joined([own.dpoName, own.dpoEmail, own.dpoPhone]),
    country: own.country,
  };
}

/** The strictest sub-processor authorisation the controllers gave (processor activities). */
function authorisationOf(activity: Activity): SubProcessorAuthorisation | null {
  const controllers = activity.controllers ?? [];
  const specificControllers = controllers.filter((c) => c.authorisation === 'specific').map((c) => c.partyId);
  if (specificControllers.length > 0) return { kind: 'specific', specificControllers };
  return controllers.some((c) => c.authorisation === 'general') ? { kind: 'general', specificControllers: [] } : null;
}

function partyFacts(party: Party | undefined, dpaReference?: string | null): PartyFacts[] {
  return party ? [{ name: party.name, contact: contactOf(party), dpaReference: dpaReference ?? null }] : [];
}

export function activityFacts(activity: Activity, rows: RegisterRows): ActivityFacts {
  const processor = activity.role === 'processor';
  const purposes: PurposeFacts[] = (activity.purposes ?? []).map((p) => ({
    id: p.id,
    description: p.description,
    legalBasis: p.legalBasis as Art6Code | null,
    legalReference: p.legalReference,
    liaReference: p.liaReference,
    liaDate: p.liaDate,
    consentMechanism: p.consentMechanism,
    consentWithdrawal: p.consentWithdrawal,
    directMarketing: p.directMarketing,
  }));
  // Art. 30(2)(b) is recorded per controller: those categories describe the processing too.
  if (processor) {
    for (const c of activity.controllers ?? []) {
      const description = text(c.processingCategories);
      if (description) purposes.push({ description });
    }
  }
  const engagements = activity.engagementIds
    .map((id) => rows.engagements.get(id))
    // An ended engagement no longer receives the data.
    .filter((e): e is Engagement => e !== undefined && e.status !== 'ended')
    .map((e) => engagementRecipient(e, rows, processor ? authorisationOf(activity) : null));
  const decision = activity.automatedDecision;
  return {
    id: activity.id,
    name: activity.name,
    role: activity.role,
    jointControllers: activity.jointControllerIds.flatMap((id) => partyFacts(rows.parties.get(id))),
    controllers: (activity.controllers ?? []).flatMap((c) => partyFacts(rows.parties.get(c.partyId), c.dpaReference)),
    purposes,
    dataCategories: activity.dataCategoryCodes.map((code) => {
      const known = byCode(DATA_CATEGORIES, code) ?? rows.customCategories.get(code);
      return { code, special: known?.special ?? null, criminal: known?.criminal ?? null };
    }),
    subjectCategories: activity.dataSubjectCodes.map((code) => ({
      code,
      child: byCode(DATA_SUBJECT_CATEGORIES, code)?.child ?? null,
    })),
    art9Conditions: (activity.art9Conditions ?? []).map((c) => ({
      code: c.code as Art9Code,
      legalReference: c.legalReference,
      explicitConsent: c.explicitConsent,
    })),
    art10Basis: activity.art10Basis
      ? { code: activity.art10Basis.code as Art10Code, legalReference: activity.art10Basis.legalReference }
      : null,
    informationSocietyService: activity.informationSocietyService,
    automatedDecision:
      decision && decision.exists !== false
        ? {
            legalOrSimilarEffect: decision.legalOrSimilarEffect,
            exception: decision.exception as Art22ExceptionCode | null,
          }
        : null,
    dpia: activity.dpia ? { ...activity.dpia } : null,
    reviewDate: activity.reviewDate,
    startedAt: activity.startedOn,
    likelyRisk: activity.likelyRisk,
    occasional: activity.occasional,
    recipients: [...recipientsOf(activity, rows), ...engagements],
    retention: (activity.retention ?? []).map((r): RetentionRuleFacts => ({
      id: r.id,
      dataCategory: r.dataCategoryCode,
      duration: r.duration,
      trigger: r.trigger as RetentionTriggerCode | null,
      action: r.action as RetentionActionCode | null,
      justification: r.justification as RetentionJustificationCode | null,
      legalReference: r.legalReference,
      criterion: r.criterion,
    })),
    // Art. 30(1)(g) asks for a general description: picked measures or the free text both count.
    toms: [...activity.tomCodes, ...(text(activity.securityDescription) ? [activity.securityDescription!] : [])],
  };
}
