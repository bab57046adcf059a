// Technical and organisational measures (Art. 32) as a picklist: the examples of Commission
// Decision 2021/914 Annex II (and 2021/915 Annex III), grouped by the protection goals of the
// German DSK Standard-Datenschutzmodell (SDM v3.1). ISO/IEC 27001:2022 Annex A control ids are an
// optional cross-reference (ids only: the control text is copyrighted). Source: reference §7.
import type { Labels, Source } from './reference.js';

const SDM: Source = { ref: 'DSK Standard-Datenschutzmodell (SDM) v3.1, Gewährleistungsziele', tag: 'G' };

export const SDM_GOALS = [
  {
    code: 'SDM_DATA_MINIMISATION',
    sdmTerm: 'Datenminimierung',
    label: { nl: 'Dataminimalisatie', en: 'Data minimisation' },
    source: SDM,
  },
  {
    code: 'SDM_AVAILABILITY',
    sdmTerm: 'Verfügbarkeit',
    label: { nl: 'Beschikbaarheid', en: 'Availability' },
    source: SDM,
  },
  { code: 'SDM_INTEGRITY', sdmTerm: 'Integrität', label: { nl: 'Integriteit', en: 'Integrity' }, source: SDM },
  {
    code: 'SDM_CONFIDENTIALITY',
    sdmTerm: 'Vertraulichkeit',
    label: { nl: 'Vertrouwelijkheid', en: 'Confidentiality' },
    source: SDM,
  },
  {
    code: 'SDM_UNLINKABILITY',
    sdmTerm: 'Nichtverkettung',
    label: { nl: 'Niet-koppelbaarheid', en: 'Unlinkability' },
    source: SDM,
  },
  { code: 'SDM_TRANSPARENCY', sdmTerm: 'Transparenz', label: { nl: 'Transparantie', en: 'Transparency' }, source: SDM },
  {
    code: 'SDM_INTERVENABILITY',
    sdmTerm: 'Intervenierbarkeit',
    label: { nl: 'Interveneerbaarheid', en: 'Intervenability' },
    source: SDM,
  },
] as const satisfies readonly { code: string; sdmTerm: string; label: Labels; source: Source }[];

export type SdmGoalCode = (typeof SDM_GOALS)[number]['code'];

interface Tom {
  readonly code: string;
  readonly label: Labels;
  readonly goals: readonly SdmGoalCode[];
  readonly source: Source;
  readonly iso27001: readonly string[];
}

const ANNEX_II: Source = {
  ref: 'Commission Implementing Decision (EU) 2021/914, Annex II; (EU) 2021/915, Annex III',
  tag: 'L',
  celex: '32021D0914',
  date: '2021-06-04',
};

export const TOMS = [
  {
    code: 'TOM_PSEUDONYMISATION_ENCRYPTION',
    label: { nl: 'Pseudonimisering en versleuteling', en: 'Pseudonymisation and encryption' },
    goals: ['SDM_CONFIDENTIALITY', 'SDM_UNLINKABILITY'],
    source: ANNEX_II,
    iso27001: ['A.8.11', 'A.8.24'],
  },
  {
    code: 'TOM_CIA_RESILIENCE',
    label: {
      nl: 'Blijvende vertrouwelijkheid, integriteit, beschikbaarheid en veerkracht van systemen',
      en: 'Ongoing confidentiality, integrity, availability and resilience of systems',
    },
    goals: ['SDM_CONFIDENTIALITY', 'SDM_INTEGRITY', 'SDM_AVAILABILITY'],
    source: ANNEX_II,
    iso27001: ['A.5.29', 'A.5.30'],
  },
  {
    code: 'TOM_TIMELY_RESTORATION',
    label: {
      nl: 'Tijdig herstel van beschikbaarheid en toegang na een incident',
      en: 'Timely restoration of availability and access after an incident',
    },
    goals: ['SDM_AVAILABILITY'],
    source: ANNEX_II,
    iso27001: ['A.8.13', 'A.5.30'],
  },
  {
    code: 'TOM_REGULAR_TESTING',
    label: {
      nl: 'Regelmatig testen en evalueren van de doeltreffendheid van maatregelen',
      en: 'Regular testing and evaluation of the effectiveness of measures',
    },
    goals: ['SDM_INTEGRITY', 'SDM_TRANSPARENCY'],
    source: ANNEX_II,
    iso27001: ['A.5.35', 'A.8.29'],
  },
  {
    code: 'TOM_USER_IDENTIFICATION_AUTHORISATION',
    label: { nl: 'Identificatie en autorisatie van gebruikers', en: 'User identification and authorisation' },
    goals: ['SDM_CONFIDENTIALITY'],
    source: ANNEX_II,
    iso27001: ['A.5.15', 'A.5.16', 'A.5.18', 'A.8.5'],
  },
  {
    code: 'TOM_TRANSMISSION_PROTECTION',
    label: { nl: 'Beveiliging van gegevens tijdens overdracht', en: 'Protection of data during transmission' },
    goals: ['SDM_CONFIDENTIALITY', 'SDM_INTEGRITY'],
    source: ANNEX_II,
    iso27001: ['A.5.14', 'A.8.24'],
  },
  {
    code: 'TOM_STORAGE_PROTECTION',
    label: { nl: 'Beveiliging van gegevens tijdens opslag', en: 'Protection of data during storage' },
    goals: ['SDM_CONFIDENTIALITY', 'SDM_INTEGRITY'],
    source: ANNEX_II,
    iso27001: ['A.8.24', 'A.8.13'],
  },
  {
    code: 'TOM_PHYSICAL_SECURITY',
    label: {
      nl: 'Fysieke beveiliging van locaties waar gegevens worden verwerkt',
      en: 'Physical security of locations where data are processed',
    },
    goals: ['SDM_CONFIDENTIALITY', 'SDM_AVAILABILITY'],
    source: ANNEX_II,
    iso27001: ['A.7.1', 'A.7.2'],
  },
  {
    code: 'TOM_EVENT_LOGGING',
    label: { nl: 'Logging van gebeurtenissen', en: 'Event logging' },
    goals: ['SDM_TRANSPARENCY', 'SDM_INTEGRITY'],
    source: ANNEX_II,
    iso27001: ['A.8.15'],
  },
  {
    code: 'TOM_SYSTEM_CONFIGURATION',
    label: {
      nl: 'Systeemconfiguratie, inclusief standaardinstellingen',
      en: 'System configuration, including default configuration',
    },
    goals: ['SDM_INTEGRITY', 'SDM_DATA_MINIMISATION'],
    source: ANNEX_II,
    iso27001: ['A.8.9'],
  },
  {
    code: 'TOM_IT_GOVERNANCE',
    label: {
      nl: 'Interne IT- en informatiebeveiligingsgovernance en -beheer',
      en: 'Internal IT and IT security governance and management',
    },
    goals: ['SDM_TRANSPARENCY'],
    source: ANNEX_II,
    iso27001: ['A.5.1', 'A.5.2'],
  },
  {
    code: 'TOM_CERTIFICATION_ASSURANCE',
    label: {
      nl: 'Certificering en borging van processen en producten',
      en: 'Certification and assurance of processes and products',
    },
    goals: ['SDM_TRANSPARENCY'],
    source: ANNEX_II,
    iso27001: ['A.5.35', 'A.5.36'],
  },
  {
    code: 'TOM_DATA_MINIMISATION',
    label: { nl: 'Dataminimalisatie', en: 'Data minimisation' },
    goals: ['SDM_DATA_MINIMISATION'],
    source: ANNEX_II,
    iso27001: ['A.5.34'],
  },
  {
    code: 'TOM_DATA_QUALITY',
    label: { nl: 'Datakwaliteit', en: 'Data quality' },
    goals: ['SDM_INTEGRITY'],
    source: ANNEX_II,
    iso27001: [],
  },
  {
    code: 'TOM_LIMITED_RETENTION',
    label: { nl: 'Beperkte bewaring', en: 'Limited data retention' },
    goals: ['SDM_DATA_MINIMISATION'],
    source: ANNEX_II,
    iso27001: ['A.8.10'],
  },
  {
    code: 'TOM_ACCOUNTABILITY',
    label: { nl: 'Verantwoordingsplicht', en: 'Accountability' },
    goals: ['SDM_TRANSPARENCY'],
    source: ANNEX_II,
    iso27001: ['A.5.34'],
  },
  {
    code: 'TOM_PORTABILITY_ERASURE',
    label: { nl: 'Dataportabiliteit en gegarandeerde verwijdering', en: 'Data portability and ensuring erasure' },
    goals: ['SDM_INTERVENABILITY'],
    source: ANNEX_II,
    iso27001: ['A.8.10'],
  },
  {
    code: 'TOM_PURPOSE_SEPARATION',
    label: { nl: 'Scheiding van gegevens per doel', en: 'Separation of data by purpose' },
    goals: ['SDM_UNLINKABILITY'],
    source: SDM,
    iso27001: [],
  },
  {
    code: 'TOM_DATA_SUBJECT_REQUESTS',
    label: { nl: 'Proces voor verzoeken van betrokkenen', en: 'Process for data subject requests' },
    goals: ['SDM_INTERVENABILITY'],
    source: SDM,
    iso27001: [],
  },
] as const satisfies readonly Tom[];

export type TomCode = (typeof TOMS)[number]['code'];
