// Transfer tools of GDPR Chapter V other than adequacy: Art. 46 appropriate safeguards (including
// the 2021 SCC modules and BCRs) and the Art. 49 derogations. Source: reference §4.
import { gdpr, type Labels, type Source } from './reference.js';

export interface TransferMechanism {
  readonly code: string;
  readonly label: Labels;
  readonly source: Source;
  readonly kind: 'art46' | 'art49';
  /** Schrems II (C-311/18) and SCC Clause 14: Art. 46 tools need a documented TIA. */
  readonly requiresTia: boolean;
  /** Art. 49(3): not available to public authorities exercising their public powers. */
  readonly barredForPublicPowers: boolean;
  /** Art. 49(1) second subparagraph: inform the supervisory authority, document under 30(1)(e). */
  readonly requiresSaNotification: boolean;
  /** Window in which the tool can be relied on (inclusive); null = open. */
  readonly validFrom: string | null;
  readonly validUntil: string | null;
}

const SCC_DECISION: Source = {
  ref: 'Commission Implementing Decision (EU) 2021/914 (standard contractual clauses)',
  tag: 'L',
  celex: '32021D0914',
  date: '2021-06-04',
};
/** 2021/914 entered into force on the twentieth day after publication (OJ L 199, 7.6.2021). */
const SCC_IN_FORCE = '2021-06-27';
const EDPB_DEROGATIONS = 'EDPB Guidelines 2/2018 on derogations of Article 49 (25 May 2018)';

function art46<const C extends string>(code: C, label: Labels, source: Source, validFrom: string | null = null) {
  return {
    code,
    label,
    source,
    kind: 'art46',
    requiresTia: true,
    barredForPublicPowers: false,
    requiresSaNotification: false,
    validFrom,
    validUntil: null,
  } as const;
}

function art49<const C extends `ART49_1_${string}`>(code: C, label: Labels, article: string, barred: boolean) {
  return {
    code,
    label,
    source: { ...gdpr(`${article}, 49(3)`), note: EDPB_DEROGATIONS },
    kind: 'art49',
    requiresTia: false,
    barredForPublicPowers: barred,
    requiresSaNotification: (code as string) === 'ART49_1_COMPELLING',
    validFrom: null,
    validUntil: null,
  } as const;
}

const scc = (module: 1 | 2 | 3 | 4, nl: string, en: string) =>
  art46(
    `SCC_MODULE_${module}`,
    {
      nl: `Standaardcontractbepalingen module ${module}: ${nl}`,
      en: `Standard contractual clauses Module ${module}: ${en}`,
    },
    { ...SCC_DECISION, note: `GDPR Art. 46(2)(c); Annex, Module ${module}` },
    SCC_IN_FORCE,
  );

export const TRANSFER_MECHANISMS = [
  art46(
    'ART46_2_A',
    {
      nl: 'Juridisch bindend instrument tussen overheidsinstanties',
      en: 'Legally binding instrument between public authorities',
    },
    gdpr('Art. 46(2)(a)'),
  ),
  art46(
    'BCR',
    { nl: 'Bindende bedrijfsvoorschriften (BCR)', en: 'Binding corporate rules (BCR)' },
    gdpr('Art. 46(2)(b), 47'),
  ),
  scc(1, 'verwerkingsverantwoordelijke aan verwerkingsverantwoordelijke', 'controller to controller'),
  scc(2, 'verwerkingsverantwoordelijke aan verwerker', 'controller to processor'),
  scc(3, 'verwerker aan verwerker', 'processor to processor'),
  scc(4, 'verwerker aan verwerkingsverantwoordelijke', 'processor to controller'),
  {
    ...art46(
      'SCC_LEGACY',
      {
        nl: 'Oude standaardcontractbepalingen (2001/497/EG, 2004/915/EG, 2010/87/EU)',
        en: 'Former standard contractual clauses (2001/497/EC, 2004/915/EC, 2010/87/EU)',
      },
      { ...SCC_DECISION, note: 'Art. 4(4): contracts concluded before 27 Sep 2021 held until 27 Dec 2022' },
    ),
    validUntil: '2022-12-27',
  },
  art46(
    'ART46_2_D',
    {
      nl: 'Standaardbepalingen van een toezichthoudende autoriteit, goedgekeurd door de Commissie',
      en: 'Supervisory-authority standard clauses approved by the Commission',
    },
    gdpr('Art. 46(2)(d)'),
  ),
  art46(
    'ART46_2_E',
    {
      nl: 'Goedgekeurde gedragscode (art. 40) met bindende toezeggingen van de ontvanger',
      en: 'Approved code of conduct (Art. 40) with binding importer commitments',
    },
    gdpr('Art. 46(2)(e)'),
  ),
  art46(
    'ART46_2_F',
    {
      nl: 'Goedgekeurde certificering (art. 42) met bindende toezeggingen van de ontvanger',
      en: 'Approved certification (Art. 42) with binding importer commitments',
    },
    gdpr('Art. 46(2)(f)'),
  ),
  art46(
    'ART46_3_A',
    {
      nl: 'Ad-hoc contractbepalingen met vergunning van de toezichthouder',
      en: 'Ad hoc contractual clauses authorised by the supervisory authority',
    },
    gdpr('Art. 46(3)(a)'),
  ),
  art46(
    'ART46_3_B',
    {
      nl: 'Administratieve regelingen tussen overheidsinstanties met vergunning van de toezichthouder',
      en: 'Administrative arrangements between public authorities authorised by the supervisory authority',
    },
    gdpr('Art. 46(3)(b)'),
  ),
  art49(
    'ART49_1_A',
    {
      nl: "Uitdrukkelijke toestemming na informatie over de risico's",
      en: 'Explicit consent after being informed of the risks',
    },
    'Art. 49(1)(a)',
    true,
  ),
  art49(
    'ART49_1_B',
    {
      nl: 'Overeenkomst met de betrokkene of precontractuele maatregelen',
      en: 'Contract with the data subject or pre-contractual measures',
    },
    'Art. 49(1)(b)',
    true,
  ),
  art49(
    'ART49_1_C',
    {
      nl: 'Overeenkomst in het belang van de betrokkene',
      en: 'Contract concluded in the interest of the data subject',
    },
    'Art. 49(1)(c)',
    true,
  ),
  art49(
    'ART49_1_D',
    { nl: 'Gewichtige redenen van algemeen belang', en: 'Important reasons of public interest' },
    'Art. 49(1)(d), 49(4)',
    false,
  ),
  art49(
    'ART49_1_E',
    {
      nl: 'Instellen, uitoefenen of onderbouwen van een rechtsvordering',
      en: 'Establishment, exercise or defence of legal claims',
    },
    'Art. 49(1)(e)',
    false,
  ),
  art49(
    'ART49_1_F',
    {
      nl: 'Vitaal belang, betrokkene kan geen toestemming geven',
      en: 'Vital interests where the data subject cannot consent',
    },
    'Art. 49(1)(f)',
    false,
  ),
  art49(
    'ART49_1_G',
    { nl: 'Doorgifte uit een openbaar register', en: 'Transfer from a public register' },
    'Art. 49(1)(g), 49(2)',
    false,
  ),
  art49(
    'ART49_1_COMPELLING',
    {
      nl: 'Dwingende gerechtvaardigde belangen (niet repetitief, beperkt aantal betrokkenen)',
      en: 'Compelling legitimate interests (not repetitive, limited number of data subjects)',
    },
    'Art. 49(1) second subparagraph, 30(1)(e)',
    true,
  ),
] as const satisfies readonly TransferMechanism[];

export type TransferMechanismCode = (typeof TRANSFER_MECHANISMS)[number]['code'];
