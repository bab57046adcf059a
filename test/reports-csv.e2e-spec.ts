import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { type Principal, Role } from '#core';
import { TenantDb } from '#database';
import { ExportFormat, ExportLayout, ExportService, readZip } from '#reports';
import { Activity } from '#register';
import { createTestTenant, startTestApp, type TestTenant } from '#testing';
import { RegisterSnapshotReader } from '../libs/reports/src/exports/register-stream.js';
import { csvLine } from '../libs/reports/src/writers/csv.writer.js';
import type { Cell } from '../libs/reports/src/reports.types.js';

// The CSV export spools its activity tables as CSV lines and reads activities as one JSON text per
// row in index order (for speed): these tests hold it to what the cell-by-cell path writes and to
// what TypeORM reads.

class Collect extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Awkward values: quotes, separators, line breaks, formula starts, white space at the ends. */
function awkwardActivity(tenantId: string, i: number): Activity {
  const now = new Date('2026-03-04T05:06:07.089Z');
  return Object.assign(new Activity(), {
    tenantId,
    id: randomUUID(),
    externalKey: i === 0 ? '=KEY()' : null,
    createdAt: now,
    updatedAt: now,
    name: [`Payroll "main", NL`, ' padded name ', '@mention\nsecond line', 'b-plain', "'quoted", 'Ünïcødé\u00a0'][i]!,
    description: i % 2 ? null : `line one\r\nline "two", -3`,
    department: i % 3 ? 'HR' : '+31 20 123',
    status: i === 5 ? 'retired' : 'active',
    role: i % 2 ? 'processor' : 'controller',
    reviewDate: '2027-06-30',
    startedOn: i % 2 ? null : '2024-01-01',
    productIds: [],
    jointControllerIds: [],
    engagementIds: [],
    controllers: [
      {
        partyId: randomUUID(),
        processingCategories: 'hosting, "support"',
        dpaReference: null,
        authorisation: 'general',
      },
    ],
    purposes: [
      {
        id: randomUUID(),
        description: `-purpose ${i}`,
        legalBasis: 'ART6_1_F',
        legalReference: null,
        liaReference: 'LIA, 1',
        liaDate: '2025-01-02',
        consentMechanism: null,
        consentWithdrawal: null,
        directMarketing: i % 2 === 0,
      },
    ],
    dataSubjectCodes: ['DS_CUSTOMERS', 'DS_EMPLOYEES'],
    dataCategoryCodes: ['DC_NAME', 'DC_HEALTH'],
    art9Conditions: [{ code: 'ART9_2_A', legalReference: '=1+1', explicitConsent: true }],
    art10Basis: null,
    sources: ['data_subject'],
    sourceDescription: '\tindented',
    recipients: [
      {
        id: randomUUID(),
        kind: 'RK_THIRD_PARTY',
        partyId: null,
        name: 'Agency; "B"',
        country: 'US',
        description: null,
        dpaReference: null,
      },
    ],
    transfers: [],
    retention: [
      {
        id: randomUUID(),
        dataCategoryCode: 'DC_NAME',
        duration: 'P2Y',
        trigger: 'RT_CONTRACT_END',
        action: 'RA_DELETE',
        justification: null,
        legalReference: null,
        criterion: null,
      },
    ],
    automatedDecision:
      i === 2
        ? { exists: true, description: 'scoring, "A"', legalOrSimilarEffect: true, exception: null, profiling: true }
        : null,
    dpia: { required: true, status: 'in_progress', reference: null },
    tomCodes: ['TOM_ENCRYPTION'],
    securityDescription: null,
    informationSocietyService: null,
    likelyRisk: i === 1 ? true : null,
    occasional: false,
  });
}

describe('reports: the CSV export', () => {
  let app: INestApplication;
  let tenant: TestTenant;
  let principal: Principal;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await createTestTenant(app, 'CSV export');
    principal = {
      tenantId: tenant.id,
      tenantSlug: tenant.slug,
      role: Role.AUDITOR,
      kind: 'user',
      actorId: tenant.id,
      actorLabel: 'csv test',
    };
    await app.get(TenantDb).run(
      tenant.id,
      (tx) =>
        tx.em.insert(
          Activity,
          [0, 1, 2, 3, 4, 5].map((i) => awkwardActivity(tenant.id, i)),
        ),
      {
        actor: 'csv test',
      },
    );
  });
  afterAll(() => app.close());

  const exportAs = async (format: ExportFormat, bundle: boolean) => {
    const out = new Collect();
    await app.get(ExportService).export(principal, { format, layout: ExportLayout.ART30, channel: 'cli', bundle }, out);
    return out.bytes;
  };

  it('writes every table exactly as its cells encode, row by row (the cells as the JSON export has them)', async () => {
    const zip = readZip(await exportAs(ExportFormat.CSV, true))!;
    const json = JSON.parse((await exportAs(ExportFormat.JSON, false)).toString('utf8')) as {
      tables: Record<string, { columns: Array<{ key: string; label: string }>; rows: Array<Record<string, Cell>> }>;
    };
    const names = Object.keys(json.tables);
    expect(names).toHaveLength(15);
    for (const name of names) {
      const { columns, rows } = json.tables[name]!;
      const expected =
        '\uFEFF' +
        csvLine(columns.map((c) => c.label)) +
        rows.map((row) => csvLine(columns.map((c) => row[c.key] ?? null))).join('');
      expect({ name, csv: zip.get(`${name}.csv`)!.toString('utf8') }).toEqual({ name, csv: expected });
    }
    const activities = zip.get('activities.csv')!.toString('utf8');
    expect(activities).toContain(`"Payroll ""main"", NL"`);
    expect(activities).toContain(`'=KEY()`);
    expect(json.tables.findings!.rows.length).toBeGreaterThan(5);
  });

  it('reads activities exactly as TypeORM loads them, in name order, and leaves the planner settings as they were', async () => {
    await app.get(TenantDb).run(
      tenant.id,
      async (tx) => {
        const reader = await new RegisterSnapshotReader(tx, new Date(), false).load();
        const streamed: Activity[] = [];
        for await (const a of reader.activities()) streamed.push(a);
        const loaded = await tx.em.find(Activity, { where: { tenantId: tx.tenantId } });
        const order = (
          (await tx.em.query(`SELECT id FROM activities ORDER BY lower(name), id`)) as Array<{ id: string }>
        ).map((r) => r.id);
        expect(streamed).toHaveLength(6);
        expect(streamed).toEqual(order.map((id) => loaded.find((a) => a.id === id)));
        expect(streamed[0]!.createdAt).toBeInstanceOf(Date);
        const [setting] = (await tx.em.query(`SELECT current_setting('enable_sort') AS on`)) as Array<{ on: string }>;
        expect(setting!.on).toBe('on');
      },
      { readOnly: true, snapshot: true },
    );
  });
});
