// Whether an adequacy decision covers one recipient at a given date: the decision must be in force
// (effectiveFrom ≤ asOf ≤ validUntil), the recipient inside its scope, and, for exporters in IS, LI
// or NO, the decision incorporated into the EEA Agreement.
import { ADEQUACY_DECISIONS, type AdequacyDecision, type RecipientScopeFlag } from './adequacy.data.js';
import { EEA_EFTA_COUNTRIES, normalizeCountryCode } from './countries.js';
import { withinDates } from './dates.js';

/** Facts about the recipient that adequacy scopes depend on (unknown = null/undefined). */
export type RecipientScopeFacts = { readonly [F in RecipientScopeFlag]?: boolean | null };

export type AdequacyGap =
  'NO_DECISION' | 'NOT_YET_IN_FORCE' | 'EXPIRED' | 'SCOPE_NOT_CONFIRMED' | 'SCOPE_EXCLUDED' | 'NOT_INCORPORATED_IN_EEA';

export type AdequacyCheck =
  | { readonly adequate: true; readonly decision: AdequacyDecision }
  | {
      readonly adequate: false;
      readonly decision: AdequacyDecision | null;
      readonly gap: AdequacyGap;
      /** The scope fact that failed, for SCOPE_NOT_CONFIRMED / SCOPE_EXCLUDED. */
      readonly flag?: RecipientScopeFlag;
    };

export function adequacyDecisionFor(destination: string): AdequacyDecision | null {
  const code = normalizeCountryCode(destination);
  return ADEQUACY_DECISIONS.find((d) => d.destination === code) ?? null;
}

export function checkAdequacy(
  destination: string,
  recipient: RecipientScopeFacts,
  asOf: string,
  exporterCountry?: string | null,
): AdequacyCheck {
  const decision = adequacyDecisionFor(destination);
  if (!decision) return { adequate: false, decision: null, gap: 'NO_DECISION' };
  if (asOf < decision.effectiveFrom) return { adequate: false, decision, gap: 'NOT_YET_IN_FORCE' };
  if (!withinDates(asOf, decision.effectiveFrom, decision.validUntil)) {
    return { adequate: false, decision, gap: 'EXPIRED' };
  }
  const missing = decision.scope.requires.find((flag) => recipient[flag] !== true);
  if (missing) return { adequate: false, decision, gap: 'SCOPE_NOT_CONFIRMED', flag: missing };
  const excluded = decision.scope.excludes.find((flag) => recipient[flag] === true);
  if (excluded) return { adequate: false, decision, gap: 'SCOPE_EXCLUDED', flag: excluded };
  const exporter = exporterCountry ? normalizeCountryCode(exporterCountry) : null;
  if (!decision.eeaIncorporated && (EEA_EFTA_COUNTRIES as readonly string[]).includes(exporter ?? '')) {
    return { adequate: false, decision, gap: 'NOT_INCORPORATED_IN_EEA' };
  }
  return { adequate: true, decision };
}
