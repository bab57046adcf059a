// Reference §2 rules 1-8 for controller activities: Art. 6 basis per purpose, Art. 6(3) legal
// references, legitimate interests (LIA, public authorities), consent (Art. 7, Art. 8), special
// categories (Art. 9), criminal data (Art. 10) and automated decisions (Art. 22). Processors are
// skipped: lawfulness is the controller's to establish.
import { countryName } from './countries.js';
import { digitalConsentAge } from './digital-consent-age.data.js';
import {
  actsAsPublicAuthority,
  filled,
  hasChildren,
  hasCriminalData,
  hasSpecialData,
  hit,
  isController,
  type ActivityCheck,
  type Hit,
} from './health-check.js';
import { ART6_BASES, ART9_CONDITIONS } from './legal-bases.data.js';
import { byCode } from './reference.js';

const checkPurposes: ActivityCheck = (activity, ctx) => {
  const hits: Hit[] = [];
  activity.purposes.forEach((purpose, i) => {
    const path = `purposes[${i}]`;
    const basis = byCode(ART6_BASES, purpose.legalBasis);
    if (!basis) {
      hits.push(hit('R-ART6-MISSING', path, purpose.id));
      return;
    }
    if (basis.requiresLegalReference && !filled(purpose.legalReference)) {
      hits.push(hit('R-ART6-LEGAL-REFERENCE-MISSING', path, purpose.id));
    }
    if (basis.barredForPublicAuthorityTasks && actsAsPublicAuthority(activity, ctx.tenant)) {
      hits.push(hit('R-ART6-F-PUBLIC-AUTHORITY', path, purpose.id));
    }
    if (basis.requiresLia) {
      if (!filled(purpose.liaReference)) hits.push(hit('R-ART6-F-LIA-MISSING', path, purpose.id));
      else if (purpose.liaDate && activity.startedAt && purpose.liaDate > activity.startedAt) {
        hits.push(hit('R-ART6-F-LIA-AFTER-START', path, purpose.id));
      }
    }
    if (basis.code === 'ART6_1_A') {
      if (!filled(purpose.consentMechanism)) hits.push(hit('R-ART7-CONSENT-PROOF-MISSING', path, purpose.id));
      if (!filled(purpose.consentWithdrawal)) hits.push(hit('R-ART7-WITHDRAWAL-MISSING', path, purpose.id));
    }
  });
  return hits;
};

const checkChildConsent: ActivityCheck = (activity, ctx) => {
  const onConsent = activity.purposes.some((p) => p.legalBasis === 'ART6_1_A');
  if (!onConsent || activity.informationSocietyService !== true || !hasChildren(activity)) return [];
  if (filled(activity.childConsentVerification)) return [];
  const country = ctx.tenant.country;
  const age = digitalConsentAge(country);
  const detail = country
    ? {
        nl: `Leeftijdsgrens in ${countryName(country, 'nl')}: ${age} jaar.`,
        en: `Age of digital consent in ${countryName(country, 'en')}: ${age}.`,
      }
    : {
        nl: `Leeftijdsgrens volgens de AVG: ${age} jaar, tenzij het land een lagere grens koos.`,
        en: `GDPR age of digital consent: ${age}, unless the country set a lower age.`,
      };
  return [hit('R-ART8-CHILD-CONSENT', '', undefined, detail)];
};

const checkSpecialCategories: ActivityCheck = (activity) => {
  const hits: Hit[] = [];
  const conditions = activity.art9Conditions ?? [];
  if (hasSpecialData(activity) && conditions.length === 0) hits.push(hit('R-ART9-CONDITION-MISSING'));
  conditions.forEach((condition, i) => {
    const path = `art9Conditions[${i}]`;
    const known = byCode(ART9_CONDITIONS, condition.code);
    if (known?.requiresExplicitConsent && condition.explicitConsent !== true)
      hits.push(hit('R-ART9-2A-NOT-EXPLICIT', path));
    if (known?.requiresLegalReference && !filled(condition.legalReference))
      hits.push(hit('R-ART9-LEGAL-REFERENCE-MISSING', path));
  });
  return hits;
};

const checkCriminalData: ActivityCheck = (activity) => {
  if (!hasCriminalData(activity) && !activity.art10Basis) return [];
  if (!activity.art10Basis) return [hit('R-ART10-BASIS-MISSING')];
  return filled(activity.art10Basis.legalReference) ? [] : [hit('R-ART10-LEGAL-REFERENCE-MISSING', 'art10Basis')];
};

const checkAutomatedDecision: ActivityCheck = (activity) => {
  const adm = activity.automatedDecision;
  if (!adm?.legalOrSimilarEffect) return [];
  const hits: Hit[] = [];
  if (!adm.exception) hits.push(hit('R-ART22-EXCEPTION-MISSING', 'automatedDecision'));
  const usesSpecial = adm.usesSpecialCategories ?? hasSpecialData(activity);
  const allowed = (activity.art9Conditions ?? []).some(
    (c) => byCode(ART9_CONDITIONS, c.code)?.allowsAutomatedDecisions,
  );
  if (usesSpecial && !allowed) hits.push(hit('R-ART22-4-SPECIAL-CATEGORIES', 'automatedDecision'));
  return hits;
};

const CHECKS: readonly ActivityCheck[] = [
  checkPurposes,
  checkChildConsent,
  checkSpecialCategories,
  checkCriminalData,
  checkAutomatedDecision,
];

export const lawfulnessChecks: ActivityCheck = (activity, ctx) =>
  isController(activity) ? CHECKS.flatMap((check) => check(activity, ctx)) : [];
