import countryCodes from 'i18n-iso-countries';
import {
  ADEQUACY_DECISIONS,
  ART10_BASES,
  ART6_BASES,
  ART9_CONDITIONS,
  type AdequacyDecision,
  countryName,
  DATA_SUBJECT_CATEGORIES,
  isEeaCountry,
  type Labels,
  RECIPIENT_KINDS,
  RETENTION_ACTIONS,
  RETENTION_TRIGGERS,
  SDM_GOALS,
  type Source,
  TOMS,
  TRANSFER_MECHANISMS,
} from '#gdpr';
import {
  type AdequacyDecisionModel,
  type Art9ConditionModel,
  type CountryModel,
  type DataSubjectCategoryModel,
  type LegalBasisModel,
  type ReferenceItemModel,
  type SourceTagEnum,
  type TomModel,
  type TransferMechanismModel,
} from './reference.model.js';

// The shipped reference data as GraphQL models, built once: it is constant per release.

function item(value: { code: string; label: Labels; source: Source }): ReferenceItemModel {
  const { ref, tag, celex, date, note } = value.source;
  return {
    code: value.code,
    labelNl: value.label.nl,
    labelEn: value.label.en,
    source: { ref, tag: tag as SourceTagEnum, celex: celex ?? null, date: date ?? null, note: note ?? null },
  };
}

/** camelCase fact names of #gdpr as upper-case constants (dpfCertified -> DPF_CERTIFIED). */
const constant = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

function adequacy(decision: AdequacyDecision): AdequacyDecisionModel {
  const { scope } = decision;
  return {
    ...item(decision),
    country: decision.destination,
    kind: constant(decision.kind),
    decision: decision.decision,
    celex: decision.celex,
    adopted: decision.adopted,
    effectiveFrom: decision.effectiveFrom,
    validUntil: decision.validUntil,
    scope: {
      whole: scope.requires.length === 0 && scope.excludes.length === 0 && scope.note === null,
      requires: scope.requires.map(constant),
      excludes: scope.excludes.map(constant),
      noteNl: scope.note?.nl ?? null,
      noteEn: scope.note?.en ?? null,
    },
    amendments: decision.amendments.map((a) => ({
      decision: a.decision,
      celex: a.celex,
      date: a.date,
      effectNl: a.effect.nl,
      effectEn: a.effect.en,
    })),
    eeaIncorporated: decision.eeaIncorporated,
    noteNl: decision.note?.nl ?? null,
    noteEn: decision.note?.en ?? null,
  };
}

const goals = new Map(SDM_GOALS.map((goal) => [goal.code as string, item(goal)]));
const adequacyDecisions = ADEQUACY_DECISIONS.map(adequacy);
const adequacyByCountry = new Map(adequacyDecisions.map((d) => [d.country, d]));

function country(code: string, internationalOrganisation = false): CountryModel {
  return {
    code,
    nameNl: countryName(code, 'nl'),
    nameEn: countryName(code, 'en'),
    inEea: isEeaCountry(code),
    internationalOrganisation,
    adequacyDecision: adequacyByCountry.get(code) ?? null,
  };
}

export const REFERENCE = {
  legalBases: ART6_BASES.map((b): LegalBasisModel => ({
    ...item(b),
    requiresLegalReference: b.requiresLegalReference,
    requiresLia: b.requiresLia,
    barredForPublicAuthorityTasks: b.barredForPublicAuthorityTasks,
  })),
  art9Conditions: ART9_CONDITIONS.map((c): Art9ConditionModel => ({
    ...item(c),
    requiresLegalReference: c.requiresLegalReference,
    requiresExplicitConsent: c.requiresExplicitConsent,
    allowsAutomatedDecisions: c.allowsAutomatedDecisions,
  })),
  art10Bases: ART10_BASES.map(item),
  transferMechanisms: TRANSFER_MECHANISMS.map((m): TransferMechanismModel => ({
    ...item(m),
    kind: m.kind.toUpperCase(),
    requiresTia: m.requiresTia,
    barredForPublicPowers: m.barredForPublicPowers,
    requiresSaNotification: m.requiresSaNotification,
    validFrom: m.validFrom,
    validUntil: m.validUntil,
  })),
  adequacyDecisions,
  toms: TOMS.map((t): TomModel => ({
    ...item(t),
    goals: t.goals.map((code) => goals.get(code)!),
    iso27001: [...t.iso27001],
  })),
  dataSubjectCategories: DATA_SUBJECT_CATEGORIES.map((s): DataSubjectCategoryModel => ({ ...item(s), child: s.child })),
  recipientKinds: RECIPIENT_KINDS.map(item),
  retentionTriggers: RETENTION_TRIGGERS.map(item),
  retentionActions: RETENTION_ACTIONS.map(item),
  countries: [
    ...Object.keys(countryCodes.getAlpha2Codes())
      .sort()
      .map((code) => country(code)),
    country('EPO', true),
  ],
};
