import {
  normalizeCountryCode,
  type RecipientFacts,
  type RecipientKindCode,
  type TransferLocationFacts,
  type TransferMechanismCode,
} from '#gdpr';
import type { Activity } from '../activities/activity.entity.js';
import type { Recipient, Transfer } from '../activities/activity.values.js';
import type { CustomDataCategory } from '../data-categories/data-category.entity.js';
import type { Engagement } from '../engagements/engagement.entity.js';
import type { Party } from '../parties/party.entity.js';
import type { EngagementNotices } from './engagement-notices.js';

// Recipients and where they process the data (Art. 30(1)(d)-(e)), mapped for the transfer rules.

/** The register as read at one instant, indexed for the mapping. */
export interface RegisterRows {
  /** The day the rules are evaluated at (YYYY-MM-DD): certifications count when valid then. */
  day: string;
  parties: ReadonlyMap<string, Party>;
  engagements: ReadonlyMap<string, Engagement>;
  /** The tenant's own data categories, by code. */
  customCategories: ReadonlyMap<string, CustomDataCategory>;
  /** How engagements were announced and approved (absent: nothing recorded, e.g. in exports). */
  notices?: EngagementNotices;
}

type ScopeFacts = Pick<TransferLocationFacts, 'dpfCertified' | 'publicSector'>;

export const text = (s: string | null | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);

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
  authorisation: SubProcessorAuthorisation | null,
): RecipientFacts {
  return {
    id: engagement.id,
    name: rows.parties.get(engagement.vendorId)?.name ?? engagement.purpose,
    kind: 'RK_PROCESSOR',
    // A signing date shows the Art. 28(3) agreement exists even without a reference to it.
    dpaReference: text(engagement.dpaReference) ?? engagement.dpaSignedOn,
    authorisation: authorisation?.kind ?? null,
    ...(authorisation ? noticeFacts(engagement.id, authorisation, rows.notices) : {}),
    locations: engagementLocations(engagement, rows),
  };
}

/** A processor activity's sub-processor authorisation (Art. 28(2)): its kind, and who gave it specifically. */
export interface SubProcessorAuthorisation {
  kind: 'specific' | 'general';
  /** Controllers on specific authorisation: each must approve a new sub-processor. */
  specificControllers: string[];
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The Art. 28(2) facts of how the engagement came in: approved when every controller on specific
 * authorisation approved its announcement; for general authorisation, the notice and its period.
 * An engagement no announcement brought in has none (it predates the register, or was entered
 * directly): specific authorisation then reads as not approved, general as not checked.
 */
function noticeFacts(
  engagementId: string,
  authorisation: SubProcessorAuthorisation,
  notices: EngagementNotices | undefined,
): Partial<RecipientFacts> {
  const notice = notices?.byEngagement.get(engagementId);
  if (!notice) return {};
  if (authorisation.kind === 'specific') {
    const times = authorisation.specificControllers.map((party) => notice.approvals.get(party));
    const approved = times.length > 0 && times.every((t): t is Date => t !== undefined);
    return { approvedAt: approved ? day(new Date(Math.max(...times.map((t) => t.getTime())))) : null };
  }
  return {
    notifiedAt: day(notice.announcedAt),
    effectiveAt: day(notice.effectiveAt),
    noticeDays: notices!.noticeDays,
    objectionDeadline: day(notice.objectionDeadline),
    objectionStatus: notice.objectionStatus,
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
export function recipientsOf(activity: Activity, rows: RegisterRows): RecipientFacts[] {
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
