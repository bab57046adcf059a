// Reference §3 and §4: processor contracts (Art. 28(3)), sub-processor authorisation and flow-down
// (Art. 28(2), (4)), a known location per recipient, and a valid Chapter V basis per transfer with
// its TIA (Art. 46) or derogation conditions (Art. 49).
import { addDays } from './dates.js';
import { filled, hit, isController, type ActivityCheck, type Hit } from './health-check.js';
import { ADEQUACY_DECISIONS } from './adequacy.data.js';
import { byCode } from './reference.js';
import type { RecipientFacts } from './register-facts.js';

/** Kinds whose processing location decides whether data leaves the EEA. */
const EXTERNAL_KINDS = new Set(['RK_PROCESSOR', 'RK_THIRD_PARTY']);

function subProcessorHits(recipient: RecipientFacts, path: string, defaultNoticeDays: number): Hit[] {
  const hits: Hit[] = [];
  const id = recipient.id;
  if (!filled(recipient.dpaReference)) hits.push(hit('R-ART28-4-FLOWDOWN-MISSING', path, id));
  if (!recipient.authorisation) hits.push(hit('R-ART28-2-AUTHORISATION-MISSING', path, id));
  if (recipient.authorisation === 'specific' && !recipient.approvedAt) {
    hits.push(hit('R-ART28-2-SPECIFIC-NOT-APPROVED', path, id));
  }
  if (recipient.authorisation === 'general' && recipient.effectiveAt) {
    const notice = recipient.noticeDays ?? defaultNoticeDays;
    const latest = addDays(recipient.effectiveAt, -notice);
    if (!recipient.notifiedAt || recipient.notifiedAt > latest) {
      const detail = {
        nl: `Aankondiging uiterlijk ${latest} (${notice} dagen vóór ${recipient.effectiveAt}).`,
        en: `Notice due by ${latest} (${notice} days before ${recipient.effectiveAt}).`,
      };
      hits.push(hit('R-ART28-2-NOTICE-TOO-SHORT', path, id, detail));
    }
    if (recipient.notifiedAt && (!recipient.objectionDeadline || !recipient.objectionStatus)) {
      hits.push(hit('R-ART28-2-OBJECTION-MISSING', path, id));
    }
  }
  return hits;
}

const checkRecipients: ActivityCheck = (activity, ctx) =>
  activity.recipients.flatMap((recipient, i) => {
    const path = `recipients[${i}]`;
    const hits: Hit[] = [];
    if (recipient.kind === 'RK_PROCESSOR') {
      if (isController(activity)) {
        if (!filled(recipient.dpaReference)) hits.push(hit('R-ART28-3-DPA-MISSING', path, recipient.id));
      } else {
        hits.push(...subProcessorHits(recipient, path, ctx.options.noticeDays));
      }
    }
    const unlocated = recipient.locations.length === 0 || recipient.locations.some((l) => !filled(l.country));
    if (EXTERNAL_KINDS.has(recipient.kind) && unlocated)
      hits.push(hit('R-RECIPIENT-COUNTRY-MISSING', path, recipient.id));
    return hits;
  });

const checkTransfers: ActivityCheck = (_activity, ctx) =>
  ctx.transfers.flatMap(({ path, location, assessment }) => {
    const { status, reason } = assessment;
    const id = location.id;
    if (assessment.destination === null) return []; // reported as R-RECIPIENT-COUNTRY-MISSING
    switch (status) {
      case 'NO_VALID_MECHANISM':
        return [hit('R-ART44-NO-VALID-MECHANISM', path, id, reason)];
      case 'SAFEGUARDED_NO_TIA':
        return [hit('R-ART46-TIA-MISSING', path, id, reason)];
      case 'SAFEGUARDED':
        if (!location.tiaReviewDate) return [hit('R-TIA-REVIEW-DATE-MISSING', path, id)];
        return location.tiaReviewDate < ctx.asOf ? [hit('R-TIA-REVIEW-OVERDUE', path, id)] : [];
      case 'DEROGATION': {
        const hits = [hit('R-ART49-DEROGATION-USED', path, id, reason)];
        const compelling = assessment.basis === 'ART49_1_COMPELLING';
        if (compelling && (!location.saNotifiedAt || !filled(location.safeguardReference))) {
          hits.push(hit('R-ART49-COMPELLING-CONDITIONS', path, id));
        }
        return hits;
      }
      case 'ADEQUATE': {
        const until = byCode(ADEQUACY_DECISIONS, assessment.basis)?.validUntil;
        const horizon = addDays(ctx.asOf, ctx.options.adequacyExpiryWarningDays);
        if (!until || until > horizon) return [];
        return [
          hit('R-ADEQUACY-EXPIRING', path, id, { nl: `Geldig tot en met ${until}.`, en: `Valid until ${until}.` }),
        ];
      }
      case 'WITHIN_EEA':
        return [];
    }
  });

export const recipientChecks: ActivityCheck = (activity, ctx) => [
  ...checkRecipients(activity, ctx),
  ...checkTransfers(activity, ctx),
];
