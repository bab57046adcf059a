// Transfer status is computed, never typed in: one data flow (where the data is processed, facts
// about the recipient and exporter, the chosen tool, the TIA) gives one status as of a date,
// following the order of GDPR Chapter V: EEA, then adequacy (Art. 45), then appropriate
// safeguards (Art. 46), then derogations (Art. 49).
import { checkAdequacy, type RecipientScopeFacts } from './adequacy.js';
import { EEA_SOURCE, isEeaCountry, normalizeCountryCode } from './countries.js';
import { assertIsoDate, withinDates } from './dates.js';
import { byCode, type Labels, type Source } from './reference.js';
import { TRANSFER_MECHANISMS, type TransferMechanismCode } from './transfer-mechanisms.data.js';
import * as reason from './transfer-reasons.js';

/** Ordered from best to worst; see worstTransferStatus. */
export const TRANSFER_STATUSES = [
  'WITHIN_EEA',
  'ADEQUATE',
  'SAFEGUARDED',
  /** Derogations are lawful but exceptional and read restrictively (EDPB Guidelines 2/2018). */
  'DEROGATION',
  /** An Art. 46 tool without a documented TIA breaches SCC Clause 14 / Schrems II. */
  'SAFEGUARDED_NO_TIA',
  'NO_VALID_MECHANISM',
] as const;

export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export interface TransferFlow extends RecipientScopeFacts {
  /** Where the data is processed: ISO 3166-1 alpha-2 (EL/GR and UK/GB accepted), or 'EPO'. */
  readonly country: string | null | undefined;
  readonly mechanism?: TransferMechanismCode | null;
  readonly tiaReference?: string | null;
  /** Exporter's country: decisions not yet in the EEA Agreement do not serve IS, LI and NO. */
  readonly exporterCountry?: string | null;
  /** Art. 49(3) concerns the exporter: a public authority exercising its public powers. */
  readonly exporterPublicAuthority?: boolean | null;
}

export interface TransferAssessment {
  readonly status: TransferStatus;
  /** Normalised destination code, or null when the location is unknown. */
  readonly destination: string | null;
  /** What the transfer rests on: 'EEA', an adequacy code ('ADQ_US') or a mechanism code; null if nothing. */
  readonly basis: string | null;
  readonly source: Source | null;
  /** Whether a TIA is on file; null when the basis needs none. */
  readonly tiaPresent: boolean | null;
  readonly reason: Labels;
}

const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

export function transferStatus(flow: TransferFlow, asOf: string): TransferAssessment {
  assertIsoDate(asOf, 'asOf');
  if (!present(flow.country)) {
    return {
      status: 'NO_VALID_MECHANISM',
      destination: null,
      basis: null,
      source: null,
      tiaPresent: null,
      reason: reason.unknownLocation(),
    };
  }
  const destination = normalizeCountryCode(flow.country);
  if (isEeaCountry(destination)) {
    return {
      status: 'WITHIN_EEA',
      destination,
      basis: 'EEA',
      source: EEA_SOURCE,
      tiaPresent: null,
      reason: reason.withinEea(destination),
    };
  }

  const adequacy = checkAdequacy(destination, flow, asOf, flow.exporterCountry);
  if (adequacy.adequate) {
    const { decision } = adequacy;
    return {
      status: 'ADEQUATE',
      destination,
      basis: decision.code,
      source: decision.source,
      tiaPresent: null,
      reason: reason.adequate(destination, adequacy),
    };
  }
  const gap = reason.adequacyGap(destination, adequacy);
  const none = (why: Labels): TransferAssessment => ({
    status: 'NO_VALID_MECHANISM',
    destination,
    basis: null,
    source: null,
    tiaPresent: null,
    reason: reason.join(gap, why),
  });

  if (!present(flow.mechanism)) return none(reason.noMechanism());
  const mechanism = byCode(TRANSFER_MECHANISMS, flow.mechanism);
  if (!mechanism) return none(reason.unknownMechanism(flow.mechanism));
  if (!withinDates(asOf, mechanism.validFrom, mechanism.validUntil))
    return none(reason.mechanismNotValid(mechanism, asOf));
  if (mechanism.barredForPublicPowers && flow.exporterPublicAuthority === true) {
    return none(reason.barredForPublicPowers(mechanism));
  }

  const base = { destination, basis: mechanism.code, source: mechanism.source };
  if (mechanism.kind === 'art49') {
    return { ...base, status: 'DEROGATION', tiaPresent: null, reason: reason.join(gap, reason.derogation(mechanism)) };
  }
  const tia = present(flow.tiaReference) ? flow.tiaReference.trim() : null;
  return {
    ...base,
    status: tia ? 'SAFEGUARDED' : 'SAFEGUARDED_NO_TIA',
    tiaPresent: tia !== null,
    reason: reason.join(gap, reason.safeguarded(mechanism, tia)),
  };
}

/**
 * The worst status across several flows (an activity, or an engagement with several locations),
 * by the order of TRANSFER_STATUSES; null when there are no flows.
 */
export function worstTransferStatus(
  items: readonly (TransferStatus | { readonly status: TransferStatus })[],
): TransferStatus | null {
  let worst: TransferStatus | null = null;
  for (const item of items) {
    const status = typeof item === 'string' ? item : item.status;
    if (worst === null || TRANSFER_STATUSES.indexOf(status) > TRANSFER_STATUSES.indexOf(worst)) worst = status;
  }
  return worst;
}
