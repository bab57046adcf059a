import type { INestApplication } from '@nestjs/common';
import { codes, createTestTenant, gql, Role, startTestApp, type TestTenant } from '#testing';

const CREATE_CATEGORY = `mutation($input: CreateCustomDataCategoryInput!, $note: String) { createCustomDataCategory(input: $input, note: $note) { id code labelNl labelEn special criminal label } }`;
const UPDATE_CATEGORY = `mutation($input: UpdateCustomDataCategoryInput!) { updateCustomDataCategory(input: $input) { id code labelEn special } }`;
const DELETE_CATEGORY = `mutation($id: ID!) { deleteCustomDataCategory(id: $id) { id code } }`;
const GET_CATEGORY = `query($id: ID!, $asOf: DateTime) { customDataCategory(id: $id, asOf: $asOf) { code labelEn } }`;
const ALL_CATEGORIES = `query($asOf: DateTime) { dataCategories(asOf: $asOf) { code label labelNl labelEn special criminal custom group customId } }`;

type Category = { code: string; label: string; special: boolean; criminal: boolean; custom: boolean };

describe('reference data and custom data categories', () => {
  let app: INestApplication;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestTenant(app, 'A');
    b = await createTestTenant(app, 'B');
  });
  afterAll(() => app.close());

  describe('shipped reference data', () => {
    it('lists the Art. 6 bases with Dutch and English labels, in the tenant locale unless asked', async () => {
      const query = `{ referenceDataVersion legalBases { code label nl: label(locale: nl) en: label(locale: en) labelNl labelEn requiresLia source { ref tag celex } } }`;
      type Bases = { referenceDataVersion: string; legalBases: Array<Record<string, unknown>> };
      const res = await gql<Bases>(app, query, {}, a.ownerToken);
      expect(res.errors).toBeUndefined();
      expect(res.data!.referenceDataVersion).toMatch(/^\d{4}-\d{2}$/);
      expect(res.data!.legalBases.map((b) => b.code)).toEqual([
        'ART6_1_A',
        'ART6_1_B',
        'ART6_1_C',
        'ART6_1_D',
        'ART6_1_E',
        'ART6_1_F',
      ]);
      expect(res.data!.legalBases.find((b) => b.code === 'ART6_1_F')).toEqual({
        code: 'ART6_1_F',
        label: 'Legitimate interests',
        nl: 'Gerechtvaardigd belang',
        en: 'Legitimate interests',
        labelNl: 'Gerechtvaardigd belang',
        labelEn: 'Legitimate interests',
        requiresLia: true,
        source: { ref: 'GDPR Art. 6(1)(f)', tag: 'LAW', celex: '32016R0679' },
      });

      const dutch = await createTestTenant(app, 'Dutch');
      const switched = await gql(
        app,
        `mutation { updateTenant(input: { defaultLocale: nl }) { defaultLocale } }`,
        {},
        dutch.ownerToken,
      );
      expect(switched.errors).toBeUndefined();
      const inDutch = await gql<Bases>(app, `{ legalBases { code label } }`, {}, dutch.ownerToken);
      expect(inDutch.data!.legalBases.find((b) => b.code === 'ART6_1_F')).toEqual({
        code: 'ART6_1_F',
        label: 'Gerechtvaardigd belang',
      });
    });

    it('lists adequacy decisions with dates, CELEX and scope: the US only for DPF-certified recipients', async () => {
      type Decisions = { adequacyDecisions: Array<Record<string, unknown> & { country: string }> };
      const res = await gql<Decisions>(
        app,
        `{ adequacyDecisions { code country kind decision celex adopted effectiveFrom validUntil eeaIncorporated label
            scope { whole requires excludes noteEn noteNl } amendments { decision date } source { tag date } } }`,
        {},
        a.ownerToken,
      );
      expect(res.errors).toBeUndefined();
      const byCountry = new Map(res.data!.adequacyDecisions.map((d) => [d.country, d]));
      expect(byCountry.get('US')).toMatchObject({
        code: 'ADQ_US',
        kind: 'COUNTRY',
        decision: '(EU) 2023/1795',
        celex: '32023D1795',
        adopted: '2023-07-10',
        effectiveFrom: '2023-07-10',
        validUntil: null,
        label: 'Adequacy decision United States',
        scope: {
          whole: false,
          requires: ['DPF_CERTIFIED'],
          excludes: [],
          noteEn: 'Only organisations certified under the EU-US Data Privacy Framework',
        },
        source: { tag: 'LAW', date: '2023-07-10' },
      });
      expect(byCountry.get('GB')).toMatchObject({ validUntil: '2031-12-27', scope: { whole: true } });
      expect((byCountry.get('GB')!.amendments as unknown[]).length).toBe(2);
      expect(byCountry.get('EPO')).toMatchObject({ kind: 'INTERNATIONAL_ORGANISATION' });
      expect(byCountry.get('BR')).toMatchObject({ eeaIncorporated: false, effectiveFrom: '2026-01-28' });
    });

    it('lists transfer mechanisms, TOMs with their SDM goals, and the other picklists', async () => {
      const res = await gql<Record<string, Array<Record<string, unknown>>>>(
        app,
        `{
          transferMechanisms { code kind requiresTia requiresSaNotification validUntil labelEn }
          toms { code labelNl goals { code label(locale: nl) } iso27001 }
          art9Conditions { code requiresExplicitConsent }
          art10Bases { code labelEn }
          dataSubjectCategories { code child label }
          recipientKinds { code label(locale: nl) }
          retentionTriggers { code labelEn }
          retentionActions { code labelNl }
        }`,
        {},
        a.ownerToken,
      );
      expect(res.errors).toBeUndefined();
      const find = (list: string, code: string) => res.data![list]!.find((item) => item.code === code);
      expect(find('transferMechanisms', 'SCC_MODULE_2')).toMatchObject({ kind: 'ART46', requiresTia: true });
      expect(find('transferMechanisms', 'SCC_LEGACY')).toMatchObject({ validUntil: '2022-12-27' });
      expect(find('transferMechanisms', 'ART49_1_COMPELLING')).toMatchObject({
        kind: 'ART49',
        requiresTia: false,
        requiresSaNotification: true,
      });
      expect(find('toms', 'TOM_EVENT_LOGGING')).toEqual({
        code: 'TOM_EVENT_LOGGING',
        labelNl: 'Logging van gebeurtenissen',
        goals: [
          { code: 'SDM_TRANSPARENCY', label: 'Transparantie' },
          { code: 'SDM_INTEGRITY', label: 'Integriteit' },
        ],
        iso27001: ['A.8.15'],
      });
      expect(find('art9Conditions', 'ART9_2_A')).toEqual({ code: 'ART9_2_A', requiresExplicitConsent: true });
      expect(res.data!.art10Bases).toHaveLength(2);
      expect(find('dataSubjectCategories', 'DS_PUPILS')).toEqual({
        code: 'DS_PUPILS',
        child: true,
        label: 'Pupils (minors)',
      });
      expect(find('recipientKinds', 'RK_PROCESSOR')).toEqual({ code: 'RK_PROCESSOR', label: 'Verwerker' });
      expect(find('retentionTriggers', 'RT_CONTRACT_END')).toMatchObject({ labelEn: 'After the contract ends' });
      expect(find('retentionActions', 'RA_DELETE')).toMatchObject({ labelNl: 'Verwijderen' });
    });

    it('lists countries with Dutch and English names, EEA membership and adequacy', async () => {
      type Countries = {
        countries: Array<{
          code: string;
          nameNl: string;
          nameEn: string;
          name: string;
          inEea: boolean;
          adequacyDecision: { code: string } | null;
        }>;
      };
      const res = await gql<Countries>(
        app,
        `{ countries { code nameNl nameEn name(locale: nl) inEea adequacyDecision { code } } }`,
        {},
        a.ownerToken,
      );
      const byCode = new Map(res.data!.countries.map((c) => [c.code, c]));
      expect(byCode.size).toBeGreaterThan(240);
      expect(byCode.get('NL')).toEqual({
        code: 'NL',
        nameNl: 'Nederland',
        nameEn: 'Netherlands',
        name: 'Nederland',
        inEea: true,
        adequacyDecision: null,
      });
      expect(byCode.get('NO')).toMatchObject({ inEea: true });
      expect(byCode.get('GR')).toMatchObject({ inEea: true });
      expect(byCode.get('CH')).toMatchObject({ inEea: false, adequacyDecision: { code: 'ADQ_CH' } });
      expect(byCode.get('US')).toMatchObject({ inEea: false, adequacyDecision: { code: 'ADQ_US' } });
      expect(byCode.get('CN')).toMatchObject({ inEea: false, adequacyDecision: null });
      expect(byCode.get('EPO')).toMatchObject({ nameEn: 'European Patent Organisation' });
    });

    it('is for signed-in readers only', async () => {
      expect(codes(await gql(app, `{ legalBases { code } }`))).toEqual(['UNAUTHENTICATED']);
      const auditor = await a.tokenFor(Role.AUDITOR, new Date(Date.now() + 86_400_000));
      expect(codes(await gql(app, `{ legalBases { code label } countries { code } }`, {}, auditor))).toEqual([]);
    });
  });

  describe('custom data categories', () => {
    const create = (input: Record<string, unknown>, tenant = a, token = tenant.ownerToken) =>
      gql<{ createCustomDataCategory: { id: string } & Category }>(app, CREATE_CATEGORY, { input }, token);

    it('adds an own category, listed with the shipped ones by code', async () => {
      const before = new Date();
      await new Promise((r) => setTimeout(r, 20));
      const res = await create({
        code: 'DC_STUDENT_PORTFOLIO',
        labelNl: 'Portfolio van de student',
        labelEn: 'Student portfolio',
        description: 'Work samples and reflections',
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.createCustomDataCategory).toMatchObject({
        code: 'DC_STUDENT_PORTFOLIO',
        label: 'Student portfolio',
        special: false,
        criminal: false,
      });
      const all = await gql<{ dataCategories: Array<Category & { customId: string | null; group: string | null }> }>(
        app,
        ALL_CATEGORIES,
        {},
        a.ownerToken,
      );
      const list = all.data!.dataCategories;
      const sorted = [...list.map((c) => c.code)].sort();
      expect(list.map((c) => c.code)).toEqual(sorted);
      expect(list.find((c) => c.code === 'DC_STUDENT_PORTFOLIO')).toMatchObject({
        custom: true,
        group: null,
        customId: res.data!.createCustomDataCategory.id,
        labelNl: 'Portfolio van de student',
      });
      expect(list.find((c) => c.code === 'DC_HEALTH')).toMatchObject({
        custom: false,
        special: true,
        group: 'SPECIAL',
        customId: null,
        label: 'Health data',
      });
      expect(list.find((c) => c.code === 'DC_CRIMINAL')).toMatchObject({ criminal: true, custom: false });
      const then = await gql<{ dataCategories: Category[] }>(
        app,
        ALL_CATEGORIES,
        { asOf: before.toISOString() },
        a.ownerToken,
      );
      expect(then.data!.dataCategories.some((c) => c.custom)).toBe(false);
      expect(then.data!.dataCategories.length).toBe(list.length - 1);
      const ofB = await gql<{ dataCategories: Category[] }>(app, ALL_CATEGORIES, {}, b.ownerToken);
      expect(ofB.data!.dataCategories.some((c) => c.code === 'DC_STUDENT_PORTFOLIO')).toBe(false);
    });

    it('refuses bad codes, shipped and duplicate codes, and both special and criminal', async () => {
      const base = { labelNl: 'x', labelEn: 'x' };
      for (const code of ['lower_case', 'X', '1ABC', 'HAS SPACE', 'A'.repeat(62)]) {
        expect((await create({ ...base, code })).errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'input.code',
        });
      }
      expect((await create({ ...base, code: 'DC_EMAIL' })).errors?.[0]).toMatchObject({
        message: 'DC_EMAIL is a shipped data category: use it, or pick another code.',
        extensions: { code: 'CONFLICT', field: 'input.code' },
      });
      expect((await create({ ...base, code: 'TWICE' })).errors).toBeUndefined();
      expect((await create({ ...base, code: 'TWICE' })).errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.code',
      });
      expect((await create({ ...base, code: 'TWICE' }, b)).errors).toBeUndefined();
      expect(
        (await create({ ...base, code: 'BOTH', special: true, criminal: true })).errors?.[0]?.extensions,
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.criminal',
      });
      expect((await create({ code: 'NOLABEL', labelNl: '', labelEn: 'x' })).errors?.[0]?.extensions).toMatchObject({
        field: 'input.labelNl',
      });
      const id = (await create({ ...base, code: 'CLEARME' })).data!.createCustomDataCategory.id;
      for (const field of ['code', 'labelEn', 'special']) {
        const res = await gql(app, UPDATE_CATEGORY, { input: { id, [field]: null } }, a.ownerToken);
        expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
      }
      const renamed = await gql(app, UPDATE_CATEGORY, { input: { id, code: 'TWICE' } }, a.ownerToken);
      expect(renamed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
      expect((await gql(app, GET_CATEGORY, { id }, a.ownerToken)).data).toEqual({
        customDataCategory: { code: 'CLEARME', labelEn: 'x' },
      });
    });

    it('changes and deletes an unused category, and keeps it while an engagement uses it', async () => {
      const id = (await create({ code: 'WELLBEING', labelNl: 'Welzijn', labelEn: 'Wellbeing' })).data!
        .createCustomDataCategory.id;
      const before = new Date();
      await new Promise((r) => setTimeout(r, 20));
      const changed = await gql(
        app,
        UPDATE_CATEGORY,
        { input: { id, code: 'WELL_BEING', special: true } },
        a.ownerToken,
      );
      expect(changed.data).toEqual({
        updateCustomDataCategory: { id, code: 'WELL_BEING', labelEn: 'Wellbeing', special: true },
      });
      expect((await gql(app, GET_CATEGORY, { id, asOf: before.toISOString() }, a.ownerToken)).data).toEqual({
        customDataCategory: { code: 'WELLBEING', labelEn: 'Wellbeing' },
      });

      const vendor = await gql<{ createParty: { id: string } }>(
        app,
        `mutation { createParty(input: { name: "Counsellor", roles: [SUBPROCESSOR] }) { id } }`,
        {},
        a.ownerToken,
      );
      const engagement = await gql(
        app,
        `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`,
        { input: { vendorId: vendor.data!.createParty.id, purpose: 'Counselling', dataCategoryCodes: ['WELL_BEING'] } },
        a.ownerToken,
      );
      expect(engagement.errors).toBeUndefined();
      const refused = await gql(app, DELETE_CATEGORY, { id }, a.ownerToken);
      expect(refused.errors?.[0]).toMatchObject({
        message: 'WELL_BEING is still used by 1 engagement.',
        extensions: { code: 'CONFLICT' },
      });
      const recoded = await gql(app, UPDATE_CATEGORY, { input: { id, code: 'WB' } }, a.ownerToken);
      expect(recoded.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
      const relabelled = await gql(app, UPDATE_CATEGORY, { input: { id, labelEn: 'Well-being' } }, a.ownerToken);
      expect(relabelled.errors).toBeUndefined();

      const unused = (await create({ code: 'UNUSED', labelNl: 'x', labelEn: 'x' })).data!.createCustomDataCategory.id;
      expect((await gql(app, DELETE_CATEGORY, { id: unused }, a.ownerToken)).data).toEqual({
        deleteCustomDataCategory: { id: unused, code: 'UNUSED' },
      });
      expect(codes(await gql(app, GET_CATEGORY, { id: unused }, a.ownerToken))).toEqual(['NOT_FOUND']);
    });

    it('pages and searches own categories by code', async () => {
      const t = await createTestTenant(app, 'Paging');
      for (const code of ['ZZ_C', 'ZZ_A', 'ZZ_B'])
        expect((await create({ code, labelNl: code, labelEn: code }, t)).errors).toBeUndefined();
      type Page = {
        customDataCategories: {
          totalCount: number;
          edges: Array<{ node: { code: string } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
      const list = `query($after: String) { customDataCategories(first: 2, after: $after, filter: { search: "zz_" }) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }`;
      const first = await gql<Page>(app, list, {}, t.ownerToken);
      expect(first.data!.customDataCategories.totalCount).toBe(3);
      expect(first.data!.customDataCategories.edges.map((e) => e.node.code)).toEqual(['ZZ_A', 'ZZ_B']);
      const next = await gql<Page>(
        app,
        list,
        { after: first.data!.customDataCategories.pageInfo.endCursor },
        t.ownerToken,
      );
      expect(next.data!.customDataCategories.edges.map((e) => e.node.code)).toEqual(['ZZ_C']);
    });

    it("keeps tenants apart: B's category is NOT_FOUND for A and stays as it was", async () => {
      const id = (await create({ code: 'B_SECRET', labelNl: 'B', labelEn: 'B' }, b)).data!.createCustomDataCategory.id;
      expect(codes(await gql(app, GET_CATEGORY, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
      expect(codes(await gql(app, UPDATE_CATEGORY, { input: { id, labelEn: 'hijacked' } }, a.ownerToken))).toEqual([
        'NOT_FOUND',
      ]);
      expect(codes(await gql(app, DELETE_CATEGORY, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
      expect((await gql(app, GET_CATEGORY, { id }, b.ownerToken)).data).toEqual({
        customDataCategory: { code: 'B_SECRET', labelEn: 'B' },
      });
    });

    it('lets viewers and auditors read categories but not write them', async () => {
      const id = (await create({ code: 'READ_ONLY', labelNl: 'x', labelEn: 'x' })).data!.createCustomDataCategory.id;
      for (const role of [Role.VIEWER, Role.AUDITOR]) {
        const token = await a.tokenFor(role, role === Role.AUDITOR ? new Date(Date.now() + 86_400_000) : null);
        expect(codes(await create({ code: 'NOPE', labelNl: 'x', labelEn: 'x' }, a, token))).toEqual(['FORBIDDEN']);
        expect(codes(await gql(app, UPDATE_CATEGORY, { input: { id, labelEn: 'nope' } }, token))).toEqual([
          'FORBIDDEN',
        ]);
        expect(codes(await gql(app, DELETE_CATEGORY, { id }, token))).toEqual(['FORBIDDEN']);
        expect(
          codes(await gql(app, `{ dataCategories { code } customDataCategories { totalCount } }`, {}, token)),
        ).toEqual([]);
      }
    });
  });
});
