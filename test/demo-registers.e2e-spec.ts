import type { INestApplication } from '@nestjs/common';
import { DemoSeeder } from '#demo';
import { isEeaCountry } from '#gdpr';
import { gql, startTestApp } from '#testing';

/** The demo registers hold what the two published privacy policies say (../shared/seeds/). */
describe('demo registers', () => {
  let app: INestApplication;
  let cradeq: string;
  let connecttools: string;

  const signIn = async (tenant: string, email: string, password: string) =>
    (
      await gql<{ signIn: { token: string } }>(app, `mutation($i: SignInInput!) { signIn(input: $i) { token } }`, {
        i: { tenant, email, password },
      })
    ).data!.signIn.token;

  beforeAll(async () => {
    app = await startTestApp();
    await app.get(DemoSeeder).seed();
    cradeq = await signIn('cradeq', 'dpo@cradeq.demo', 'cradeq-demo-2026');
    connecttools = await signIn('connecttools', 'privacy@connecttools.demo', 'connecttools-demo-2026');
  });
  afterAll(() => app.close());

  type Engagements = {
    engagements: {
      totalCount: number;
      edges: Array<{
        node: { purpose: string; processingLocations: string[]; accessLocations: string[]; vendor: { name: string } };
      }>;
    };
  };
  const ENGAGEMENTS = `query($asOf: DateTime) { engagements(first: 50, asOf: $asOf) { totalCount edges { node { purpose processingLocations accessLocations vendor { name } } } } }`;

  it('gives Cradeq exactly its four subprocessors, all processing within the EEA', async () => {
    const res = await gql<Engagements>(app, ENGAGEMENTS, {}, cradeq);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.engagements.edges.map((e) => e.node);
    expect(nodes.map((n) => n.vendor.name).sort()).toEqual([
      'Google Workspace (Google Ireland Limited)',
      'Mailgun',
      'Ploi.io',
      'UpCloud',
    ]);
    for (const node of nodes) {
      expect(node.processingLocations.length).toBeGreaterThan(0);
      for (const country of [...node.processingLocations, ...node.accessLocations])
        expect([country, isEeaCountry(country)]).toEqual([country, true]);
    }
    expect(nodes.find((n) => n.vendor.name === 'UpCloud')!.purpose).toBe('Hosting van de Diensten, databaseopslag');
  });

  it('dates Google Workspace from 21-02-2022, as the changelog says', async () => {
    const before = await gql<Engagements>(app, ENGAGEMENTS, { asOf: '2022-02-20T23:59:59Z' }, cradeq);
    const after = await gql<Engagements>(app, ENGAGEMENTS, { asOf: '2022-02-21T23:59:59Z' }, cradeq);
    expect(before.data!.engagements.totalCount).toBe(3);
    expect(after.data!.engagements.totalCount).toBe(4);
    // The public change history shows the addition on that day, not notified to anyone then.
    const changes = await gql<{
      subprocessorChanges: Array<{
        kind: string;
        status: string;
        effectiveAt: string;
        subject: { vendorName: string };
      }>;
    }>(
      app,
      `{ subprocessorChanges(status: EFFECTIVE) { kind status effectiveAt subject { vendorName } } }`,
      {},
      cradeq,
    );
    expect(changes.data!.subprocessorChanges).toEqual([
      {
        kind: 'ADDED',
        status: 'EFFECTIVE',
        effectiveAt: '2022-02-21T09:00:00.000Z',
        subject: { vendorName: 'Google Workspace (Google Ireland Limited)' },
      },
    ]);
  });

  it("keeps Cradeq's retention of 180 days after the account is no longer needed, and its roles", async () => {
    const res = await gql<{
      activities: {
        edges: Array<{
          node: { name: string; role: string; retention: Array<{ duration: string | null; trigger: string | null }> };
        }>;
      };
    }>(app, `{ activities(first: 50) { edges { node { name role retention { duration trigger } } } } }`, {}, cradeq);
    const activities = res.data!.activities.edges.map((e) => e.node);
    expect(activities.map((a) => a.role)).toContain('PROCESSOR');
    expect(activities.map((a) => a.role)).toContain('CONTROLLER');
    const processor = activities.find((a) => a.role === 'PROCESSOR')!;
    expect(processor.retention).toContainEqual(
      expect.objectContaining({ duration: 'P180D', trigger: 'RT_ACCOUNT_NO_LONGER_NEEDED' }),
    );
  });

  it("lists Cradeq's five first-party, strictly necessary cookies", async () => {
    const res = await gql<{ cookies: { edges: Array<{ node: { name: string; category: string; party: string } }> } }>(
      app,
      `{ cookies(first: 50) { edges { node { name category party } } } }`,
      {},
      cradeq,
    );
    const cookies = res.data!.cookies.edges.map((e) => e.node);
    expect(cookies.map((c) => c.name).sort()).toEqual([
      'XSRF-TOKEN',
      'carbon_session',
      'core_session',
      'parallel_session',
      'remember_me_...',
    ]);
    expect(new Set(cookies.map((c) => `${c.category}/${c.party}`))).toEqual(new Set(['STRICTLY_NECESSARY/FIRST']));
  });

  it('records ConnectTools with its KvK number, its four activities and its own data category', async () => {
    const res = await gql<{
      parties: { edges: Array<{ node: { name: string; registrationNumber: string | null; city: string | null } }> };
      activities: { totalCount: number };
      dataCategories: Array<{ code: string; custom: boolean }>;
    }>(
      app,
      `{ parties(filter: { roles: [OWN_ORGANISATION] }) { edges { node { name registrationNumber city } } }
         activities { totalCount } dataCategories { code custom } }`,
      {},
      connecttools,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.parties.edges[0]!.node).toEqual({
      name: 'ConnectTools B.V.',
      registrationNumber: '59666838',
      city: 'Middelharnis',
    });
    expect(res.data!.activities.totalCount).toBe(4);
    expect(res.data!.dataCategories).toContainEqual({ code: 'DC_ORGANISATION', custom: true });
  });

  it('keeps the two demo registers apart', async () => {
    const res = await gql<Engagements>(app, ENGAGEMENTS, {}, connecttools);
    expect(res.data!.engagements.totalCount).toBe(0);
  });
});
