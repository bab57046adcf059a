// Art. 30(5): organisations with fewer than 250 staff need no record for an activity unless it is
// likely to result in a risk, is not occasional, or includes Art. 9(1) or Art. 10 data. The
// conditions are alternatives (WP29 position paper, 19 Apr 2018): any one of them keeps the record
// required. Unknown facts count against the exemption, so the helper never exempts by default.
// The threshold is configurable because Omnibus IV (not adopted as of 2026-11) would change it.

export type Art30RecordTrigger =
  | 'STAFF_UNKNOWN'
  | 'STAFF_AT_OR_ABOVE_THRESHOLD'
  | 'LIKELY_RISK'
  | 'NOT_OCCASIONAL'
  | 'SPECIAL_CATEGORIES'
  | 'CRIMINAL_DATA';

export interface Art30ExemptionInput {
  readonly staffCount?: number | null;
  readonly likelyRisk?: boolean | null;
  readonly occasional?: boolean | null;
  readonly special: boolean;
  readonly criminal: boolean;
}

export interface Art30Exemption {
  readonly exempt: boolean;
  /** Why the record is required; empty when exempt. */
  readonly triggers: readonly Art30RecordTrigger[];
}

export const ART30_5_DEFAULT_STAFF_THRESHOLD = 250;

export function art30Exemption(
  input: Art30ExemptionInput,
  staffThreshold: number = ART30_5_DEFAULT_STAFF_THRESHOLD,
): Art30Exemption {
  const triggers: Art30RecordTrigger[] = [];
  if (input.staffCount == null) triggers.push('STAFF_UNKNOWN');
  else if (input.staffCount >= staffThreshold) triggers.push('STAFF_AT_OR_ABOVE_THRESHOLD');
  if (input.likelyRisk !== false) triggers.push('LIKELY_RISK');
  if (input.occasional !== true) triggers.push('NOT_OCCASIONAL');
  if (input.special) triggers.push('SPECIAL_CATEGORIES');
  if (input.criminal) triggers.push('CRIMINAL_DATA');
  return { exempt: triggers.length === 0, triggers };
}
