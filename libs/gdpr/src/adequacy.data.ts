// Commission adequacy decisions (GDPR Art. 45(3), or Directive 95/46/EC Art. 25(6) kept in force by
// GDPR Art. 45(9)), with dates, amendments, expiry and scope limits. Transfer status is computed
// from these, so an as-of date before a decision, after its expiry or outside its scope fails.
// Source: reference §4 and its 2026-11 verification addendum (no decision adopted or withdrawn in
// 2026 up to about October 2026). Re-check the Commission's adequacy page before each release.
import { countryName } from './countries.js';
import type { Labels, Source } from './reference.js';

/** Recipient facts a decision's scope depends on. */
export type RecipientScopeFlag = 'dpfCertified' | 'pipedaCovered' | 'publicSector' | 'outsideDecisionScope';

export interface AdequacyScope {
  /** Facts that must be confirmed true (unknown counts as not met: fail closed). */
  readonly requires: readonly RecipientScopeFlag[];
  /** Facts that, when true, put the recipient outside the decision. */
  readonly excludes: readonly RecipientScopeFlag[];
  /** What the decision covers; null when it covers the whole country. */
  readonly note: Labels | null;
}

export interface AdequacyAmendment {
  readonly decision: string;
  readonly celex: string;
  readonly date: string;
  readonly effect: Labels;
}

export interface AdequacyDecision {
  readonly code: string;
  /** ISO 3166-1 alpha-2, or 'EPO' for the European Patent Organisation. */
  readonly destination: string;
  readonly label: Labels;
  readonly kind: 'country' | 'territory' | 'international_organisation';
  readonly decision: string;
  readonly celex: string;
  readonly adopted: string;
  /** First day the decision can be relied on (adoption date unless the entry into force is later). */
  readonly effectiveFrom: string;
  /** Last day of validity (inclusive), or null when the decision has no sunset. */
  readonly validUntil: string | null;
  readonly amendments: readonly AdequacyAmendment[];
  readonly scope: AdequacyScope;
  /** False while the EEA Joint Committee has not incorporated it: IS, LI and NO cannot rely on it yet. */
  readonly eeaIncorporated: boolean;
  readonly source: Source;
  readonly note?: Labels;
}

function adequacyLabel(destination: string): Labels {
  return {
    nl: `Adequaatheidsbesluit ${countryName(destination, 'nl')}`,
    en: `Adequacy decision ${countryName(destination, 'en')}`,
  };
}

const WHOLE: AdequacyScope = { requires: [], excludes: [], note: null };

/** Implementing Decision (EU) 2016/2295 amended all eleven pre-GDPR decisions after Schrems I. */
const SCHREMS_I_AMENDMENT: AdequacyAmendment = {
  decision: '(EU) 2016/2295',
  celex: '32016D2295',
  date: '2016-12-16',
  effect: {
    nl: 'Aangepast na het Schrems-arrest (C-362/14): de Commissie monitort doorlopend',
    en: 'Amended after Schrems (C-362/14): continuous monitoring by the Commission',
  },
};

const UNCHECKED = 'Reference agrees across several secondary datasets; not checked against EUR-Lex.';

function preGdpr<const D extends string>(
  destination: D,
  decision: string,
  celex: string,
  adopted: string,
  scope: AdequacyScope = WHOLE,
  checked = false,
): AdequacyDecision & { readonly code: `ADQ_${D}`; readonly destination: D } {
  return {
    code: `ADQ_${destination}` as const,
    destination,
    label: adequacyLabel(destination),
    kind: ['GG', 'IM', 'JE', 'FO'].includes(destination) ? 'territory' : 'country',
    decision,
    celex,
    adopted,
    effectiveFrom: adopted,
    validUntil: null,
    amendments: [SCHREMS_I_AMENDMENT],
    scope,
    eeaIncorporated: true,
    source: {
      ref: `Commission Decision ${decision}`,
      tag: checked ? 'L' : 'U',
      celex,
      date: adopted,
      ...(checked ? {} : { note: UNCHECKED }),
    },
  };
}

export const ADEQUACY_DECISIONS = [
  preGdpr('CH', '2000/518/EC', '32000D0518', '2000-07-26'),
  preGdpr('CA', '2002/2/EC', '32002D0002', '2001-12-20', {
    requires: ['pipedaCovered'],
    excludes: [],
    note: {
      nl: 'Alleen ontvangers die onder PIPEDA vallen (commerciële activiteiten)',
      en: 'Only recipients subject to PIPEDA (commercial activities)',
    },
  }),
  preGdpr('AR', '2003/490/EC', '32003D0490', '2003-06-30'),
  preGdpr('GG', '2003/821/EC', '32003D0821', '2003-11-21'),
  preGdpr('IM', '2004/411/EC', '32004D0411', '2004-04-28', WHOLE, true),
  preGdpr('JE', '2008/393/EC', '32008D0393', '2008-05-08'),
  preGdpr('FO', '2010/146/EU', '32010D0146', '2010-03-05', {
    requires: [],
    excludes: ['outsideDecisionScope'],
    note: {
      nl: 'Ontvangers onder de Faeröerse gegevensbeschermingswet; Deense staatsorganen op de Faeröer uitgezonderd',
      en: 'Recipients subject to the Faroese data protection act; Danish state authorities in the Faroes excluded',
    },
  }),
  preGdpr('AD', '2010/625/EU', '32010D0625', '2010-10-19'),
  preGdpr(
    'IL',
    '2011/61/EU',
    '32011D0061',
    '2011-01-31',
    {
      requires: [],
      excludes: ['outsideDecisionScope'],
      note: {
        nl: 'Geautomatiseerde doorgiften of doorgiften gevolgd door geautomatiseerde verwerking; Staat Israël binnen de grenzen van vóór 1967',
        en: 'Automated transfers or transfers followed by automated processing; State of Israel within its pre-1967 borders',
      },
    },
    true,
  ),
  preGdpr('UY', '2012/484/EU', '32012D0484', '2012-08-21', {
    requires: [],
    excludes: ['outsideDecisionScope'],
    note: {
      nl: 'Met betrekking tot geautomatiseerde verwerking (exacte reikwijdte van art. 1 niet geverifieerd)',
      en: 'With regard to automated processing (exact Art. 1 scope unverified)',
    },
  }),
  preGdpr('NZ', '2013/65/EU', '32013D0065', '2012-12-19', WHOLE, true),
  {
    code: 'ADQ_JP',
    destination: 'JP',
    label: adequacyLabel('JP'),
    kind: 'country',
    decision: '(EU) 2019/419',
    celex: '32019D0419',
    adopted: '2019-01-23',
    effectiveFrom: '2019-01-23',
    validUntil: null,
    amendments: [],
    scope: {
      requires: [],
      excludes: ['publicSector', 'outsideDecisionScope'],
      note: {
        nl: 'Bedrijven onder de APPI met de aanvullende regels van de PPC; publieke sector en (art. 1(2)) pers, schrijvers, academische, religieuze en politieke organisaties voor die doelen uitgezonderd',
        en: 'APPI business operators with the PPC Supplementary Rules; public sector and (Art. 1(2)) press, writers, academic, religious and political bodies for those purposes excluded',
      },
    },
    eeaIncorporated: true,
    source: {
      ref: 'Commission Implementing Decision (EU) 2019/419',
      tag: 'L',
      celex: '32019D0419',
      date: '2019-01-23',
    },
  },
  {
    code: 'ADQ_GB',
    destination: 'GB',
    label: adequacyLabel('GB'),
    kind: 'country',
    decision: '(EU) 2021/1772',
    celex: '32021D1772',
    adopted: '2021-06-28',
    effectiveFrom: '2021-06-28',
    validUntil: '2031-12-27',
    amendments: [
      {
        decision: '(EU) 2025/1226',
        celex: '32025D1226',
        date: '2025-06-24',
        effect: { nl: 'Geldigheid verlengd tot 27 december 2025', en: 'Validity extended to 27 December 2025' },
      },
      {
        decision: '(EU) 2025/2574',
        celex: '32025D2574',
        date: '2025-12-19',
        effect: { nl: 'Vernieuwd tot 27 december 2031', en: 'Renewed until 27 December 2031' },
      },
    ],
    scope: WHOLE,
    eeaIncorporated: true,
    source: {
      ref: 'Commission Implementing Decision (EU) 2021/1772',
      tag: 'L',
      celex: '32021D1772',
      date: '2021-06-28',
    },
    note: {
      nl: 'Het parallelle besluit onder de richtlijn gegevensbescherming bij rechtshandhaving is 2021/1773 (gewijzigd bij 2025/1225 en 2025/2571)',
      en: 'The parallel Law Enforcement Directive decision is 2021/1773 (amended by 2025/1225 and 2025/2571)',
    },
  },
  {
    code: 'ADQ_KR',
    destination: 'KR',
    label: adequacyLabel('KR'),
    kind: 'country',
    decision: '(EU) 2022/254',
    celex: '32022D0254',
    adopted: '2021-12-17',
    effectiveFrom: '2021-12-17',
    validUntil: null,
    amendments: [],
    scope: {
      requires: [],
      excludes: ['outsideDecisionScope'],
      note: {
        nl: 'Ontvangers onder de PIPA; kredietinformatie onder toezicht van de FSC, religieuze zendingsactiviteiten en kandidaatstelling door politieke partijen uitgezonderd',
        en: 'PIPA-covered recipients; FSC-supervised credit information, religious missionary activity and political-party nominations excluded',
      },
    },
    eeaIncorporated: true,
    source: {
      ref: 'Commission Implementing Decision (EU) 2022/254',
      tag: 'L',
      celex: '32022D0254',
      date: '2021-12-17',
    },
  },
  {
    code: 'ADQ_US',
    destination: 'US',
    label: adequacyLabel('US'),
    kind: 'country',
    decision: '(EU) 2023/1795',
    celex: '32023D1795',
    adopted: '2023-07-10',
    effectiveFrom: '2023-07-10',
    validUntil: null,
    amendments: [],
    scope: {
      requires: ['dpfCertified'],
      excludes: [],
      note: {
        nl: 'Alleen organisaties die onder het EU-US Data Privacy Framework zijn gecertificeerd',
        en: 'Only organisations certified under the EU-US Data Privacy Framework',
      },
    },
    eeaIncorporated: true,
    source: {
      ref: 'Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework)',
      tag: 'L',
      celex: '32023D1795',
      date: '2023-07-10',
    },
    note: {
      nl: 'Bevestigd in T-553/23 Latombe (3 september 2025); hoger beroep C-703/25 P aanhangig',
      en: 'Upheld in T-553/23 Latombe (3 September 2025); appeal C-703/25 P pending',
    },
  },
  {
    code: 'ADQ_EPO',
    destination: 'EPO',
    label: adequacyLabel('EPO'),
    kind: 'international_organisation',
    decision: '(EU) 2025/1382',
    celex: '32025D1382',
    adopted: '2025-07-15',
    effectiveFrom: '2025-07-15',
    validUntil: null,
    amendments: [],
    scope: WHOLE,
    eeaIncorporated: true,
    source: {
      ref: 'Commission Implementing Decision (EU) 2025/1382 (European Patent Organisation)',
      tag: 'L',
      celex: '32025D1382',
      date: '2025-07-15',
    },
  },
  {
    code: 'ADQ_BR',
    destination: 'BR',
    label: adequacyLabel('BR'),
    kind: 'country',
    decision: '(EU) 2026/179',
    celex: '32026D0179',
    adopted: '2026-01-26',
    effectiveFrom: '2026-01-28',
    validUntil: null,
    amendments: [],
    scope: {
      requires: [],
      excludes: ['outsideDecisionScope'],
      note: {
        nl: 'Ontvangers die onder de LGPD vallen, publieke sector inbegrepen',
        en: 'Recipients covered by the LGPD, public sector included',
      },
    },
    eeaIncorporated: false,
    source: {
      ref: 'Commission Implementing Decision (EU) 2026/179',
      tag: 'L',
      celex: '32026D0179',
      date: '2026-01-26',
      note: 'In force 2026-01-28; EEA incorporation (IS, LI, NO) still a draft in May 2026 [U].',
    },
  },
] as const satisfies readonly AdequacyDecision[];

export type AdequacyCode = (typeof ADEQUACY_DECISIONS)[number]['code'];
