// Art. 8(1): age of digital consent for information society services offered directly to a child.
// 16 unless a Member State lowers it (not below 13). Values from the reference's verification
// addendum (Commission 2020 review plus later national law), which supersede the Bird & Bird list.
import { countryName, normalizeCountryCode } from './countries.js';
import { gdpr, type Labels, type Source } from './reference.js';

export const GDPR_DEFAULT_DIGITAL_CONSENT_AGE = 16;

const REVIEW: Source = {
  ...gdpr('Art. 8(1)'),
  tag: 'G',
  note: 'Commission 2020 review of the GDPR plus later national law (reference addendum 2026-11)',
};
const UNVERIFIED: Source = { ...REVIEW, tag: 'U' };

type AgeRow = readonly [country: string, age: number, source?: Source, note?: Labels];

const ROWS: readonly AgeRow[] = [
  ...['BE', 'DK', 'EE', 'FI', 'LV', 'MT', 'PT', 'SE'].map((c) => [c, 13] as const),
  ...['AT', 'BG', 'CY', 'IT', 'LT'].map((c) => [c, 14] as const),
  [
    'ES',
    14,
    REVIEW,
    { nl: 'Wetsvoorstel om de leeftijd naar 16 te verhogen', en: 'Bill pending to raise the age to 16' },
  ],
  ...['CZ', 'SI'].map((c) => [c, 15] as const),
  [
    'FR',
    15,
    REVIEW,
    {
      nl: 'Onder 15 geven de minderjarige en een ouder samen toestemming',
      en: 'Below 15 the minor and a parent consent jointly',
    },
  ],
  ['GR', 15],
  ...['HR', 'DE', 'HU', 'IE', 'LU', 'NL', 'PL', 'RO', 'SK'].map((c) => [c, 16] as const),
  ['NO', 13, REVIEW, { nl: 'Voorstel om de leeftijd naar 15 te verhogen', en: 'Proposal to raise the age to 15' }],
  ['IS', 13, UNVERIFIED],
  ['LI', 16, UNVERIFIED],
];

export interface DigitalConsentAge {
  readonly code: string;
  readonly country: string;
  readonly label: Labels;
  readonly age: number;
  readonly source: Source;
  readonly note?: Labels;
}

export const DIGITAL_CONSENT_AGES: readonly DigitalConsentAge[] = ROWS.map(([country, age, source, note]) => ({
  code: `ART8_${country}`,
  country,
  label: { nl: countryName(country, 'nl'), en: countryName(country, 'en') },
  age,
  source: source ?? REVIEW,
  ...(note ? { note } : {}),
}));

/** Age of digital consent in an EEA country (EL or GR for Greece); the GDPR default of 16 otherwise. */
export function digitalConsentAge(country: string | null | undefined): number {
  if (!country) return GDPR_DEFAULT_DIGITAL_CONSENT_AGE;
  const code = normalizeCountryCode(country);
  return DIGITAL_CONSENT_AGES.find((row) => row.country === code)?.age ?? GDPR_DEFAULT_DIGITAL_CONSENT_AGE;
}
