import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { type Principal, Role } from '#core';
import type { TenantTx } from '#database';
import { Activity, Engagement, Party, RegisterWriter } from '#register';
import { codes, createTestTenant, gql, startTestApp, type TestTenant } from '#testing';
import { RegisterFactsBuilder } from '../libs/register/src/health/register-facts.builder.js';

const HEALTH = `query($asOf: DateTime, $locale: Locale) { registerHealth(asOf: $asOf, locale: $locale) {
  asOf day referenceVersion score counts { error warning info }
  findings { ruleId severity article message messageNl messageEn path activityId }
  activities { activityId name status score transferStatus missingFields requiredFields
    findings { ruleId severity message messageNl messageEn path activityId itemId detail }
    transfers { recipientId destination status basis } } } }`;
const ACTIVITY = `query($id: ID!, $asOf: DateTime, $locale: Locale) { activity(id: $id, asOf: $asOf) {
  name transferStatus findings(locale: $locale) { ruleId message } } }`;
const ENGAGEMENT = `query($id: ID!, $asOf: DateTime) { engagement(id: $id, asOf: $asOf) { purpose transferStatus } }`;

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  messageNl: string;
  messageEn: string;
  path: string;
  activityId: string | null;
  itemId?: string | null;
  detail?: string | null;
}
interface ActivityHealth {
  activityId: string;
  name: string;
  status: string;
  score: number;
  transferStatus: string | null;
  missingFields: string[];
  requiredFields: string[];
  findings: Finding[];
  transfers: Array<{ recipientId: string | null; destination: string | null; status: string; basis: string | null }>;
}
interface Health {
  registerHealth: {
    asOf: string;
    day: string;
    score: number;
    counts: { error: number; warning: number; info: number };
    findings: Finding[];
    activities: ActivityHealth[];
  };
}

const IMPORTED = new Date('2023-01-01T00:00:00Z');
const BEFORE_DPF = '2023-07-01T00:00:00Z';
const ids = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe('register: health (findings, completeness, transfer status)', () => {
  let app: INestApplication;
  let a: TestTenant;
  let b: TestTenant;
  const id = {
    own: randomUUID(),
    noDpf: randomUUID(),
    dpf: randomUUID(),
    sccVendor: randomUUID(),
    eNoDpf: randomUUID(),
    eDpf: randomUUID(),
    eScc: randomUUID(),
    gaps: randomUUID(),
    clean: randomUUID(),
    retired: randomUUID(),
  };

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestTenant(app, 'A');
    b = await createTestTenant(app, 'B');
    // A's register as imported on 2023-01-01 (backdated), so it can be read as of any later day.
    await seed(a, IMPORTED, async (tx) => {
      await insertParty(tx, id.own, 'Cradeq B.V.', ['own_organisation'], {
        country: 'NL',
        contactEmail: 'info@cradeq.nl',
      });
      await insertParty(tx, id.noDpf, 'Mailvendor Inc.', ['subprocessor'], { country: 'US' });
      await insertParty(tx, id.dpf, 'Google LLC', ['subprocessor'], {
        country: 'US',
        certifications: [{ code: 'EU_US_DPF' }],
      });
      await insertParty(tx, id.sccVendor, 'Zoom Video Communications', ['subprocessor'], { country: 'US' });
      await insertEngagement(tx, id.eNoDpf, id.noDpf, 'Sending email', { processingLocations: ['US'] });
      await insertEngagement(tx, id.eDpf, id.dpf, 'Office suite', {
        processingLocations: ['US'],
        dpaReference: 'Google DPA 2022',
      });
      await insertEngagement(tx, id.eScc, id.sccVendor, 'Video calls', {
        processingLocations: ['US'],
        transferMechanism: 'SCC_MODULE_2',
      });
      await insertActivity(tx, id.gaps, 'Pupil counselling', {
        purposes: [purpose('Counselling', 'ART6_1_F')],
        dataSubjectCodes: ['DS_PUPILS'],
        dataCategoryCodes: ['DC_NAME', 'DC_HEALTH'],
        engagementIds: [id.eNoDpf, id.eScc],
        tomCodes: ['TOM_PSEUDONYMISATION_ENCRYPTION'],
      });
      await insertActivity(tx, id.clean, 'Customer accounts', {
        purposes: [purpose('Providing the service', 'ART6_1_B')],
        dataSubjectCodes: ['DS_CUSTOMERS'],
        dataCategoryCodes: ['DC_NAME', 'DC_EMAIL'],
        engagementIds: [id.eDpf],
        retention: [
          {
            id: 'r1',
            dataCategoryCode: null,
            duration: 'P1Y',
            trigger: 'RT_CONTRACT_END',
            action: 'RA_DELETE',
            justification: null,
            legalReference: null,
            criterion: null,
          },
        ],
        tomCodes: ['TOM_PSEUDONYMISATION_ENCRYPTION'],
        dpia: { required: false, status: null, reference: null },
      });
      await insertActivity(tx, id.retired, 'Old newsletter', { status: 'retired' });
    });
    // B has a register of its own that must never show up in A's health.
    await seed(b, new Date(), async (tx) => {
      await insertParty(tx, randomUUID(), 'B Corp', ['own_organisation'], { contactEmail: 'b@b.test' });
      await insertActivity(tx, randomUUID(), 'B secret activity', {});
    });
  });
  afterAll(() => app.close());

  const health = async (tenant: TestTenant, vars: Record<string, unknown> = {}, token = tenant.ownerToken) => {
    const res = await gql<Health>(app, HEALTH, vars, token);
    expect(res.errors).toBeUndefined();
    return res.data!.registerHealth;
  };
  const ruleIds = (findings: Finding[]) => findings.map((f) => f.ruleId).sort();

  it('trips the representative rules on a register with gaps and none on a clean activity', async () => {
    const report = await health(a, { locale: 'en' });
    expect(report.activities.map((x) => x.name)).toEqual(['Customer accounts', 'Pupil counselling']);
    const [clean, gaps] = report.activities as [ActivityHealth, ActivityHealth];

    expect(clean).toMatchObject({ findings: [], score: 100, missingFields: [], transferStatus: 'ADEQUATE' });
    expect(clean.transfers).toEqual([{ recipientId: id.eDpf, destination: 'US', status: 'ADEQUATE', basis: 'ADQ_US' }]);

    expect(ruleIds(gaps.findings)).toEqual(
      expect.arrayContaining([
        'R-ART9-CONDITION-MISSING',
        'R-ART6-F-LIA-MISSING',
        'R-ART44-NO-VALID-MECHANISM',
        'R-ART46-TIA-MISSING',
        'R-RETENTION-MISSING',
        'R-ART28-3-DPA-MISSING',
      ]),
    );
    expect(gaps.transferStatus).toBe('NO_VALID_MECHANISM');
    expect(gaps.transfers.map((t) => [t.recipientId, t.status])).toEqual([
      [id.eNoDpf, 'NO_VALID_MECHANISM'],
      [id.eScc, 'SAFEGUARDED_NO_TIA'],
    ]);
    expect(gaps.missingFields).toEqual(['RETENTION']);
    expect(gaps.requiredFields).toContain('LEGAL_BASIS');
    expect(gaps.score).toBeLessThan(clean.score);
    const noMechanism = gaps.findings.find((f) => f.ruleId === 'R-ART44-NO-VALID-MECHANISM')!;
    expect(noMechanism).toMatchObject({ severity: 'ERROR', activityId: id.gaps, itemId: id.eNoDpf });
    expect(noMechanism.detail).toBeTruthy();

    expect(report.findings).toEqual([]);
    expect(report.counts.error).toBe(gaps.findings.filter((f) => f.severity === 'ERROR').length);
    expect(report.score).toBe(Math.round((clean.score + gaps.score) / 2));
  });

  it('answers in the requested language, with both languages alongside', async () => {
    const nl = await health(a, { locale: 'nl' });
    const finding = nl.activities[1]!.findings.find((f) => f.ruleId === 'R-ART9-CONDITION-MISSING')!;
    expect(finding.message).toBe('Bijzondere persoonsgegevens zonder uitzonderingsgrond uit art. 9(2).');
    expect(finding.messageEn).toBe('Special-category data without an Art. 9(2) condition.');
    const byDefault = await health(a);
    expect(byDefault.activities[1]!.findings.find((f) => f.ruleId === finding.ruleId)!.message).toBe(finding.messageEn);
    const fields = await gql<{ activity: { findings: Array<{ ruleId: string; message: string }> } }>(
      app,
      ACTIVITY,
      { id: id.gaps, locale: 'nl' },
      a.ownerToken,
    );
    expect(fields.data!.activity.findings).toContainEqual({
      ruleId: 'R-ART6-F-LIA-MISSING',
      message: expect.stringMatching(/belangenafweging/),
    });
  });

  it('computes transfer status as of the read instant: DPF counts only from 2023-07-10', async () => {
    const before = await health(a, { asOf: BEFORE_DPF });
    expect(before.day).toBe('2023-07-01');
    expect(before.activities.find((x) => x.activityId === id.clean)).toMatchObject({
      transferStatus: 'NO_VALID_MECHANISM',
    });
    const engagement = (asOf?: string) =>
      gql<{ engagement: { transferStatus: string } }>(app, ENGAGEMENT, { id: id.eDpf, asOf }, a.ownerToken);
    expect((await engagement(BEFORE_DPF)).data!.engagement.transferStatus).toBe('NO_VALID_MECHANISM');
    expect((await engagement()).data!.engagement.transferStatus).toBe('ADEQUATE');
    const activity = (asOf?: string) =>
      gql<{ activity: { transferStatus: string } }>(app, ACTIVITY, { id: id.clean, asOf }, a.ownerToken);
    expect((await activity(BEFORE_DPF)).data!.activity.transferStatus).toBe('NO_VALID_MECHANISM');
    expect((await activity()).data!.activity.transferStatus).toBe('ADEQUATE');
    // Before the import the register was empty.
    expect(await health(a, { asOf: '2022-12-31T00:00:00Z' })).toMatchObject({
      activities: [],
      score: 0,
      findings: [{ ruleId: 'R-ART30-1A-CONTROLLER-MISSING' }],
    });
  });

  it('follows a vendor becoming DPF-certified, while the past stays as it was', async () => {
    const engagement = (asOf?: string) =>
      gql<{ engagement: { transferStatus: string } }>(app, ENGAGEMENT, { id: id.eNoDpf, asOf }, a.ownerToken);
    expect((await engagement()).data!.engagement.transferStatus).toBe('NO_VALID_MECHANISM');
    const t = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await seed(a, undefined, (tx) =>
      tx.em.update(Party, { tenantId: a.id, id: id.noDpf }, { certifications: [{ code: 'EU_US_DPF' }] }),
    );
    expect((await engagement()).data!.engagement.transferStatus).toBe('ADEQUATE');
    expect((await engagement(t)).data!.engagement.transferStatus).toBe('NO_VALID_MECHANISM');
    const now = await health(a);
    expect(now.activities.find((x) => x.activityId === id.gaps)!.transferStatus).toBe('SAFEGUARDED_NO_TIA');
  });

  it('filters activities by their computed transfer status, now and as of an instant', async () => {
    const list = (status: string, asOf?: string) =>
      gql<{ activities: { totalCount: number; edges: Array<{ node: { id: string; transferStatus: string } }> } }>(
        app,
        `query($status: TransferStatus!, $asOf: DateTime) { activities(first: 100, asOf: $asOf, filter: { transferStatus: $status }) { totalCount edges { node { id transferStatus } } } }`,
        { status, asOf },
        a.ownerToken,
      );
    const adequate = await list('ADEQUATE');
    expect(adequate.errors).toBeUndefined();
    expect(adequate.data!.activities.edges.map((e) => e.node.id)).toContain(id.clean);
    for (const edge of adequate.data!.activities.edges) expect(edge.node.transferStatus).toBe('ADEQUATE');
    const past = await list('ADEQUATE', BEFORE_DPF);
    expect(past.data!.activities.edges.map((e) => e.node.id)).not.toContain(id.clean);
    const invalid = await list('NO_VALID_MECHANISM', BEFORE_DPF);
    expect(invalid.data!.activities.edges.map((e) => e.node.id)).toContain(id.clean);
    expect(invalid.data!.activities.totalCount).toBe(invalid.data!.activities.edges.length);
  });

  it('reads the register once per request, however many activities ask', async () => {
    const tenant = await createTestTenant(app, 'Many');
    await seed(tenant, undefined, async (tx) => {
      for (let i = 0; i < 50; i++) await insertActivity(tx, randomUUID(), ids('Activity'), {});
    });
    const builder = app.get(RegisterFactsBuilder);
    const spy = jest.spyOn(builder, 'buildIn');
    try {
      const res = await gql<{
        activities: { edges: Array<{ node: { transferStatus: string | null; findings: Finding[] } }> };
      }>(
        app,
        `{ activities(first: 50) { edges { node { transferStatus findings { ruleId } } } } }`,
        {},
        tenant.ownerToken,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.activities.edges).toHaveLength(50);
      expect(
        res.data!.activities.edges.every((e) => e.node.findings.length > 0 && e.node.transferStatus === null),
      ).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("never lets another tenant's register contribute", async () => {
    const empty = await createTestTenant(app, 'Empty');
    expect(await health(empty)).toMatchObject({
      score: 0,
      activities: [],
      findings: [{ ruleId: 'R-ART30-1A-CONTROLLER-MISSING', activityId: null }],
    });
    const mine = await health(b);
    expect(mine.activities.map((x) => x.name)).toEqual(['B secret activity']);
    expect(mine.findings).toEqual([]);
    expect((await health(a)).activities.map((x) => x.name)).not.toContain('B secret activity');
    expect(codes(await gql(app, ENGAGEMENT, { id: id.eDpf }, b.ownerToken))).toEqual(['NOT_FOUND']);
  });

  it('lets viewers and auditors read health, not anonymous callers', async () => {
    for (const role of [Role.VIEWER, Role.AUDITOR]) {
      const token = await a.tokenFor(role, role === Role.AUDITOR ? new Date(Date.now() + 86_400_000) : null);
      expect((await health(a, {}, token)).activities).toHaveLength(2);
    }
    expect(codes(await gql(app, HEALTH, {}))).toEqual(['UNAUTHENTICATED']);
  });

  async function seed(tenant: TestTenant, effectiveAt: Date | undefined, work: (tx: TenantTx) => Promise<unknown>) {
    const principal: Principal = {
      tenantId: tenant.id,
      tenantSlug: tenant.slug,
      role: Role.OWNER,
      kind: 'user',
      actorId: tenant.id,
      actorLabel: 'import',
    };
    await app.get(RegisterWriter).write(principal, work, effectiveAt ? { effectiveAt } : {});
  }
});

function insertParty(tx: TenantTx, id: string, name: string, roles: string[], extra: Partial<Party> = {}) {
  return tx.em.insert(Party, { tenantId: tx.tenantId, id, name, roles, ...extra } as Party);
}

function insertEngagement(tx: TenantTx, id: string, vendorId: string, purpose: string, extra: Partial<Engagement>) {
  return tx.em.insert(Engagement, { tenantId: tx.tenantId, id, vendorId, purpose, ...extra } as Engagement);
}

function insertActivity(tx: TenantTx, id: string, name: string, extra: Partial<Activity>) {
  return tx.em.insert(Activity, {
    tenantId: tx.tenantId,
    id,
    name,
    role: 'controller',
    status: 'active',
    reviewDate: '2099-01-01',
    ...extra,
  } as Activity);
}

function purpose(description: string, legalBasis: string) {
  return {
    id: randomUUID(),
    description,
    legalBasis,
    legalReference: null,
    liaReference: null,
    liaDate: null,
    consentMechanism: null,
    consentWithdrawal: null,
    directMarketing: null,
  };
}
