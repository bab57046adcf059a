import {
  activitiesTable,
  art9Table,
  controllersTable,
  purposesTable,
  recipientsTable,
  retentionTable,
  transfersTable,
} from '../layouts/art30-activities.columns.js';
import {
  dataCategoriesTable,
  engagementsTable,
  partiesTable,
  productsTable,
} from '../layouts/art30-register.columns.js';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import type { Column } from '../reports.types.js';
import { bool, countryCode, int, keyedRows, list, LOOKUP, type Origin, Problems, text } from './import-cells.js';
import type { Sheet } from './import-parser.js';
import { type ImportPlan, locateIn, type PlannedRecord } from './import-plan.js';

// The column definitions of the export are the import's too (a header may be the key or the
// label in either language); the reader is never asked for anything when only columns are read.
const NONE = null as unknown as RegisterSnapshotReader;
const cols = (spec: { columns: Array<Column<never>> }) => spec.columns as Array<Column<never>>;
const COLUMNS = {
  parties: cols(partiesTable as never),
  products: cols(productsTable as never),
  data_categories: cols(dataCategoriesTable as never),
  engagements: cols(engagementsTable(NONE) as never),
  activities: cols(activitiesTable(NONE) as never),
  purposes: cols(purposesTable as never),
  controllers: cols(controllersTable(NONE) as never),
  recipients: cols(recipientsTable(NONE) as never),
  transfers: cols(transfersTable(NONE) as never),
  retention: cols(retentionTable as never),
  art9_conditions: cols(art9Table as never),
};

/** Is this art30's own layout? A sheet (or CSV file) named after one of its tables. */
export function isArt30(sheets: Sheet[]): boolean {
  return sheets.some((s) => ['activities', 'parties', 'engagements'].includes(s.name));
}

type Row = { values: Map<string, string>; origin: Origin };

export function planArt30(sheets: Sheet[]): ImportPlan {
  const problems = new Problems();
  const rows = (name: keyof typeof COLUMNS): Row[] => {
    const sheet = sheets.find((s) => s.name === name);
    return sheet ? keyedRows(sheet, COLUMNS[name]) : [];
  };
  const records: PlannedRecord[] = [];
  const seen = new Map<string, Set<string>>();
  const keyOf = (table: string, row: Row): string | null => {
    const key = text(row.values.get('key'));
    if (!key) {
      problems.add(row.origin, 'key', 'A key is required: it is how rows are matched on a later import.');
      return null;
    }
    const keys = seen.get(table) ?? seen.set(table, new Set()).get(table)!;
    if (keys.has(key)) {
      problems.add(row.origin, 'key', `Key "${key}" is used by another row of this sheet.`);
      return null;
    }
    keys.add(key);
    return key;
  };
  const required = (row: Row, column: string): string => {
    const value = text(row.values.get(column));
    if (!value) problems.add(row.origin, column, 'This field is required.');
    return value ?? '';
  };
  const country = (row: Row, column: string, value: string | null) => {
    if (!value) return null;
    const code = countryCode(value);
    if (!code) problems.add(row.origin, column, `"${value}" is not a known country.`);
    return code ?? value;
  };

  for (const row of rows('data_categories')) {
    const key = keyOf('data_categories', row);
    if (!key) continue;
    const v = row.values;
    const input = {
      code: required(row, 'code'),
      labelNl: required(row, 'labelNl'),
      labelEn: required(row, 'labelEn'),
      special: bool(v.get('special'), problems, row.origin, 'special') ?? false,
      criminal: bool(v.get('criminal'), problems, row.origin, 'criminal') ?? false,
      description: text(v.get('description')),
      externalKey: key,
    };
    records.push({
      table: 'data_categories',
      key,
      origin: row.origin,
      build: () => input,
      locate: locateIn(row.origin),
    });
  }

  for (const row of rows('parties')) {
    const key = keyOf('parties', row);
    if (!key) continue;
    const v = row.values;
    let certifications: unknown[] = [];
    const certs = text(v.get('certifications'));
    if (certs) {
      try {
        const parsed: unknown = JSON.parse(certs);
        if (!Array.isArray(parsed)) throw new Error('not a list');
        certifications = parsed;
      } catch {
        problems.add(row.origin, 'certifications', 'Certifications must be a JSON list, e.g. [{"code":"EU_US_DPF"}].');
      }
    }
    const input: Record<string, unknown> = {
      name: required(row, 'name'),
      roles: list(v.get('roles')),
      isPublicAuthority: bool(v.get('isPublicAuthority'), problems, row.origin, 'isPublicAuthority') ?? false,
      staffCount: int(v.get('staffCount'), problems, row.origin, 'staffCount'),
      certifications,
      country: country(row, 'country', text(v.get('country'))),
      externalKey: key,
    };
    for (const f of [
      'legalForm',
      'registrationNumber',
      'street',
      'postalCode',
      'city',
      'contactName',
      'contactEmail',
      'contactPhone',
      'dpoName',
      'dpoEmail',
      'dpoPhone',
      'website',
      'description',
    ])
      input[f] = text(v.get(f));
    records.push({ table: 'parties', key, origin: row.origin, build: () => input, locate: locateIn(row.origin) });
  }

  for (const row of rows('products')) {
    const key = keyOf('products', row);
    if (!key) continue;
    const v = row.values;
    const input = {
      name: required(row, 'name'),
      description: text(v.get('description')),
      website: text(v.get('website')),
      externalKey: key,
    };
    records.push({ table: 'products', key, origin: row.origin, build: () => input, locate: locateIn(row.origin) });
  }

  // Engagements under another come after it.
  const engagements = rows('engagements');
  const order = (row: Row) => (text(row.values.get('parent')) ? 1 : 0);
  for (const row of [...engagements].sort((a, b) => order(a) - order(b))) {
    const key = keyOf('engagements', row);
    if (!key) continue;
    const v = row.values;
    const vendor = required(row, 'vendor');
    const parent = text(v.get('parent'));
    const products = list(v.get('products'));
    const fixed: Record<string, unknown> = {
      purpose: required(row, 'purpose'),
      description: text(v.get('description')),
      status: text(v.get('status')) ?? 'active',
      dataCategoryCodes: list(v.get('dataCategoryCodes')),
      processingLocations: list(v.get('processingLocations')).map((c) => country(row, 'processingLocations', c)),
      accessLocations: list(v.get('accessLocations')).map((c) => country(row, 'accessLocations', c)),
      externalKey: key,
    };
    for (const f of [
      'transferMechanism',
      'tiaReference',
      'tiaReviewDate',
      'supplementaryMeasures',
      'dpaSignedOn',
      'dpaReference',
      'startedOn',
      'endedOn',
    ])
      fixed[f] = text(v.get(f));
    records.push({
      table: 'engagements',
      key,
      origin: row.origin,
      build: (ref) => ({
        ...fixed,
        vendorId: ref('parties', vendor, row.origin, 'vendor'),
        parentEngagementId: parent ? ref('engagements', parent, row.origin, 'parent') : null,
        productIds: products.map((p) => ref('products', p, row.origin, 'products')),
      }),
      locate: locateIn(row.origin),
    });
  }

  const children = (
    name: 'purposes' | 'controllers' | 'recipients' | 'transfers' | 'retention' | 'art9_conditions',
  ) => {
    const byActivity = new Map<string, Row[]>();
    for (const row of rows(name)) {
      const activity = text(row.values.get('activity'));
      if (!activity) {
        problems.add(row.origin, 'activity', 'Name the activity (its key) this row belongs to.');
        continue;
      }
      (byActivity.get(activity) ?? byActivity.set(activity, []).get(activity)!).push(row);
    }
    return byActivity;
  };
  const purposes = children('purposes');
  const controllers = children('controllers');
  const recipients = children('recipients');
  const transfers = children('transfers');
  const retention = children('retention');
  const art9 = children('art9_conditions');
  const activityKeys = new Set<string>();

  for (const row of rows('activities')) {
    const key = keyOf('activities', row);
    if (!key) continue;
    activityKeys.add(key);
    const v = row.values;
    const b = (column: string) => bool(v.get(column), problems, row.origin, column);
    const childOrigins = new Map<string, Origin>();
    const items = (map: Map<string, Row[]>, field: string) =>
      (map.get(key) ?? []).map((r, i) => {
        childOrigins.set(`${field}[${i}]`, r.origin);
        return r;
      });
    const purposeRows = items(purposes, 'purposes');
    const controllerRows = items(controllers, 'controllers');
    const recipientRows = items(recipients, 'recipients');
    const transferRows = items(transfers, 'transfers');
    const retentionRows = items(retention, 'retention');
    const art9Rows = items(art9, 'art9Conditions');
    for (const r of purposeRows) {
      const basis = text(r.values.get('legalBasis'));
      if (basis && !LOOKUP.art6(basis))
        problems.add(r.origin, 'legalBasis', `"${basis}" is not a known legal basis (Art. 6(1)), e.g. ART6_1_B.`);
      if (!text(r.values.get('description'))) problems.add(r.origin, 'description', 'This field is required.');
    }
    const automated = b('automatedDecisionExists');
    const dpiaRequired = b('dpiaRequired');
    const art10 = text(v.get('art10Code'));
    const fixed = {
      name: required(row, 'name'),
      role: required(row, 'role'),
      status: text(v.get('status')) ?? 'draft',
      description: text(v.get('description')),
      department: text(v.get('department')),
      reviewDate: text(v.get('reviewDate')),
      startedOn: text(v.get('startedOn')),
      dataSubjectCodes: list(v.get('dataSubjectCodes')),
      dataCategoryCodes: list(v.get('dataCategoryCodes')),
      sources: list(v.get('sources')),
      sourceDescription: text(v.get('sourceDescription')),
      art10Basis: art10 ? { code: art10, legalReference: text(v.get('art10LegalReference')) } : null,
      automatedDecision:
        automated === null
          ? null
          : {
              exists: automated,
              description: text(v.get('automatedDecisionDescription')),
              legalOrSimilarEffect: b('automatedDecisionLegalEffect') ?? false,
              exception: text(v.get('automatedDecisionException')),
              profiling: b('automatedDecisionProfiling') ?? false,
            },
      dpia:
        dpiaRequired === null && !text(v.get('dpiaStatus')) && !text(v.get('dpiaReference'))
          ? null
          : { required: dpiaRequired, status: text(v.get('dpiaStatus')), reference: text(v.get('dpiaReference')) },
      tomCodes: list(v.get('tomCodes')),
      securityDescription: text(v.get('securityDescription')),
      informationSocietyService: b('informationSocietyService'),
      likelyRisk: b('likelyRisk'),
      occasional: b('occasional'),
      externalKey: key,
      purposes: purposeRows.map((r, i) => ({
        id: text(r.values.get('id')) ?? `p${i + 1}`,
        description: text(r.values.get('description')) ?? '',
        legalBasis: text(r.values.get('legalBasis'))
          ? (LOOKUP.art6(r.values.get('legalBasis')!) ?? r.values.get('legalBasis'))
          : null,
        legalReference: text(r.values.get('legalReference')),
        liaReference: text(r.values.get('liaReference')),
        liaDate: text(r.values.get('liaDate')),
        consentMechanism: text(r.values.get('consentMechanism')),
        consentWithdrawal: text(r.values.get('consentWithdrawal')),
        directMarketing: bool(r.values.get('directMarketing'), problems, r.origin, 'directMarketing'),
      })),
      retention: retentionRows.map((r, i) => ({
        id: text(r.values.get('id')) ?? `r${i + 1}`,
        dataCategoryCode: text(r.values.get('dataCategoryCode')),
        duration: text(r.values.get('duration')),
        trigger: text(r.values.get('trigger')),
        action: text(r.values.get('action')),
        justification: text(r.values.get('justification')),
        legalReference: text(r.values.get('legalReference')),
        criterion: text(r.values.get('criterion')),
      })),
      art9Conditions: art9Rows.map((r) => ({
        code: required(r, 'code'),
        legalReference: text(r.values.get('legalReference')),
        explicitConsent: bool(r.values.get('explicitConsent'), problems, r.origin, 'explicitConsent'),
      })),
    };
    const recipientValues = recipientRows.map((r, i) => ({
      row: r,
      id: text(r.values.get('id')) ?? `rc${i + 1}`,
      kind: required(r, 'kind'),
      name: text(r.values.get('name')),
      country: country(r, 'country', text(r.values.get('country'))),
      description: text(r.values.get('description')),
      dpaReference: text(r.values.get('dpaReference')),
      party: text(r.values.get('party')),
    }));
    const transferValues = transferRows.map((r, i) => ({
      row: r,
      id: text(r.values.get('id')) ?? `t${i + 1}`,
      country: country(r, 'country', required(r, 'country')),
      recipientId: text(r.values.get('recipientId')),
      party: text(r.values.get('party')),
      mechanism: text(r.values.get('mechanism')),
      tiaReference: text(r.values.get('tiaReference')),
      tiaReviewDate: text(r.values.get('tiaReviewDate')),
      supplementaryMeasures: text(r.values.get('supplementaryMeasures')),
      saNotifiedAt: text(r.values.get('saNotifiedAt')),
      safeguardReference: text(r.values.get('safeguardReference')),
      description: text(r.values.get('description')),
    }));
    const refs = {
      products: list(v.get('products')),
      engagements: list(v.get('engagements')),
      joint: list(v.get('jointControllers')),
    };
    records.push({
      table: 'activities',
      key,
      origin: row.origin,
      build: (ref) => ({
        ...fixed,
        productIds: refs.products.map((k) => ref('products', k, row.origin, 'products')),
        engagementIds: refs.engagements.map((k) => ref('engagements', k, row.origin, 'engagements')),
        jointControllerIds: refs.joint.map((k) => ref('parties', k, row.origin, 'jointControllers')),
        controllers: controllerRows.map((r) => ({
          partyId: ref('parties', required(r, 'party'), r.origin, 'party'),
          processingCategories: text(r.values.get('processingCategories')),
          dpaReference: text(r.values.get('dpaReference')),
          authorisation: text(r.values.get('authorisation')),
        })),
        recipients: recipientValues.map(({ row: r, party, ...rest }) => ({
          ...rest,
          partyId: party ? ref('parties', party, r.origin, 'party') : null,
        })),
        transfers: transferValues.map(({ row: r, party, ...rest }) => ({
          ...rest,
          partyId: party ? ref('parties', party, r.origin, 'party') : null,
        })),
      }),
      locate: locateIn(row.origin, childOrigins),
    });
  }
  for (const map of [purposes, controllers, recipients, transfers, retention, art9])
    for (const [activity, owned] of map)
      if (!activityKeys.has(activity))
        for (const r of owned)
          problems.add(r.origin, 'activity', `No activity with key "${activity}" in sheet activities.`);
  return { layout: 'art30', records, problems };
}
