import {
  ADEQUACY_DECISIONS,
  ART10_BASES,
  ART22_EXCEPTIONS,
  ART6_BASES,
  ART9_CONDITIONS,
  DATA_CATEGORIES,
  DATA_SUBJECT_CATEGORIES,
  DIGITAL_CONSENT_AGES,
  digitalConsentAge,
  EEA_COUNTRIES,
  GDPR_REFERENCE_VERSION,
  isEeaCountry,
  isIsoDate,
  RECIPIENT_KINDS,
  RETENTION_ACTIONS,
  RETENTION_JUSTIFICATIONS,
  RETENTION_TRIGGERS,
  RIGHTS,
  SDM_GOALS,
  TOMS,
  TRANSFER_MECHANISMS,
  type Labels,
  type Source,
} from './index.js';

interface Item {
  readonly code: string;
  readonly label: Labels;
  readonly source: Source;
}

const CATALOGUES: Record<string, readonly Item[]> = {
  ART6_BASES,
  ART9_CONDITIONS,
  ART10_BASES,
  ART22_EXCEPTIONS,
  TRANSFER_MECHANISMS,
  TOMS,
  SDM_GOALS,
  DATA_CATEGORIES,
  DATA_SUBJECT_CATEGORIES,
  RECIPIENT_KINDS,
  RETENTION_TRIGGERS,
  RETENTION_ACTIONS,
  RETENTION_JUSTIFICATIONS,
  RIGHTS,
  DIGITAL_CONSENT_AGES,
};

describe('reference data', () => {
  it('is versioned', () => {
    expect(GDPR_REFERENCE_VERSION).toBe('2026-11');
  });

  it('has globally unique codes', () => {
    const codes = [...Object.values(CATALOGUES).flat(), ...ADEQUACY_DECISIONS].map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(Object.entries(CATALOGUES))(
    '%s: every item has a stable code, nl and en labels and a source',
    (_name, items) => {
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(item.label.nl.trim()).not.toBe('');
        expect(item.label.en.trim()).not.toBe('');
        expect(item.source.ref.trim()).not.toBe('');
        expect(['L', 'G', 'P', 'U']).toContain(item.source.tag);
      }
    },
  );

  it('lists Art. 6(1)(a)-(f) and Art. 9(2)(a)-(j) with the legal-reference flags of rule 4', () => {
    expect(ART6_BASES.map((b) => b.code)).toEqual([
      'ART6_1_A',
      'ART6_1_B',
      'ART6_1_C',
      'ART6_1_D',
      'ART6_1_E',
      'ART6_1_F',
    ]);
    expect(ART6_BASES.filter((b) => b.requiresLegalReference).map((b) => b.code)).toEqual(['ART6_1_C', 'ART6_1_E']);
    expect(ART9_CONDITIONS).toHaveLength(10);
    expect(ART9_CONDITIONS.filter((c) => c.requiresLegalReference).map((c) => c.code)).toEqual([
      'ART9_2_B',
      'ART9_2_G',
      'ART9_2_H',
      'ART9_2_I',
      'ART9_2_J',
    ]);
    expect(ART9_CONDITIONS.find((c) => c.code === 'ART9_2_H')?.source.ref).toBe('GDPR Art. 9(2)(h)');
    expect(ART9_CONDITIONS.filter((c) => c.allowsAutomatedDecisions).map((c) => c.code)).toEqual([
      'ART9_2_A',
      'ART9_2_G',
    ]);
  });
});

describe('EEA', () => {
  it('has the EU-27 plus IS, LI and NO', () => {
    expect(EEA_COUNTRIES).toHaveLength(30);
    expect(['IS', 'LI', 'NO'].every(isEeaCountry)).toBe(true);
  });

  it('accepts EL and GR for Greece and excludes CH, GB and GI', () => {
    expect(isEeaCountry('EL')).toBe(true);
    expect(isEeaCountry('gr')).toBe(true);
    expect(['CH', 'GB', 'GI', 'US', '', null].some(isEeaCountry)).toBe(false);
  });
});

describe('adequacy decisions', () => {
  const decision = (destination: string) => ADEQUACY_DECISIONS.find((d) => d.destination === destination);

  it('lists the 17 decisions of the reference with well-formed CELEX numbers and dates', () => {
    expect(ADEQUACY_DECISIONS.map((d) => d.destination).sort()).toEqual(
      ['AD', 'AR', 'BR', 'CA', 'CH', 'EPO', 'FO', 'GB', 'GG', 'IL', 'IM', 'JE', 'JP', 'KR', 'NZ', 'US', 'UY'].sort(),
    );
    for (const d of ADEQUACY_DECISIONS) {
      expect(d.celex).toMatch(/^3\d{4}D\d{4}$/);
      expect(d.source.celex).toBe(d.celex);
      expect(isIsoDate(d.adopted) && isIsoDate(d.effectiveFrom)).toBe(true);
      expect(d.effectiveFrom >= d.adopted).toBe(true);
      expect(d.label.nl).not.toBe('');
    }
  });

  it('records the 2016/2295 amendment of all eleven pre-GDPR decisions', () => {
    const amended = ADEQUACY_DECISIONS.filter((d) => d.amendments.some((a) => a.celex === '32016D2295'));
    expect(amended.map((d) => d.destination).sort()).toEqual([
      'AD',
      'AR',
      'CA',
      'CH',
      'FO',
      'GG',
      'IL',
      'IM',
      'JE',
      'NZ',
      'UY',
    ]);
  });

  it('records the UK base decision, its amendments and valid_until 2031-12-27', () => {
    const gb = decision('GB');
    expect(gb?.celex).toBe('32021D1772');
    expect(gb?.validUntil).toBe('2031-12-27');
    expect(gb?.amendments.map((a) => a.celex)).toEqual(['32025D1226', '32025D2574']);
  });

  it('stores the scope conditions (US DPF, CA PIPEDA, JP public sector)', () => {
    expect(decision('US')?.scope.requires).toEqual(['dpfCertified']);
    expect(decision('US')?.adopted).toBe('2023-07-10');
    expect(decision('CA')?.scope.requires).toEqual(['pipedaCovered']);
    expect(decision('JP')?.scope.excludes).toContain('publicSector');
    expect(decision('CH')?.scope).toEqual({ requires: [], excludes: [], note: null });
    expect(decision('BR')).toMatchObject({
      adopted: '2026-01-26',
      effectiveFrom: '2026-01-28',
      eeaIncorporated: false,
    });
  });
});

describe('transfer mechanisms', () => {
  const codes = (pred: (m: (typeof TRANSFER_MECHANISMS)[number]) => boolean) =>
    TRANSFER_MECHANISMS.filter(pred).map((m) => m.code);

  it('has SCC modules 1-4 of Decision 2021/914', () => {
    const scc = TRANSFER_MECHANISMS.filter((m) => m.code.startsWith('SCC_MODULE_'));
    expect(scc.map((m) => m.code)).toEqual(['SCC_MODULE_1', 'SCC_MODULE_2', 'SCC_MODULE_3', 'SCC_MODULE_4']);
    expect(scc.every((m) => m.source.celex === '32021D0914')).toBe(true);
  });

  it('has Art. 46(2)(a)-(f), 46(3)(a)-(b) and BCR, all needing a TIA', () => {
    expect(codes((m) => m.kind === 'art46')).toEqual(
      expect.arrayContaining(['ART46_2_A', 'BCR', 'ART46_2_D', 'ART46_2_E', 'ART46_2_F', 'ART46_3_A', 'ART46_3_B']),
    );
    expect(TRANSFER_MECHANISMS.filter((m) => m.kind === 'art46').every((m) => m.requiresTia)).toBe(true);
  });

  it('has Art. 49(1)(a)-(g) and the compelling-interests case; 49(3) bars (a)-(c) and the latter', () => {
    expect(codes((m) => m.kind === 'art49')).toEqual([
      'ART49_1_A',
      'ART49_1_B',
      'ART49_1_C',
      'ART49_1_D',
      'ART49_1_E',
      'ART49_1_F',
      'ART49_1_G',
      'ART49_1_COMPELLING',
    ]);
    expect(codes((m) => m.barredForPublicPowers)).toEqual([
      'ART49_1_A',
      'ART49_1_B',
      'ART49_1_C',
      'ART49_1_COMPELLING',
    ]);
    expect(codes((m) => m.requiresSaNotification)).toEqual(['ART49_1_COMPELLING']);
  });
});

describe('taxonomies', () => {
  const dc = (code: string) => DATA_CATEGORIES.find((c) => c.code === code);

  it('flags each Art. 9(1) category as special and criminal data as Art. 10', () => {
    const special = DATA_CATEGORIES.filter((c) => c.special).map((c) => c.code);
    expect(special).toHaveLength(8);
    expect(special.every((code) => dc(code)?.source.ref === 'GDPR Art. 9(1)')).toBe(true);
    expect(DATA_CATEGORIES.filter((c) => c.criminal).map((c) => c.code)).toEqual(['DC_CRIMINAL']);
  });

  it('has the common data categories', () => {
    for (const code of [
      'DC_NAME',
      'DC_EMAIL',
      'DC_PHONE',
      'DC_ADDRESS',
      'DC_CREDENTIALS',
      'DC_IP_ADDRESS',
      'DC_COOKIE_ID',
      'DC_DEVICE_DATA',
      'DC_USAGE_DATA',
      'DC_LOCATION',
      'DC_FINANCIAL',
      'DC_EMPLOYMENT',
      'DC_EDUCATION',
      'DC_COMMUNICATIONS_CONTENT',
    ]) {
      expect(dc(code)?.special).toBe(false);
    }
  });

  it('has the common subject categories, children flagged', () => {
    const codes = DATA_SUBJECT_CATEGORIES.map((s) => s.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'DS_CUSTOMERS',
        'DS_PROSPECTS',
        'DS_SERVICE_USERS',
        'DS_EMPLOYEES',
        'DS_JOB_APPLICANTS',
        'DS_WEBSITE_VISITORS',
        'DS_STUDENTS',
        'DS_CHILDREN',
        'DS_SUPPLIER_CONTACTS',
      ]),
    );
    expect(DATA_SUBJECT_CATEGORIES.filter((s) => s.child).map((s) => s.code)).toEqual(['DS_PUPILS', 'DS_CHILDREN']);
  });

  it('groups every TOM under valid SDM goals and covers every goal', () => {
    const goals = new Set(SDM_GOALS.map((g) => g.code));
    expect(TOMS.every((t) => t.goals.length > 0 && t.goals.every((g) => goals.has(g)))).toBe(true);
    expect(new Set(TOMS.flatMap((t) => t.goals))).toEqual(goals);
  });

  it('has the retention triggers and actions of reference §8', () => {
    expect(RETENTION_TRIGGERS).toHaveLength(8);
    expect(RETENTION_ACTIONS.map((a) => a.code)).toEqual([
      'RA_DELETE',
      'RA_ANONYMISE',
      'RA_ARCHIVE_RESTRICTED',
      'RA_REVIEW',
    ]);
    expect(RECIPIENT_KINDS.map((k) => k.code)).toEqual([
      'RK_INTERNAL',
      'RK_PROCESSOR',
      'RK_THIRD_PARTY',
      'RK_AUTHORITY',
    ]);
  });
});

describe('Art. 8 age of digital consent', () => {
  it('covers the EU-27 and the three EEA EFTA states', () => {
    expect(DIGITAL_CONSENT_AGES).toHaveLength(30);
    expect(new Set(DIGITAL_CONSENT_AGES.map((r) => r.country))).toEqual(new Set(EEA_COUNTRIES));
    expect(DIGITAL_CONSENT_AGES.every((r) => r.age >= 13 && r.age <= 16)).toBe(true);
  });

  it.each([
    ['BE', 13],
    ['AT', 14],
    ['ES', 14],
    ['FR', 15],
    ['EL', 15],
    ['GR', 15],
    ['NL', 16],
    ['DE', 16],
    ['NO', 13],
    ['LI', 16],
    ['US', 16],
  ] as const)('%s: %i', (country, age) => {
    expect(digitalConsentAge(country)).toBe(age);
  });

  it('labels rows by country name and marks unverified ones', () => {
    expect(DIGITAL_CONSENT_AGES.find((r) => r.country === 'NL')?.label).toEqual({ nl: 'Nederland', en: 'Netherlands' });
    expect(DIGITAL_CONSENT_AGES.find((r) => r.country === 'IS')?.source.tag).toBe('U');
  });
});
