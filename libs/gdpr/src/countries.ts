// EEA membership and country codes. Transfers to these countries are not Chapter V transfers.
import type { Labels, Lang, Source } from './reference.js';

/** EU-27 (ISO 3166-1 alpha-2; Greece stored as GR) plus the EEA EFTA states IS, LI, NO. */
// prettier-ignore
export const EEA_COUNTRIES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
] as const;

export type EeaCountry = (typeof EEA_COUNTRIES)[number];

/** EEA EFTA states: Commission decisions reach them only once incorporated into the EEA Agreement. */
export const EEA_EFTA_COUNTRIES = ['IS', 'LI', 'NO'] as const satisfies readonly EeaCountry[];

export const EEA_SOURCE: Source = {
  ref: 'Agreement on the European Economic Area; EU Interinstitutional Style Guide (EL for Greece)',
  tag: 'L',
  note: 'CH is EFTA but not EEA; GI is a third country without adequacy; GL and SJ need a per-territory check.',
};

/**
 * Codes used for non-ISO spellings: the EU writes Greece as EL and the United Kingdom as UK;
 * the register stores the ISO 3166-1 code.
 */
const ALIASES: Readonly<Record<string, string>> = { EL: 'GR', UK: 'GB' };

/** Upper-cases, trims and maps EU spellings (EL, UK) to ISO 3166-1 alpha-2 (GR, GB). */
export function normalizeCountryCode(code: string): string {
  const upper = code.trim().toUpperCase();
  return ALIASES[upper] ?? upper;
}

export function isEeaCountry(code: string | null | undefined): boolean {
  if (!code) return false;
  return (EEA_COUNTRIES as readonly string[]).includes(normalizeCountryCode(code));
}

/** International organisations that can be transfer destinations, keyed by the code we store. */
const ORGANISATION_NAMES: Readonly<Record<string, Labels>> = {
  EPO: { nl: 'Europese Octrooiorganisatie', en: 'European Patent Organisation' },
};

const displayNames: Record<Lang, Intl.DisplayNames> = {
  nl: new Intl.DisplayNames(['nl'], { type: 'region', fallback: 'code' }),
  en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }),
};

/** Display name of a country (or known international organisation); falls back to the code. */
export function countryName(code: string, lang: Lang): string {
  // Intl.DisplayNames is slow per call and register health asks for the same few names over and
  // over (an export evaluates 100,000 activities): remember each answer.
  const key = `${lang}:${code}`;
  let name = NAMES.get(key);
  if (name === undefined) NAMES.set(key, (name = lookUpCountryName(code, lang)));
  return name;
}
const NAMES = new Map<string, string>();

function lookUpCountryName(code: string, lang: Lang): string {
  const normalized = normalizeCountryCode(code);
  const organisation = ORGANISATION_NAMES[normalized];
  if (organisation) return organisation[lang];
  if (!/^[A-Z]{2}$/.test(normalized)) return normalized;
  return displayNames[lang].of(normalized) ?? normalized;
}
