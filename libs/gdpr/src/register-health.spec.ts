import {
  evaluateRegister,
  HEALTH_RULES,
  type ActivityFacts,
  type HealthRuleId,
  type RecipientFacts,
  type RegisterFacts,
  type TenantFacts,
  type TransferLocationFacts,
} from './index.js';

const AS_OF = '2026-11-15';

const TENANT: TenantFacts = {
  name: 'Cradeq B.V.',
  contact: 'privacy@cradeq.example',
  isPublicAuthority: false,
  staffCount: 40,
  dpo: null,
  country: 'NL',
};

/** A controller activity that meets every rule. */
const CONTROLLER: ActivityFacts = {
  id: 'act-accounts',
  name: 'Learning platform accounts',
  role: 'controller',
  purposes: [{ id: 'p1', description: 'Provide user accounts', legalBasis: 'ART6_1_B' }],
  dataCategories: [{ code: 'DC_NAME' }, { code: 'DC_EMAIL' }],
  subjectCategories: [{ code: 'DS_SERVICE_USERS' }],
  dpia: { required: false },
  reviewDate: '2027-06-01',
  likelyRisk: false,
  recipients: [
    {
      id: 'r1',
      name: 'Hosting B.V.',
      kind: 'RK_PROCESSOR',
      dpaReference: 'DPA-2024-01',
      locations: [{ country: 'NL' }],
    },
  ],
  retention: [{ duration: 'P180D', trigger: 'RT_ACCOUNT_NO_LONGER_NEEDED', action: 'RA_DELETE' }],
  toms: ['TOM_PSEUDONYMISATION_ENCRYPTION', 'TOM_USER_IDENTIFICATION_AUTHORISATION'],
};

const SUB_PROCESSOR: RecipientFacts = {
  id: 'sub-1',
  name: 'Mail Relay GmbH',
  kind: 'RK_PROCESSOR',
  dpaReference: 'SUB-DPA-3',
  authorisation: 'general',
  locations: [{ country: 'DE' }],
};

/** A processor activity (Art. 30(2)) that meets every rule. */
const PROCESSOR: ActivityFacts = {
  id: 'act-hosting',
  name: 'Hosting learning data for schools',
  role: 'processor',
  controllers: [{ name: 'School X', dpaReference: 'DPA-SCHOOL-X' }],
  purposes: [{ description: 'Storage and delivery of course material and results' }],
  dataCategories: [{ code: 'DC_NAME' }, { code: 'DC_EDUCATION' }],
  subjectCategories: [{ code: 'DS_STUDENTS' }],
  reviewDate: '2027-06-01',
  recipients: [SUB_PROCESSOR],
  retention: [{ duration: 'P30D', trigger: 'RT_CONTRACT_END', action: 'RA_DELETE' }],
  toms: ['TOM_STORAGE_PROTECTION'],
};

const baseline = (): RegisterFacts => ({ tenant: TENANT, activities: [CONTROLLER, PROCESSOR] });

type Patch<T> = Partial<T>;
const tenant = (patch: Patch<TenantFacts>): RegisterFacts => ({ ...baseline(), tenant: { ...TENANT, ...patch } });
const controller = (patch: Patch<ActivityFacts>, tenantPatch: Patch<TenantFacts> = {}): RegisterFacts => ({
  tenant: { ...TENANT, ...tenantPatch },
  activities: [{ ...CONTROLLER, ...patch }, PROCESSOR],
});
const processor = (patch: Patch<ActivityFacts>): RegisterFacts => ({
  tenant: TENANT,
  activities: [CONTROLLER, { ...PROCESSOR, ...patch }],
});
const subProcessor = (patch: Patch<RecipientFacts>): RegisterFacts =>
  processor({ recipients: [{ ...SUB_PROCESSOR, ...patch }] });
const transferTo = (location: TransferLocationFacts, tenantPatch: Patch<TenantFacts> = {}): RegisterFacts =>
  controller(
    {
      recipients: [
        { id: 'r9', name: 'Support Ltd', kind: 'RK_PROCESSOR', dpaReference: 'DPA-9', locations: [location] },
      ],
    },
    tenantPatch,
  );
const purpose = (p: Partial<ActivityFacts['purposes'][number]>) => ({ purposes: [{ description: 'Purpose', ...p }] });
const health = { dataCategories: [{ code: 'DC_HEALTH' }, { code: 'DC_NAME' }] };

const ruleIds = (facts: RegisterFacts, asOf = AS_OF): HealthRuleId[] => {
  const result = evaluateRegister(facts, asOf);
  return [...result.findings, ...result.activities.flatMap((a) => a.findings)].map((f) => f.ruleId);
};

/** For every rule: an input that trips it. The baseline is the input that trips none. */
const TRIPS: Record<HealthRuleId, { facts: RegisterFacts; asOf?: string }> = {
  'R-ART30-1A-CONTROLLER-MISSING': { facts: tenant({ contact: ' ' }) },
  'R-ART37-DPO-MISSING': { facts: tenant({ isPublicAuthority: true }) },
  'R-ART30-1A-JOINT-CONTROLLER-MISSING': { facts: controller({ role: 'joint_controller', jointControllers: [] }) },
  'R-ART30-1B-PURPOSE-MISSING': { facts: controller({ purposes: [] }) },
  'R-ART30-1C-SUBJECTS-MISSING': { facts: controller({ subjectCategories: [] }) },
  'R-ART30-1C-DATA-MISSING': { facts: controller({ dataCategories: [] }) },
  'R-ART30-1D-RECIPIENTS-MISSING': { facts: controller({ recipients: [] }) },
  'R-ART30-1G-TOMS-MISSING': { facts: controller({ toms: [] }) },
  'R-ART30-2A-CONTROLLER-MISSING': { facts: processor({ controllers: [] }) },
  'R-ART30-2B-PROCESSING-MISSING': { facts: processor({ purposes: [] }) },
  'R-ART30-5-EXEMPT': { facts: controller({ occasional: true }) },
  'R-REVIEW-OVERDUE': { facts: controller({ reviewDate: '2026-11-14' }) },
  'R-REVIEW-DATE-MISSING': { facts: controller({ reviewDate: null }) },
  'R-ART6-MISSING': { facts: controller(purpose({ legalBasis: null })) },
  'R-ART6-LEGAL-REFERENCE-MISSING': { facts: controller(purpose({ legalBasis: 'ART6_1_C' })) },
  'R-ART6-F-PUBLIC-AUTHORITY': {
    facts: controller(purpose({ legalBasis: 'ART6_1_F', liaReference: 'LIA-1' }), {
      isPublicAuthority: true,
      dpo: 'fg@x',
    }),
  },
  'R-ART6-F-LIA-MISSING': { facts: controller(purpose({ legalBasis: 'ART6_1_F' })) },
  'R-ART6-F-LIA-AFTER-START': {
    facts: controller({
      ...purpose({ legalBasis: 'ART6_1_F', liaReference: 'LIA-1', liaDate: '2025-02-01' }),
      startedAt: '2025-01-01',
    }),
  },
  'R-ART7-CONSENT-PROOF-MISSING': {
    facts: controller(purpose({ legalBasis: 'ART6_1_A', consentWithdrawal: 'Settings page' })),
  },
  'R-ART7-WITHDRAWAL-MISSING': {
    facts: controller(purpose({ legalBasis: 'ART6_1_A', consentMechanism: 'Opt-in log' })),
  },
  'R-ART8-CHILD-CONSENT': {
    facts: controller({
      ...purpose({ legalBasis: 'ART6_1_A', consentMechanism: 'Opt-in log', consentWithdrawal: 'Settings page' }),
      subjectCategories: [{ code: 'DS_CHILDREN' }],
      informationSocietyService: true,
    }),
  },
  'R-ART9-CONDITION-MISSING': { facts: controller(health) },
  'R-ART9-2A-NOT-EXPLICIT': { facts: controller({ ...health, art9Conditions: [{ code: 'ART9_2_A' }] }) },
  'R-ART9-LEGAL-REFERENCE-MISSING': { facts: controller({ ...health, art9Conditions: [{ code: 'ART9_2_H' }] }) },
  'R-ART10-BASIS-MISSING': { facts: controller({ dataCategories: [{ code: 'DC_CRIMINAL' }] }) },
  'R-ART10-LEGAL-REFERENCE-MISSING': {
    facts: controller({ dataCategories: [{ code: 'DC_CRIMINAL' }], art10Basis: { code: 'ART10_AUTHORISED_BY_LAW' } }),
  },
  'R-ART22-EXCEPTION-MISSING': { facts: controller({ automatedDecision: { legalOrSimilarEffect: true } }) },
  'R-ART22-4-SPECIAL-CATEGORIES': {
    facts: controller({
      ...health,
      art9Conditions: [{ code: 'ART9_2_H', legalReference: 'Wgbo art. 7:457 BW' }],
      automatedDecision: { legalOrSimilarEffect: true, exception: 'ART22_2_A' },
    }),
  },
  'R-ART35-DPIA-NOT-DONE': { facts: controller({ dpia: { required: true, status: 'in_progress' } }) },
  'R-ART35-DPIA-NOT-ASSESSED': {
    facts: controller({ dpia: { required: null }, subjectCategories: [{ code: 'DS_PUPILS' }] }),
  },
  'R-ART28-3-DPA-MISSING': {
    facts: controller({ recipients: [{ name: 'Hosting B.V.', kind: 'RK_PROCESSOR', locations: [{ country: 'NL' }] }] }),
  },
  'R-ART28-3-CONTROLLER-DPA-MISSING': { facts: processor({ controllers: [{ name: 'School X' }] }) },
  'R-ART28-4-FLOWDOWN-MISSING': { facts: subProcessor({ dpaReference: null }) },
  'R-ART28-2-AUTHORISATION-MISSING': { facts: subProcessor({ authorisation: null }) },
  'R-ART28-2-SPECIFIC-NOT-APPROVED': { facts: subProcessor({ authorisation: 'specific' }) },
  'R-ART28-2-NOTICE-TOO-SHORT': {
    facts: subProcessor({
      effectiveAt: '2026-12-01',
      notifiedAt: '2026-11-10',
      objectionDeadline: '2026-11-30',
      objectionStatus: 'pending',
    }),
  },
  'R-ART28-2-OBJECTION-MISSING': { facts: subProcessor({ effectiveAt: '2026-12-01', notifiedAt: '2026-10-01' }) },
  'R-RECIPIENT-COUNTRY-MISSING': {
    facts: controller({
      recipients: [{ name: 'Analytics', kind: 'RK_THIRD_PARTY', dpaReference: null, locations: [] }],
    }),
  },
  'R-ART44-NO-VALID-MECHANISM': { facts: transferTo({ country: 'US', dpfCertified: false }) },
  'R-ART46-TIA-MISSING': { facts: transferTo({ country: 'IN', mechanism: 'SCC_MODULE_2' }) },
  'R-TIA-REVIEW-DATE-MISSING': {
    facts: transferTo({ country: 'IN', mechanism: 'SCC_MODULE_2', tiaReference: 'TIA-1' }),
  },
  'R-TIA-REVIEW-OVERDUE': {
    facts: transferTo({ country: 'IN', mechanism: 'SCC_MODULE_2', tiaReference: 'TIA-1', tiaReviewDate: '2026-01-01' }),
  },
  'R-ART49-COMPELLING-CONDITIONS': { facts: transferTo({ country: 'IN', mechanism: 'ART49_1_COMPELLING' }) },
  'R-ART49-DEROGATION-USED': { facts: transferTo({ country: 'IN', mechanism: 'ART49_1_B' }) },
  'R-ADEQUACY-EXPIRING': { facts: transferTo({ country: 'GB' }), asOf: '2031-10-01' },
  'R-RETENTION-MISSING': { facts: controller({ retention: [] }) },
  'R-RETENTION-PERIOD-EMPTY': {
    facts: controller({ retention: [{ trigger: 'RT_CONTRACT_END', action: 'RA_DELETE' }] }),
  },
  'R-RETENTION-VAGUE': {
    facts: controller({ retention: [{ criterion: 'Niet langer dan noodzakelijk voor het doel' }] }),
  },
  'R-RETENTION-LEGAL-REFERENCE-MISSING': {
    facts: controller({
      retention: [{ duration: 'P7Y', trigger: 'RT_FISCAL_YEAR_END', justification: 'RJ_LEGAL_OBLIGATION' }],
    }),
  },
  'R-RETENTION-DURATION-INVALID': {
    facts: controller({ retention: [{ duration: '3 years', trigger: 'RT_CONTRACT_END' }] }),
  },
  'R-RETENTION-TRIGGER-MISSING': { facts: controller({ retention: [{ duration: 'P3Y' }] }) },
  'R-RETENTION-CATEGORY-UNCOVERED': {
    facts: controller({ retention: [{ dataCategory: 'DC_NAME', duration: 'P1Y', trigger: 'RT_ACCOUNT_CLOSURE' }] }),
  },
};

describe('register health rules', () => {
  it('the baseline register trips no rule at all', () => {
    expect(ruleIds(baseline())).toEqual([]);
  });

  it('has a tripping case for every rule in the catalogue', () => {
    expect(Object.keys(TRIPS).sort()).toEqual(HEALTH_RULES.map((r) => r.id).sort());
  });

  it('has unique rule ids with both languages', () => {
    expect(new Set(HEALTH_RULES.map((r) => r.id)).size).toBe(HEALTH_RULES.length);
    for (const r of HEALTH_RULES) {
      expect(r.message.nl.length).toBeGreaterThan(10);
      expect(r.message.en.length).toBeGreaterThan(10);
      expect(r.article).not.toBe('');
    }
  });

  it.each(Object.entries(TRIPS) as [HealthRuleId, { facts: RegisterFacts; asOf?: string }][])(
    '%s trips on its input and not on the baseline',
    (id, { facts, asOf }) => {
      expect(ruleIds(facts, asOf)).toContain(id);
      expect(ruleIds(baseline(), asOf ?? AS_OF)).not.toContain(id);
    },
  );
});

describe('register health rules: boundaries', () => {
  const has = (facts: RegisterFacts, id: HealthRuleId, asOf = AS_OF) => ruleIds(facts, asOf).includes(id);

  it('a review date of today is not overdue', () => {
    expect(has(controller({ reviewDate: AS_OF }), 'R-REVIEW-OVERDUE')).toBe(false);
  });

  it('an LIA dated on or before the start passes', () => {
    const facts = controller({
      ...purpose({ legalBasis: 'ART6_1_F', liaReference: 'LIA-1', liaDate: '2025-01-01' }),
      startedAt: '2025-01-01',
    });
    expect(ruleIds(facts)).toEqual([]);
  });

  it('a public authority may use (f) outside its official tasks', () => {
    const facts = controller(
      { ...purpose({ legalBasis: 'ART6_1_F', liaReference: 'LIA-1' }), officialTasks: false },
      { isPublicAuthority: true, dpo: 'fg@gemeente.example' },
    );
    expect(ruleIds(facts)).toEqual([]);
  });

  it('6(1)(c) with its law cited passes', () => {
    expect(ruleIds(controller(purpose({ legalBasis: 'ART6_1_C', legalReference: 'AWR art. 52' })))).toEqual([]);
  });

  it('special data with explicit 9(2)(a) consent passes; a custom category flagged special needs a condition', () => {
    const ok = controller({ ...health, art9Conditions: [{ code: 'ART9_2_A', explicitConsent: true }] });
    expect(ruleIds(ok)).toEqual([]);
    const custom = controller({ dataCategories: [{ code: 'X_DIETARY_NEEDS', special: true }] });
    expect(ruleIds(custom)).toEqual(['R-ART9-CONDITION-MISSING']);
  });

  it('automated decisions on special data are allowed under 9(2)(a)', () => {
    const facts = controller({
      ...health,
      art9Conditions: [{ code: 'ART9_2_A', explicitConsent: true }],
      automatedDecision: { legalOrSimilarEffect: true, exception: 'ART22_2_C' },
      dpia: { required: true, status: 'done' },
    });
    expect(ruleIds(facts)).toEqual([]);
  });

  it('the Art. 8 check needs children, consent and an information society service together', () => {
    const consent = purpose({ legalBasis: 'ART6_1_A', consentMechanism: 'Opt-in', consentWithdrawal: 'Settings' });
    const children = [{ code: 'DS_CHILDREN' }];
    expect(has(controller({ ...consent, subjectCategories: children }), 'R-ART8-CHILD-CONSENT')).toBe(false);
    expect(
      has(
        controller({
          ...consent,
          subjectCategories: children,
          informationSocietyService: true,
          childConsentVerification: 'Parent e-mail check',
        }),
        'R-ART8-CHILD-CONSENT',
      ),
    ).toBe(false);
    const tripped = evaluateRegister(TRIPS['R-ART8-CHILD-CONSENT'].facts, AS_OF).activities[0]?.findings[0];
    expect(tripped?.detail?.nl).toBe('Leeftijdsgrens in Nederland: 16 jaar.');
  });

  it('sub-processor notice of exactly the notice period is in time; a longer contractual period counts', () => {
    const change = {
      effectiveAt: '2026-12-01',
      notifiedAt: '2026-11-01',
      objectionDeadline: '2026-11-30',
      objectionStatus: 'pending' as const,
    };
    expect(ruleIds(subProcessor(change))).toEqual([]);
    expect(ruleIds(subProcessor({ ...change, noticeDays: 60 }))).toEqual(['R-ART28-2-NOTICE-TOO-SHORT']);
    expect(ruleIds(subProcessor({ authorisation: 'specific', approvedAt: '2026-01-10' }))).toEqual([]);
  });

  it('a processor engaged by a controller is not checked as a sub-processor', () => {
    const facts = controller({ recipients: [{ ...SUB_PROCESSOR, authorisation: null }] });
    expect(ruleIds(facts)).toEqual([]);
  });

  it('an Art. 46 transfer with a current TIA and an adequate one far from expiry pass', () => {
    expect(
      ruleIds(
        transferTo({ country: 'IN', mechanism: 'SCC_MODULE_2', tiaReference: 'TIA-1', tiaReviewDate: '2027-11-01' }),
      ),
    ).toEqual([]);
    expect(ruleIds(transferTo({ country: 'GB' }))).toEqual([]);
    expect(ruleIds(transferTo({ country: 'US', dpfCertified: true }))).toEqual([]);
  });

  it('a compelling-interests transfer with SA notice and safeguards is only reported as a derogation', () => {
    const facts = transferTo({
      country: 'IN',
      mechanism: 'ART49_1_COMPELLING',
      saNotifiedAt: '2026-10-01',
      safeguardReference: 'SG-1',
    });
    expect(ruleIds(facts)).toEqual(['R-ART49-DEROGATION-USED']);
  });

  it('a public authority cannot transfer on 49(1)(a) and the finding says why', () => {
    const facts = transferTo({ country: 'IN', mechanism: 'ART49_1_A' }, { isPublicAuthority: true, dpo: 'fg@x' });
    const finding = evaluateRegister(facts, AS_OF).activities[0]?.findings.find(
      (f) => f.ruleId === 'R-ART44-NO-VALID-MECHANISM',
    );
    expect(finding).toMatchObject({
      severity: 'error',
      path: 'recipients[0].locations[0]',
      activityId: 'act-accounts',
    });
    expect(finding?.detail?.en).toContain('Art. 49(3)');
  });

  it('a vague criterion next to a valid period is not flagged; a rule without category covers all', () => {
    const retention = [{ duration: 'P3Y', trigger: 'RT_CONTRACT_END' as const, criterion: 'as long as necessary' }];
    expect(ruleIds(controller({ retention }))).toEqual([]);
  });

  it('a legal-obligation retention with its law cited passes', () => {
    const retention = [
      {
        duration: 'P7Y',
        trigger: 'RT_FISCAL_YEAR_END' as const,
        justification: 'RJ_LEGAL_OBLIGATION' as const,
        legalReference: 'AWR art. 52(4)',
      },
    ];
    expect(ruleIds(controller({ retention }))).toEqual([]);
  });
});

describe('evaluateRegister output', () => {
  it('reports the reference version, date, counts and per-activity transfer status', () => {
    const facts = controller({
      recipients: [
        {
          name: 'Host',
          kind: 'RK_PROCESSOR',
          dpaReference: 'D1',
          locations: [{ country: 'IE' }, { country: 'US', dpfCertified: true }],
        },
        {
          name: 'Support',
          kind: 'RK_PROCESSOR',
          dpaReference: 'D2',
          locations: [{ country: 'IN', mechanism: 'SCC_MODULE_2' }],
        },
      ],
    });
    const result = evaluateRegister(facts, AS_OF);
    expect(result).toMatchObject({
      referenceVersion: '2026-11',
      asOf: AS_OF,
      counts: { error: 0, warning: 1, info: 0 },
    });
    const activity = result.activities[0];
    expect(activity?.transfers.map((t) => t.assessment.status)).toEqual([
      'WITHIN_EEA',
      'ADEQUATE',
      'SAFEGUARDED_NO_TIA',
    ]);
    expect(activity?.transferStatus).toBe('SAFEGUARDED_NO_TIA');
    expect(result.activities[1]?.transferStatus).toBe('WITHIN_EEA');
  });

  it('derives rights per purpose for controllers only (rule 9)', () => {
    const result = evaluateRegister(baseline(), AS_OF);
    expect(result.activities[0]?.rights).toEqual([
      {
        path: 'purposes[0]',
        purposeId: 'p1',
        rights: ['RIGHT_ACCESS', 'RIGHT_RECTIFICATION', 'RIGHT_ERASURE', 'RIGHT_RESTRICTION', 'RIGHT_PORTABILITY'],
      },
    ]);
    expect(result.activities[1]?.rights).toEqual([]);
  });

  it('reports the Art. 30(5) exemption with its triggers', () => {
    const result = evaluateRegister(baseline(), AS_OF);
    expect(result.activities[0]?.art30Exemption).toEqual({ exempt: false, triggers: ['NOT_OCCASIONAL'] });
    const exempt = evaluateRegister(controller({ occasional: true }), AS_OF).activities[0];
    expect(exempt?.art30Exemption.exempt).toBe(true);
  });

  it('honours a configured staff threshold', () => {
    const facts = controller({ occasional: true });
    const lowered = evaluateRegister(facts, AS_OF, { staffThreshold: 20 });
    expect(lowered.activities[0]?.art30Exemption.triggers).toEqual(['STAFF_AT_OR_ABOVE_THRESHOLD']);
  });

  it('rejects an invalid as-of date', () => {
    expect(() => evaluateRegister(baseline(), '2026-13-01')).toThrow(RangeError);
  });
});

describe('completeness score', () => {
  const scores = (facts: RegisterFacts) => {
    const r = evaluateRegister(facts, AS_OF);
    return {
      register: r.score,
      activities: r.activities.map((a) => a.score),
      missing: r.activities.map((a) => a.fields.missing),
    };
  };

  it('is 100 for a complete, clean register', () => {
    expect(scores(baseline())).toEqual({ register: 100, activities: [100, 100], missing: [[], []] });
  });

  it('counts a missing field once, without a further penalty', () => {
    // 8 of 9 controller fields present; the TOMs rule is info and a presence rule.
    expect(scores(controller({ toms: [] })).activities[0]).toBe(89);
    // 8 of 9 present and the presence rule (error) is not penalised again.
    expect(scores(controller({ subjectCategories: [] })).missing[0]).toEqual(['data_subjects']);
    expect(scores(controller({ subjectCategories: [] })).activities[0]).toBe(89);
  });

  it('subtracts 10 per quality error and 3 per warning', () => {
    expect(scores(transferTo({ country: 'US' })).activities[0]).toBe(90);
    expect(scores(transferTo({ country: 'IN', mechanism: 'SCC_MODULE_2' })).activities[0]).toBe(97);
  });

  it('marks the organisation field missing in every activity when the tenant lacks contact details', () => {
    const s = scores(tenant({ contact: null }));
    expect(s.missing).toEqual([['organisation'], ['organisation']]);
    expect(s.activities).toEqual([89, 80]);
    expect(s.register).toBe(85);
  });

  it('penalises register-level quality findings and is 0 for an empty register', () => {
    expect(scores(tenant({ isPublicAuthority: true })).register).toBe(97);
    expect(evaluateRegister({ tenant: TENANT, activities: [] }, AS_OF).score).toBe(0);
  });

  it('never goes below 0', () => {
    const broken = controller({
      purposes: [
        { description: 'a' },
        { description: 'b', legalBasis: 'ART6_1_A' },
        { description: 'c', legalBasis: 'ART6_1_C' },
      ],
      dataCategories: [{ code: 'DC_HEALTH' }, { code: 'DC_CRIMINAL' }],
      automatedDecision: { legalOrSimilarEffect: true },
      dpia: { required: true },
      recipients: [{ name: 'US host', kind: 'RK_PROCESSOR', locations: [{ country: 'US' }, { country: 'CN' }] }],
    });
    expect(scores(broken).activities[0]).toBe(0);
  });
});
