// Lawful bases (Art. 6(1)), special-category conditions (Art. 9(2)), criminal-data bases (Art. 10)
// and the Art. 22(2) exceptions. The flags drive the health rules (reference §2, rules 1-9).
import { gdpr, type Labels, type Source } from './reference.js';

interface Art6Basis {
  readonly code: string;
  readonly label: Labels;
  readonly source: Source;
  /** Art. 6(3): the basis must be laid down by Union or Member State law, so cite it. */
  readonly requiresLegalReference: boolean;
  /** EDPB Guidelines 1/2024: a legitimate-interests assessment must be documented. */
  readonly requiresLia: boolean;
  /** Art. 6(1) second subparagraph: not for public authorities performing their tasks. */
  readonly barredForPublicAuthorityTasks: boolean;
}

export const ART6_BASES = [
  {
    code: 'ART6_1_A',
    label: { nl: 'Toestemming', en: 'Consent' },
    source: gdpr('Art. 6(1)(a)'),
    requiresLegalReference: false,
    requiresLia: false,
    barredForPublicAuthorityTasks: false,
  },
  {
    code: 'ART6_1_B',
    label: { nl: 'Uitvoering van een overeenkomst', en: 'Contract' },
    source: gdpr('Art. 6(1)(b)'),
    requiresLegalReference: false,
    requiresLia: false,
    barredForPublicAuthorityTasks: false,
  },
  {
    code: 'ART6_1_C',
    label: { nl: 'Wettelijke verplichting', en: 'Legal obligation' },
    source: gdpr('Art. 6(1)(c), 6(3)'),
    requiresLegalReference: true,
    requiresLia: false,
    barredForPublicAuthorityTasks: false,
  },
  {
    code: 'ART6_1_D',
    label: { nl: 'Vitaal belang', en: 'Vital interests' },
    source: gdpr('Art. 6(1)(d)'),
    requiresLegalReference: false,
    requiresLia: false,
    barredForPublicAuthorityTasks: false,
  },
  {
    code: 'ART6_1_E',
    label: { nl: 'Taak van algemeen belang of openbaar gezag', en: 'Public task' },
    source: gdpr('Art. 6(1)(e), 6(3)'),
    requiresLegalReference: true,
    requiresLia: false,
    barredForPublicAuthorityTasks: false,
  },
  {
    code: 'ART6_1_F',
    label: { nl: 'Gerechtvaardigd belang', en: 'Legitimate interests' },
    source: gdpr('Art. 6(1)(f)'),
    requiresLegalReference: false,
    requiresLia: true,
    barredForPublicAuthorityTasks: true,
  },
] as const satisfies readonly Art6Basis[];

export type Art6Code = (typeof ART6_BASES)[number]['code'];

interface Art9Condition {
  readonly code: string;
  readonly label: Labels;
  readonly source: Source;
  /** Rule 4: conditions that rest on Union or Member State law (or Art. 89(1)) need a citation. */
  readonly requiresLegalReference: boolean;
  /** Rule 3: consent under 9(2)(a) must be explicit. */
  readonly requiresExplicitConsent: boolean;
  /** Art. 22(4): the only conditions under which special data may feed automated decisions. */
  readonly allowsAutomatedDecisions: boolean;
}

type Art9Flags = Partial<
  Pick<Art9Condition, 'requiresLegalReference' | 'requiresExplicitConsent' | 'allowsAutomatedDecisions'>
>;

function art9<const C extends `ART9_2_${string}`>(code: C, label: Labels, flags: Art9Flags = {}) {
  return {
    code,
    label,
    source: gdpr(`Art. 9(2)(${code.slice(-1).toLowerCase()})`),
    requiresLegalReference: flags.requiresLegalReference ?? false,
    requiresExplicitConsent: flags.requiresExplicitConsent ?? false,
    allowsAutomatedDecisions: flags.allowsAutomatedDecisions ?? false,
  };
}

export const ART9_CONDITIONS = [
  art9(
    'ART9_2_A',
    { nl: 'Uitdrukkelijke toestemming', en: 'Explicit consent' },
    { requiresExplicitConsent: true, allowsAutomatedDecisions: true },
  ),
  art9(
    'ART9_2_B',
    {
      nl: 'Arbeidsrecht, sociale zekerheid en sociale bescherming',
      en: 'Employment, social security and social protection law',
    },
    { requiresLegalReference: true },
  ),
  art9('ART9_2_C', {
    nl: 'Vitaal belang, betrokkene kan geen toestemming geven',
    en: 'Vital interests, data subject unable to consent',
  }),
  art9('ART9_2_D', {
    nl: 'Instantie zonder winstoogmerk (leden en vaste contacten)',
    en: 'Not-for-profit body (members and regular contacts)',
  }),
  art9('ART9_2_E', {
    nl: 'Kennelijk openbaar gemaakt door de betrokkene',
    en: 'Manifestly made public by the data subject',
  }),
  art9('ART9_2_F', {
    nl: 'Rechtsvorderingen of gerechten in hun rechtsprekende taak',
    en: 'Legal claims or courts acting judicially',
  }),
  art9(
    'ART9_2_G',
    {
      nl: 'Zwaarwegend algemeen belang (Unie- of lidstatelijk recht)',
      en: 'Substantial public interest (Union or Member State law)',
    },
    { requiresLegalReference: true, allowsAutomatedDecisions: true },
  ),
  art9(
    'ART9_2_H',
    {
      nl: 'Preventieve of arbeidsgeneeskunde, diagnose, gezondheids- of sociale zorg',
      en: 'Preventive or occupational medicine, diagnosis, health or social care',
    },
    { requiresLegalReference: true },
  ),
  art9(
    'ART9_2_I',
    { nl: 'Algemeen belang op het gebied van volksgezondheid', en: 'Public interest in public health' },
    { requiresLegalReference: true },
  ),
  art9(
    'ART9_2_J',
    {
      nl: 'Archivering, wetenschappelijk of historisch onderzoek, statistiek (Art. 89(1))',
      en: 'Archiving, scientific or historical research, statistics (Art. 89(1))',
    },
    { requiresLegalReference: true },
  ),
] as const satisfies readonly Art9Condition[];

export type Art9Code = (typeof ART9_CONDITIONS)[number]['code'];

/** Art. 10: criminal-conviction data only under official authority or when law authorises it. */
export const ART10_BASES = [
  {
    code: 'ART10_OFFICIAL_AUTHORITY',
    label: { nl: 'Onder toezicht van de overheid', en: 'Under the control of official authority' },
    source: gdpr('Art. 10'),
  },
  {
    code: 'ART10_AUTHORISED_BY_LAW',
    label: {
      nl: 'Toegestaan bij Unie- of lidstatelijk recht met passende waarborgen',
      en: 'Authorised by Union or Member State law with appropriate safeguards',
    },
    source: gdpr('Art. 10'),
  },
] as const satisfies readonly { code: string; label: Labels; source: Source }[];

export type Art10Code = (typeof ART10_BASES)[number]['code'];

/** Art. 22(2): exceptions allowing decisions based solely on automated processing. */
export const ART22_EXCEPTIONS = [
  {
    code: 'ART22_2_A',
    label: { nl: 'Noodzakelijk voor een overeenkomst', en: 'Necessary for a contract' },
    source: gdpr('Art. 22(2)(a)'),
  },
  {
    code: 'ART22_2_B',
    label: { nl: 'Toegestaan bij Unie- of lidstatelijk recht', en: 'Authorised by Union or Member State law' },
    source: gdpr('Art. 22(2)(b)'),
  },
  {
    code: 'ART22_2_C',
    label: { nl: 'Uitdrukkelijke toestemming', en: 'Explicit consent' },
    source: gdpr('Art. 22(2)(c)'),
  },
] as const satisfies readonly { code: string; label: Labels; source: Source }[];

export type Art22ExceptionCode = (typeof ART22_EXCEPTIONS)[number]['code'];
