// Taxonomy of personal-data categories for Art. 30(1)(c). `special` marks Art. 9(1) data and
// `criminal` Art. 10 data: both change which legal conditions and checks apply. The common
// categories follow market practice (ICO template, CNIL "registre de base" groups); each Art. 9(1)
// category is listed separately because each needs its own Art. 9(2) condition.
import { gdpr, type Labels, type Source } from './reference.js';

export type DataCategoryGroup =
  'identity' | 'contact' | 'online' | 'financial' | 'professional' | 'education' | 'content' | 'special' | 'criminal';

interface DataCategory {
  readonly code: string;
  readonly label: Labels;
  readonly group: DataCategoryGroup;
  readonly special: boolean;
  readonly criminal: boolean;
  readonly source: Source;
}

const PRACTICE: Source = {
  ref: 'Market practice: ICO record-of-processing template; CNIL registre de base data groups',
  tag: 'P',
};

function common<const C extends `DC_${string}`>(
  code: C,
  group: DataCategoryGroup,
  nl: string,
  en: string,
  source = PRACTICE,
) {
  return { code, label: { nl, en }, group, special: false, criminal: false, source };
}

function special<const C extends `DC_${string}`>(code: C, nl: string, en: string) {
  return {
    code,
    label: { nl, en },
    group: 'special',
    special: true,
    criminal: false,
    source: gdpr('Art. 9(1)'),
  } as const;
}

export const DATA_CATEGORIES = [
  common('DC_NAME', 'identity', 'Naam en identificatiegegevens', 'Name and identification data'),
  common('DC_DATE_OF_BIRTH', 'identity', 'Geboortedatum en leeftijd', 'Date of birth and age'),
  common(
    'DC_NATIONAL_ID',
    'identity',
    'Nationaal identificatienummer of identiteitsbewijs (zoals BSN)',
    'National identification number or identity document',
    {
      ...gdpr('Art. 87'),
      note: 'Member States may set specific conditions (e.g. NL BSN, FR NIR).',
    },
  ),
  common('DC_PHOTO', 'identity', 'Foto- en beeldmateriaal', 'Photographs and images', {
    ...gdpr('Recital 51'),
    note: 'Biometric (Art. 9) only when processed by specific technical means to identify a person.',
  }),
  common('DC_EMAIL', 'contact', 'E-mailadres', 'Email address'),
  common('DC_PHONE', 'contact', 'Telefoonnummer', 'Phone number'),
  common('DC_ADDRESS', 'contact', 'Postadres', 'Postal address'),
  common('DC_CREDENTIALS', 'online', 'Accountgegevens en inloggegevens', 'Account credentials'),
  common('DC_IP_ADDRESS', 'online', 'IP-adres', 'IP address', { ...gdpr('Recital 30'), note: 'Online identifier.' }),
  common(
    'DC_COOKIE_ID',
    'online',
    'Cookie-ID en vergelijkbare online identificatoren',
    'Cookie ID and similar online identifiers',
    {
      ...gdpr('Recital 30'),
      note: 'Online identifier.',
    },
  ),
  common('DC_DEVICE_DATA', 'online', 'Apparaat- en technische gegevens', 'Device and technical data'),
  common('DC_USAGE_DATA', 'online', 'Gebruiksgegevens', 'Usage data'),
  common('DC_LOCATION', 'online', 'Locatiegegevens', 'Location data', gdpr('Art. 4(1)')),
  common('DC_PREFERENCES', 'online', 'Voorkeuren en toestemmingen', 'Preferences and consents'),
  common('DC_FINANCIAL', 'financial', 'Financiële en betaalgegevens', 'Financial and payment data'),
  common('DC_EMPLOYMENT', 'professional', 'Gegevens over werk en dienstverband', 'Employment data'),
  common(
    'DC_EDUCATION',
    'education',
    'Onderwijs- en leergegevens (zoals learning analytics)',
    'Education and learning data (e.g. learning analytics)',
  ),
  common('DC_COMMUNICATIONS_CONTENT', 'content', 'Inhoud van communicatie', 'Content of communications'),
  special('DC_RACIAL_ETHNIC_ORIGIN', 'Ras of etnische afkomst', 'Racial or ethnic origin'),
  special('DC_POLITICAL_OPINIONS', 'Politieke opvattingen', 'Political opinions'),
  special(
    'DC_RELIGIOUS_BELIEFS',
    'Religieuze of levensbeschouwelijke overtuigingen',
    'Religious or philosophical beliefs',
  ),
  special('DC_TRADE_UNION', 'Lidmaatschap van een vakbond', 'Trade union membership'),
  special('DC_GENETIC', 'Genetische gegevens', 'Genetic data'),
  special(
    'DC_BIOMETRIC',
    'Biometrische gegevens voor unieke identificatie',
    'Biometric data for uniquely identifying a person',
  ),
  special('DC_HEALTH', 'Gezondheidsgegevens', 'Health data'),
  special('DC_SEX_LIFE_ORIENTATION', 'Seksueel gedrag of seksuele gerichtheid', 'Sex life or sexual orientation'),
  {
    code: 'DC_CRIMINAL',
    label: { nl: 'Strafrechtelijke veroordelingen en strafbare feiten', en: 'Criminal convictions and offences' },
    group: 'criminal',
    special: false,
    criminal: true,
    source: gdpr('Art. 10'),
  },
] as const satisfies readonly DataCategory[];

export type DataCategoryCode = (typeof DATA_CATEGORIES)[number]['code'];
