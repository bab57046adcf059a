import { randomUUID } from 'node:crypto';
import { AppError } from '#core';
import {
  ART10_BASES,
  ART22_EXCEPTIONS,
  ART6_BASES,
  ART9_CONDITIONS,
  DATA_SUBJECT_CATEGORIES,
  isIsoDate,
  isIsoDuration,
  RECIPIENT_KINDS,
  RETENTION_ACTIONS,
  RETENTION_JUSTIFICATIONS,
  RETENTION_TRIGGERS,
  TOMS,
  TRANSFER_MECHANISMS,
} from '#gdpr';
import { checkCode, checkCountry } from '../common/code-checks.js';
import { ControllerAuthorisationEnum, DpiaStatusEnum } from './activity-enums.js';
import type {
  Art10Basis,
  Art9Condition,
  AutomatedDecision,
  ControllerLink,
  Dpia,
  Purpose,
  Recipient,
  RetentionRule,
  Transfer,
} from './activity.values.js';
import type {
  ActivityAutomatedDecisionInput,
  ActivityControllerInput,
  ActivityPurposeInput,
  ActivityRecipientInput,
  ActivityRetentionRuleInput,
  ActivityTransferInput,
} from './dto/activity-values.input.js';

// Checks of the parts of an activity: each turns one input item into what is stored, checking
// its reference codes against #gdpr, and names the field at fault as `input.<list>[i].<field>`.

const codes = (items: ReadonlyArray<{ code: string }>): ReadonlySet<string> => new Set(items.map((i) => i.code));
export const KNOWN = {
  art6: codes(ART6_BASES),
  art9: codes(ART9_CONDITIONS),
  art10: codes(ART10_BASES),
  art22: codes(ART22_EXCEPTIONS),
  subjects: codes(DATA_SUBJECT_CATEGORIES),
  recipientKinds: codes(RECIPIENT_KINDS),
  mechanisms: codes(TRANSFER_MECHANISMS),
  triggers: codes(RETENTION_TRIGGERS),
  actions: codes(RETENTION_ACTIONS),
  justifications: codes(RETENTION_JUSTIFICATIONS),
  toms: codes(TOMS),
};

const AUTHORISATIONS: ReadonlySet<string> = new Set(Object.values(ControllerAuthorisationEnum));
const DPIA_STATUSES: ReadonlySet<string> = new Set(Object.values(DpiaStatusEnum));

export function date(field: string, value: string): string {
  if (!isIsoDate(value)) throw AppError.badInput(field, `"${value}" is not a calendar date (YYYY-MM-DD).`);
  return value;
}

const optionalDate = (field: string, value: string | null | undefined) => (value ? date(field, value) : null);
const optionalCode = (field: string, value: string | null | undefined, known: ReadonlySet<string>, what: string) =>
  value ? checkCode(field, value, known, what) : null;

/** A value-list item before its id is settled. */
type Unsaved<T extends { id: string }> = Omit<T, 'id'> & { id: string | null };

/** Keeps given item ids (refusing duplicates) and generates the missing ones. */
export function withIds<T extends { id: string | null }>(
  field: string,
  items: T[],
): Array<Omit<T, 'id'> & { id: string }> {
  const seen = new Set<string>();
  return items.map((item, i) => {
    const id = item.id ?? randomUUID();
    if (seen.has(id)) throw AppError.badInput(`${field}[${i}].id`, `Another item of this list has id "${id}".`);
    seen.add(id);
    return { ...item, id };
  });
}

export function purpose(p: ActivityPurposeInput, i: number): Unsaved<Purpose> {
  const at = `input.purposes[${i}]`;
  return {
    id: p.id ?? null,
    description: p.description,
    legalBasis: optionalCode(`${at}.legalBasis`, p.legalBasis, KNOWN.art6, 'Art. 6(1) legal basis'),
    legalReference: p.legalReference ?? null,
    liaReference: p.liaReference ?? null,
    liaDate: optionalDate(`${at}.liaDate`, p.liaDate),
    consentMechanism: p.consentMechanism ?? null,
    consentWithdrawal: p.consentWithdrawal ?? null,
    directMarketing: p.directMarketing ?? null,
  };
}

export function controllers(list: ActivityControllerInput[]): ControllerLink[] {
  const seen = new Set<string>();
  return list.map((c, i) => {
    if (seen.has(c.partyId))
      throw AppError.badInput(`input.controllers[${i}].partyId`, 'This controller is listed twice.');
    seen.add(c.partyId);
    return {
      partyId: c.partyId,
      processingCategories: c.processingCategories ?? null,
      dpaReference: c.dpaReference ?? null,
      authorisation: optionalCode(
        `input.controllers[${i}].authorisation`,
        c.authorisation,
        AUTHORISATIONS,
        'authorisation',
      ) as ControllerLink['authorisation'],
    };
  });
}

export function art9(c: { code: string; legalReference?: string | null; explicitConsent?: boolean | null }, i: number) {
  return {
    code: checkCode(`input.art9Conditions[${i}].code`, c.code, KNOWN.art9, 'Art. 9(2) condition'),
    legalReference: c.legalReference ?? null,
    explicitConsent: c.explicitConsent ?? null,
  } satisfies Art9Condition;
}

export function art10(b: { code: string; legalReference?: string | null }): Art10Basis {
  return {
    code: checkCode('input.art10Basis.code', b.code, KNOWN.art10, 'Art. 10 basis'),
    legalReference: b.legalReference ?? null,
  };
}

export function recipient(r: ActivityRecipientInput, i: number): Unsaved<Recipient> {
  const at = `input.recipients[${i}]`;
  return {
    id: r.id ?? null,
    kind: checkCode(`${at}.kind`, r.kind, KNOWN.recipientKinds, 'recipient kind'),
    partyId: r.partyId ?? null,
    name: r.name ?? null,
    country: r.country ? checkCountry(`${at}.country`, r.country) : null,
    description: r.description ?? null,
    dpaReference: r.dpaReference ?? null,
  };
}

export function transfer(t: ActivityTransferInput, i: number): Unsaved<Transfer> {
  const at = `input.transfers[${i}]`;
  return {
    id: t.id ?? null,
    country: checkCountry(`${at}.country`, t.country),
    recipientId: t.recipientId ?? null,
    partyId: t.partyId ?? null,
    mechanism: optionalCode(`${at}.mechanism`, t.mechanism, KNOWN.mechanisms, 'transfer mechanism'),
    tiaReference: t.tiaReference ?? null,
    tiaReviewDate: optionalDate(`${at}.tiaReviewDate`, t.tiaReviewDate),
    supplementaryMeasures: t.supplementaryMeasures ?? null,
    saNotifiedAt: optionalDate(`${at}.saNotifiedAt`, t.saNotifiedAt),
    safeguardReference: t.safeguardReference ?? null,
    description: t.description ?? null,
  };
}

export function retention(r: ActivityRetentionRuleInput, i: number): Unsaved<RetentionRule> {
  const at = `input.retention[${i}]`;
  if (r.duration && !isIsoDuration(r.duration))
    throw AppError.badInput(`${at}.duration`, `"${r.duration}" is not an ISO 8601 duration (e.g. P180D, P3Y).`);
  return {
    id: r.id ?? null,
    dataCategoryCode: r.dataCategoryCode ?? null,
    duration: r.duration ? r.duration.trim() : null,
    trigger: optionalCode(`${at}.trigger`, r.trigger, KNOWN.triggers, 'retention trigger'),
    action: optionalCode(`${at}.action`, r.action, KNOWN.actions, 'retention action'),
    justification: optionalCode(
      `${at}.justification`,
      r.justification,
      KNOWN.justifications,
      'retention justification',
    ),
    legalReference: r.legalReference ?? null,
    criterion: r.criterion ?? null,
  };
}

export function automatedDecision(a: ActivityAutomatedDecisionInput): AutomatedDecision {
  return {
    exists: a.exists,
    description: a.description ?? null,
    legalOrSimilarEffect: a.legalOrSimilarEffect ?? false,
    exception: optionalCode('input.automatedDecision.exception', a.exception, KNOWN.art22, 'Art. 22(2) exception'),
    profiling: a.profiling ?? false,
  };
}

export function dpia(d: { required?: boolean | null; status?: Dpia['status']; reference?: string | null }): Dpia {
  const status = optionalCode('input.dpia.status', d.status, DPIA_STATUSES, 'DPIA status') as Dpia['status'];
  return { required: d.required ?? null, status, reference: d.reference ?? null };
}
