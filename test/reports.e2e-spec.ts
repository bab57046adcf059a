import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { Role } from '#core';
import { DemoSeeder } from '#demo';
import { readZip } from '#reports';
import { codes, createTestTenant, gql, type TestTenant, startTestApp } from '#testing';

const EXPORT = `mutation($input: ExportRegisterInput!) { exportRegister(input: $input) {
  fileName contentType size sha256 contentBase64
  manifest { exportId tenantSlug layout format locale asOf generatedBy historyLength historyHeadHash json files { name sha256 size } } } }`;
const VERIFY = `query($input: VerifyExportInput!) { verifyExport(input: $input) {
  ok recorded headInChain historyOk historyLength problems files { name ok expectedSha256 actualSha256 } } }`;
const IMPORT = `mutation($input: ImportRegisterInput!) { importRegister(input: $input) {
  dryRun layout ok rows created updated unchanged problems { sheet row column reason } } }`;
const ACTIVITIES = `{ activities(first: 100) { totalCount edges { node {
  name description department status role reviewDate startedOn externalKey
  products { name } engagements { purpose vendor { name } } jointControllers { name }
  controllers { party { name } processingCategories dpaReference authorisation }
  purposes { id description legalBasis legalReference liaReference liaDate consentMechanism consentWithdrawal directMarketing }
  dataSubjectCodes dataCategoryCodes art9Conditions { code legalReference explicitConsent } art10Basis { code legalReference }
  sources sourceDescription
  recipients { id kind party { name } name country description dpaReference }
  transfers { id country recipientId party { name } mechanism tiaReference tiaReviewDate supplementaryMeasures saNotifiedAt safeguardReference description }
  retention { id dataCategoryCode duration trigger action justification legalReference criterion }
  automatedDecision { exists description legalOrSimilarEffect exception profiling } dpia { required status reference }
  tomCodes securityDescription informationSocietyService likelyRisk occasional } } } }`;
const PARTIES = `{ parties(first: 100) { edges { node { name roles legalForm registrationNumber street postalCode city country
  contactName contactEmail contactPhone dpoName dpoEmail dpoPhone website isPublicAuthority staffCount description
  certifications { code since until reference } } } } }`;
const ENGAGEMENTS = `{ engagements(first: 100) { edges { node { purpose description status vendor { name } products { name }
  dataCategoryCodes processingLocations accessLocations transferMechanism tiaReference tiaReviewDate supplementaryMeasures
  dpaSignedOn dpaReference startedOn endedOn } } } }`;

interface Exported {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  contentBase64: string;
  manifest: {
    exportId: string;
    tenantSlug: string;
    historyLength: number;
    historyHeadHash: string | null;
    generatedBy: string;
    json: string;
    files: Array<{ name: string; sha256: string; size: number }>;
  };
}

describe('reports: exports and imports', () => {
  let app: INestApplication;
  let cradeq: string;
  let cradeqId: string;
  let other: TestTenant;

  const signIn = async (tenant: string, email: string, password: string) => {
    const res = await gql<{ signIn: { token: string; member: { id: string } } }>(
      app,
      `mutation($i: SignInInput!) { signIn(input: $i) { token } }`,
      { i: { tenant, email, password } },
    );
    return res.data!.signIn.token;
  };
  const exportRegister = async (token: string, input: Record<string, unknown>) => {
    const res = await gql<{ exportRegister: Exported }>(app, EXPORT, { input }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.exportRegister;
  };
  const files = (exported: Exported) => readZip(Buffer.from(exported.contentBase64, 'base64'))!;

  beforeAll(async () => {
    app = await startTestApp();
    await app.get(DemoSeeder).seed();
    cradeq = await signIn('cradeq', 'dpo@cradeq.demo', 'cradeq-demo-2026');
    const viewer = await gql<{ viewer: { tenant: { id: string } } }>(app, '{ viewer { tenant { id } } }', {}, cradeq);
    cradeqId = viewer.data!.viewer.tenant.id;
    other = await createTestTenant(app, 'Other');
  });
  afterAll(() => app.close());

  it('writes an XLSX (cover, one sheet per table, frozen filtered header) holding the seed activities and subprocessors', async () => {
    const exported = await exportRegister(cradeq, { format: 'XLSX', locale: 'nl' });
    expect(exported.contentType).toBe('application/zip');
    const zip = files(exported);
    const name = [...zip.keys()].find((n) => n.endsWith('.xlsx'))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(zip.get(name)! as unknown as ArrayBuffer);
    const sheetNames = workbook.worksheets.map((s) => s.name);
    expect(sheetNames[0]).toBe('Voorblad');
    expect(sheetNames).toEqual(
      expect.arrayContaining(['activities', 'engagements', 'parties', 'purposes', 'findings']),
    );
    const activities = workbook.getWorksheet('activities')!;
    expect(activities.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(activities.autoFilter).toBeTruthy();
    expect(activities.getRow(1).getCell(2).value).toBe('naam');
    const names = activities.getColumn(2).values.slice(2);
    expect(names).toEqual(
      expect.arrayContaining([
        'Levering en beheer van de Diensten en accounts',
        'Verwerking in opdracht van instellingen',
      ]),
    );
    const vendors = workbook.getWorksheet('engagements')!.getColumn(3).values.slice(2);
    expect(vendors).toEqual(expect.arrayContaining(['UpCloud', 'Ploi.io', 'Mailgun']));
    // The manifest inside the bundle names this very file with its hash.
    const manifest = JSON.parse(zip.get('manifest.json')!.toString('utf8')) as Exported['manifest'];
    expect(manifest.files).toEqual([
      { name, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: zip.get(name)!.length },
    ]);
  });

  it('writes a PDF whose text holds a contents page, the activities, the subprocessors and page numbers', async () => {
    const exported = await exportRegister(cradeq, { format: 'PDF', locale: 'en', bundle: false });
    expect(exported.contentType).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'art30-pdf-'));
    const path = join(dir, 'register.pdf');
    writeFileSync(path, Buffer.from(exported.contentBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Record of processing activities');
    expect(text).toContain('Contents');
    expect(text).toContain('Levering en beheer van de Diensten en accounts');
    expect(text).toContain('UpCloud');
    expect(text).toContain('Mailgun');
    expect(text).toMatch(/page 1 of \d+/);
    // Single files: the manifest is on record, by export id.
    const verdict = await gql<{ verifyExport: { ok: boolean; problems: string[] } }>(
      app,
      VERIFY,
      { input: { contentBase64: exported.contentBase64, exportId: exported.manifest.exportId } },
      cradeq,
    );
    expect(verdict.data!.verifyExport).toMatchObject({ ok: true, problems: [] });
  });

  it('verifies a CSV bundle against its manifest and the history, and a changed byte fails', async () => {
    const exported = await exportRegister(cradeq, { format: 'CSV' });
    const zip = files(exported);
    expect([...zip.keys()]).toEqual(
      expect.arrayContaining(['activities.csv', 'engagements.csv', 'findings.csv', 'manifest.json']),
    );
    const ok = await gql<{
      verifyExport: { ok: boolean; recorded: boolean; headInChain: boolean; historyOk: boolean };
    }>(app, VERIFY, { input: { contentBase64: exported.contentBase64 } }, cradeq);
    expect(ok.data!.verifyExport).toMatchObject({ ok: true, recorded: true, headInChain: true, historyOk: true });

    const csv = zip.get('activities.csv')!;
    const changed = Buffer.from(csv);
    changed[changed.length - 3] = changed[changed.length - 3]! ^ 1;
    const manifestJson = zip.get('manifest.json')!.toString('utf8');
    const bad = await gql<{ verifyExport: { ok: boolean; files: Array<{ ok: boolean }>; problems: string[] } }>(
      app,
      VERIFY,
      { input: { contentBase64: changed.toString('base64'), fileName: 'activities.csv', manifestJson } },
      cradeq,
    );
    expect(bad.data!.verifyExport.ok).toBe(false);
    expect(bad.data!.verifyExport.files).toEqual([expect.objectContaining({ ok: false })]);
    expect(bad.data!.verifyExport.problems[0]).toContain('was changed');
    const same = await gql<{ verifyExport: { ok: boolean } }>(
      app,
      VERIFY,
      { input: { contentBase64: csv.toString('base64'), fileName: 'activities.csv', manifestJson } },
      cradeq,
    );
    expect(same.data!.verifyExport.ok).toBe(true);
  });

  it('records every export in the history (who, what, when) and the chain still verifies', async () => {
    const exported = await exportRegister(cradeq, { format: 'JSON', layout: 'CNIL', bundle: false });
    const log = await gql<{
      registerChangelog: {
        edges: Array<{
          node: { actor: string; summary: string; changes: Array<{ entityType: string; entityId: string }> };
        }>;
      };
    }>(
      app,
      `{ registerChangelog(first: 1, entityType: EXPORT) { edges { node { actor summary changes { entityType entityId } } } } }`,
      {},
      cradeq,
    );
    const latest = log.data!.registerChangelog.edges[0]!.node;
    expect(latest.actor).toBe('dpo@cradeq.demo');
    expect(latest.changes[0]).toEqual({ entityType: 'EXPORT', entityId: exported.manifest.exportId });
    expect(latest.summary).toContain(exported.fileName);
    const doc = JSON.parse(Buffer.from(exported.contentBase64, 'base64').toString('utf8')) as {
      format: string;
      tables: Record<string, { rows: Array<Record<string, unknown>> }>;
    };
    expect(doc.format).toBe('art30-register-export');
    expect(doc.tables.cnil_records!.rows.map((r) => r.name)).toContain('Verwerking in opdracht van instellingen');
    const verify = await gql<{ verifyRegisterHistory: { ok: boolean } }>(
      app,
      '{ verifyRegisterHistory { ok } }',
      {},
      cradeq,
    );
    expect(verify.data!.verifyRegisterHistory.ok).toBe(true);
  });

  it('serves a curl-friendly HTTP download with a token or an API key, and refuses without one', async () => {
    const server = app.getHttpServer();
    const res = await request(server)
      .get('/exports/register?format=csv&layout=ico&locale=en')
      .set('authorization', `Bearer ${cradeq}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="register-ico-\d{4}-\d{2}-\d{2}\.zip"/);
    const zip = readZip(res.body as Buffer)!;
    const ico = zip.get('ico_template.csv')!.toString('utf8');
    expect(ico).toContain('Business function,Purpose of processing');
    const exportId = res.headers['x-art30-export-id'] as string;
    const manifest = await request(server)
      .get(`/exports/${exportId}/manifest`)
      .set('authorization', `Bearer ${cradeq}`);
    expect(manifest.status).toBe(200);
    expect(manifest.body.files.map((f: { name: string }) => f.name)).toContain('ico_template.csv');

    const key = await gql<{ createApiKey: { secret: string } }>(
      app,
      `mutation { createApiKey(input: { name: "auditor export", role: AUDITOR }) { secret } }`,
      {},
      cradeq,
    );
    const byKey = await request(server)
      .get('/exports/register?format=json')
      .set('authorization', `Bearer ${key.data!.createApiKey.secret}`);
    expect(byKey.status).toBe(200);
    const anonymous = await request(server).get('/exports/register?format=json');
    expect(anonymous.status).toBe(401);
    const badFormat = await request(server)
      .get('/exports/register?format=doc')
      .set('authorization', `Bearer ${cradeq}`);
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error.field).toBe('format');
  });

  it('lets an auditor export but not write or import', async () => {
    const auditor = await other.tokenFor(Role.AUDITOR);
    const exported = await exportRegister(auditor, { format: 'JSON', bundle: false });
    expect(exported.manifest.tenantSlug).toBe(other.slug);
    const write = await gql(
      app,
      `mutation { createParty(input: { name: "X", roles: [PROCESSOR] }) { id } }`,
      {},
      auditor,
    );
    expect(codes(write)).toEqual(['FORBIDDEN']);
    const imported = await gql(app, IMPORT, { input: { contentBase64: 'YQ==', fileName: 'a.csv' } }, auditor);
    expect(codes(imported)).toEqual(['FORBIDDEN']);
  });

  it("gives another tenant's viewer nothing of this register", async () => {
    const viewer = await other.tokenFor(Role.VIEWER);
    const exported = await exportRegister(viewer, { format: 'JSON', bundle: false });
    const text = Buffer.from(exported.contentBase64, 'base64').toString('utf8');
    expect(text).not.toContain('UpCloud');
    expect(text).not.toContain(cradeqId);
    const cradeqExport = await exportRegister(cradeq, { format: 'JSON', bundle: false });
    const manifest = await gql(
      app,
      `query($id: ID!) { exportManifest(id: $id) { exportId } }`,
      { id: cradeqExport.manifest.exportId },
      viewer,
    );
    expect(codes(manifest)).toEqual(['NOT_FOUND']);
    const http = await request(app.getHttpServer())
      .get(`/exports/${cradeqExport.manifest.exportId}/manifest`)
      .set('authorization', `Bearer ${viewer}`);
    expect(http.status).toBe(404);
    const verdict = await gql<{ verifyExport: { ok: boolean; recorded: boolean } }>(
      app,
      VERIFY,
      {
        input: {
          contentBase64: cradeqExport.contentBase64,
          manifestJson: cradeqExport.manifest.json,
          fileName: cradeqExport.fileName,
        },
      },
      viewer,
    );
    expect(verdict.data!.verifyExport).toMatchObject({ ok: false, recorded: false });
  });

  it('exports as of a date before and after a change that differ by exactly that change', async () => {
    const t = await createTestTenant(app, 'AsOf');
    const create = await gql<{ createParty: { id: string } }>(
      app,
      `mutation { createParty(input: { name: "Vendor A", roles: [PROCESSOR], country: "NL" }) { id } }`,
      {},
      t.ownerToken,
    );
    const id = create.data!.createParty.id;
    await new Promise((r) => setTimeout(r, 30));
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 30));
    await gql(
      app,
      `mutation($input: UpdatePartyInput!) { updateParty(input: $input) { id } }`,
      { input: { id, country: 'DE' } },
      t.ownerToken,
    );
    const after = new Date().toISOString();
    const tables = async (asOf: string) => {
      const e = await exportRegister(t.ownerToken, { format: 'JSON', bundle: false, asOf });
      return (
        JSON.parse(Buffer.from(e.contentBase64, 'base64').toString('utf8')) as {
          tables: Record<string, { rows: unknown[] }>;
        }
      ).tables;
    };
    const [a, b] = [await tables(before), await tables(after)];
    const diff: string[] = [];
    for (const name of Object.keys(a)) {
      const rowsA = a[name]!.rows.map((r) => JSON.stringify(r));
      const rowsB = b[name]!.rows.map((r) => JSON.stringify(r));
      for (const r of rowsA) if (!rowsB.includes(r)) diff.push(`${name} - ${r}`);
      for (const r of rowsB) if (!rowsA.includes(r)) diff.push(`${name} + ${r}`);
    }
    expect(diff).toHaveLength(2);
    expect(diff[0]).toMatch(/^parties - .*"country":"NL"/);
    expect(diff[1]).toMatch(/^parties \+ .*"country":"DE"/);
  });

  it('round-trips: export -> import into an empty tenant yields the same register, and importing again changes nothing', async () => {
    const exported = await exportRegister(cradeq, { format: 'XLSX', bundle: false });
    const target = await createTestTenant(app, 'Imported');
    const input = { contentBase64: exported.contentBase64, fileName: exported.fileName };
    const dry = await gql<{ importRegister: { ok: boolean; created: number; problems: unknown[] } }>(
      app,
      IMPORT,
      { input },
      target.ownerToken,
    );
    expect(dry.errors).toBeUndefined();
    expect(dry.data!.importRegister).toMatchObject({ ok: true, problems: [] });
    const stillEmpty = await gql<{ activities: { totalCount: number } }>(
      app,
      '{ activities { totalCount } }',
      {},
      target.ownerToken,
    );
    expect(stillEmpty.data!.activities.totalCount).toBe(0);

    const real = await gql<{ importRegister: { ok: boolean; created: number; dryRun: boolean } }>(
      app,
      IMPORT,
      { input: { ...input, dryRun: false } },
      target.ownerToken,
    );
    expect(real.data!.importRegister).toMatchObject({ ok: true, dryRun: false });
    expect(real.data!.importRegister.created).toBeGreaterThan(10);

    for (const query of [ACTIVITIES, PARTIES, ENGAGEMENTS]) {
      const source = (await gql(app, query, {}, cradeq)).data as Record<
        string,
        { edges: Array<{ node: Record<string, unknown> }> }
      >;
      const copy = (await gql(app, query, {}, target.ownerToken)).data as typeof source;
      const strip = (data: typeof source) =>
        Object.values(data)[0]!.edges.map(({ node }) => {
          const { externalKey: _key, ...rest } = node;
          return rest;
        });
      expect(strip(copy)).toEqual(strip(source));
    }

    const again = await gql<{ importRegister: { ok: boolean; created: number; updated: number; unchanged: number } }>(
      app,
      IMPORT,
      { input: { ...input, dryRun: false } },
      target.ownerToken,
    );
    expect(again.data!.importRegister).toMatchObject({ ok: true, created: 0, updated: 0 });
    const history = await gql<{ registerChangelog: { chainLength: number } }>(
      app,
      '{ registerChangelog(first: 1) { chainLength } }',
      {},
      target.ownerToken,
    );
    const length = history.data!.registerChangelog.chainLength;
    await gql(app, IMPORT, { input: { ...input, dryRun: false } }, target.ownerToken);
    const after = await gql<{ registerChangelog: { chainLength: number } }>(
      app,
      '{ registerChangelog(first: 1) { chainLength } }',
      {},
      target.ownerToken,
    );
    expect(after.data!.registerChangelog.chainLength).toBe(length);
  });

  it('reports every problem of a file with sheet, row, column and reason, and changes nothing', async () => {
    const target = await createTestTenant(app, 'Problems');
    const csv = [
      'Business function,Purpose of processing,Categories of individuals,Names of third countries or international organisations that personal data are transferred to (if applicable),Article 6 lawful basis for processing personal data',
      'HR,Payroll,Employees,Narnia,Contract',
      'Sales,Newsletter,Customers,United States,Because we can',
      'IT,,Customers,NL,Contract',
    ].join('\r\n');
    const res = await gql<{
      importRegister: {
        ok: boolean;
        layout: string;
        problems: Array<{ sheet: string; row: number; column: string; reason: string }>;
      };
    }>(
      app,
      IMPORT,
      { input: { contentBase64: Buffer.from(csv).toString('base64'), fileName: 'ico.csv', dryRun: false } },
      target.ownerToken,
    );
    expect(res.errors).toBeUndefined();
    const result = res.data!.importRegister;
    expect(result.layout).toBe('ico');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sheet: 'ico',
          row: 2,
          column: expect.stringContaining('third countries'),
          reason: expect.stringContaining('not a known country'),
        }),
        expect.objectContaining({
          sheet: 'ico',
          row: 3,
          column: 'Article 6 lawful basis for processing personal data',
          reason: expect.stringContaining('legal basis'),
        }),
        expect.objectContaining({
          sheet: 'ico',
          row: 4,
          column: 'Purpose of processing',
          reason: expect.stringContaining('required'),
        }),
      ]),
    );
    const count = await gql<{ activities: { totalCount: number } }>(
      app,
      '{ activities { totalCount } }',
      {},
      target.ownerToken,
    );
    expect(count.data!.activities.totalCount).toBe(0);

    const good = csv.split('\r\n').slice(0, 1).concat('HR,Payroll,Employees,United States,Contract').join('\r\n');
    const once = await gql<{ importRegister: { ok: boolean; created: number } }>(
      app,
      IMPORT,
      { input: { contentBase64: Buffer.from(good).toString('base64'), fileName: 'ico.csv', dryRun: false } },
      target.ownerToken,
    );
    expect(once.data!.importRegister).toMatchObject({ ok: true, created: 1 });
    const twice = await gql<{ importRegister: { ok: boolean; created: number; unchanged: number } }>(
      app,
      IMPORT,
      { input: { contentBase64: Buffer.from(good).toString('base64'), fileName: 'ico.csv', dryRun: false } },
      target.ownerToken,
    );
    expect(twice.data!.importRegister).toMatchObject({ ok: true, created: 0, unchanged: 1 });
  });
});

describe('reports: exports at once in one process', () => {
  let app: INestApplication;
  beforeAll(async () => {
    // A pool of two: two exports could each hold one connection and wait for the other's forever.
    app = await startTestApp({ DATABASE_POOL_SIZE: '2' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('finishes more exports at once than the pool has connections, each recorded', async () => {
    const tenant = await createTestTenant(app);
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        gql<{ exportRegister: Exported }>(app, EXPORT, { input: { format: 'JSON' } }, tenant.ownerToken),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const ids = results.map((r) => r.data!.exportRegister.manifest.exportId);
    expect(new Set(ids).size).toBe(4);
  }, 60_000);
});
