import {
  type ActivityFacts,
  type Art10Code,
  type Art22ExceptionCode,
  type Art6Code,
  type Art9Code,
  byCode,
  DATA_CATEGORIES,
  DATA_SUBJECT_CATEGORIES,
  normalizeCountryCode,
  type PartyFacts,
  type PurposeFacts,
  type RecipientFacts,
  type RecipientKindCode,
  type RetentionActionCode,
  type RetentionJustificationCode,
  type RetentionRuleFacts,
  type RetentionTriggerCode,
  type TenantFacts,
  type TransferLocationFacts,
  type TransferMechanismCode,
} from '#gdpr';
import type { Activity } from '../activities/activity.entity.js';
import type { Recipient, Transfer } from '../activities/activity.values.js';
import type { CustomDataCategory } from '../data-categories/data-category.entity.js';
import type { Engagement } from '../engagements/engagement.entity.js';
import type { Party } from '../parties/party.entity.js';

// Pure mapping of register rows onto the #gdpr facts the health rules read. Optional facts with
// no source in the register are left out: the rules treat them as not recorded.

/** The register as read at one instant, indexed for the mapping. */
export interface RegisterRows {
  /** The day the rules are evaluated at (YYYY-MM-DD): certifications count when valid then. */
  day: string;
  parties: ReadonlyMap<string, Party>;
  engagements: ReadonlyMap<string, Engagement>;
  /** The tenant's own data categories, by code. */
  customCategories: ReadonlyMap<string, CustomDataCategory>;
}

type ScopeFacts = Pick<TransferLocationFacts, 'dpfCertified' | 'publicSector'>;

const text = (s: string | null | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);
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

/** Facts adequacy scopes depend on: DPF certification valid on the day, public sector. */
export function scopeOf(party: Party | undefined, day: string): ScopeFacts {
  if (!party) return {};
  const dpfCertified = party.certifications.some(
    (c) => c.code === 'EU_US_DPF' && (!c.since || c.since <= day) && (!c.until || c.until >= day),
  );
  return { dpfCertified, publicSector: party.isPublicAuthority };
}

/** Where an engagement's vendor processes or reaches the data, with its transfer tool. */
export function engagementLocations(engagement: Engagement, rows: RegisterRows): TransferLocationFacts[] {
  const vendor = rows.parties.get(engagement.vendorId);
  let countries = [...new Set([...engagement.processingLocations, ...engagement.accessLocations])];
  if (countries.length === 0 && vendor?.country) countries = [vendor.country];
  // The engagement is the item a finding about one of its locations concerns.
  return countries.map((country) => ({
    id: engagement.id,
    country,
    mechanism: engagement.transferMechanism as TransferMechanismCode | null,
    tiaReference: engagement.tiaReference,
    tiaReviewDate: engagement.tiaReviewDate,
    ...scopeOf(vendor, rows.day),
  }));
}

/** An engagement as the processor recipient of an activity (Art. 28; sub-processor for processors). */
export function engagementRecipient(
  engagement: Engagement,
  rows: RegisterRows,
  authorisation: 'specific' | 'general' | null,
): RecipientFacts {
  return {
    id: engagement.id,
    name: rows.parties.get(engagement.vendorId)?.name ?? engagement.purpose,
    kind: 'RK_PROCESSOR',
    // A signing date shows the Art. 28(3) agreement exists even without a reference to it.
    dpaReference: text(engagement.dpaReference) ?? engagement.dpaSignedOn,
    authorisation,
    locations: engagementLocations(engagement, rows),
  };
}

function transferLocation(transfer: Transfer, scope: ScopeFacts): TransferLocationFacts {
  return {
    id: transfer.id,
    country: transfer.country,
    mechanism: transfer.mechanism as TransferMechanismCode | null,
    tiaReference: transfer.tiaReference,
    tiaReviewDate: transfer.tiaReviewDate,
    saNotifiedAt: transfer.saNotifiedAt,
    safeguardReference: transfer.safeguardReference,
    ...scope,
  };
}

const sameCountry = (a: string, b: string) => normalizeCountryCode(a) === normalizeCountryCode(b);

/**
 * Art. 30(1)(d)-(e): each recipient with the transfers that name it as its locations, plus its own
 * country when no transfer covers that; transfers naming no recipient become third-party ones.
 */
function recipientsOf(activity: Activity, rows: RegisterRows): RecipientFacts[] {
  const transfers = activity.transfers ?? [];
  const recipients = activity.recipients ?? [];
  const claimed = new Set<string>();
  const belongsTo = (t: Transfer, r: Recipient) =>
    t.recipientId === r.id || (!t.recipientId && r.partyId !== null && t.partyId === r.partyId);
  const mapped = recipients.map((r): RecipientFacts => {
    const party = r.partyId ? rows.parties.get(r.partyId) : undefined;
    const own = transfers.filter((t) => belongsTo(t, r));
    own.forEach((t) => claimed.add(t.id));
    const locations = own.map((t) =>
      transferLocation(t, scopeOf(rows.parties.get(t.partyId ?? '') ?? party, rows.day)),
    );
    const home = r.country ?? party?.country ?? null;
    if (home && !own.some((t) => sameCountry(t.country, home))) {
      locations.push({ id: r.id, country: home, ...scopeOf(party, rows.day) });
    }
    return {
      id: r.id,
      name: text(r.name) ?? party?.name ?? r.kind,
      kind: r.kind as RecipientKindCode,
      dpaReference: r.dpaReference,
      locations,
    };
  });
  const unclaimed = transfers.filter((t) => !claimed.has(t.id));
  return [
    ...mapped,
    ...unclaimed.map((t): RecipientFacts => {
      const party = t.partyId ? rows.parties.get(t.partyId) : undefined;
      return {
        id: t.id,
        name: party?.name ?? `${t.country}`,
        kind: 'RK_THIRD_PARTY',
        locations: [transferLocation(t, scopeOf(party, rows.day))],
      };
    }),
  ];
}

/** The strictest sub-processor authorisation the controllers gave (processor activities). */
function authorisationOf(activity: Activity): 'specific' | 'general' | null {
  const kinds = (activity.controllers ?? []).map((c) => c.authorisation);
  return kinds.includes('specific') ? 'specific' : kinds.includes('general') ? 'general' : null;
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
