import type { Lang } from '#gdpr';
import type { Activity } from '#register';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import {
  type Cell,
  type Column,
  type ExportDocument,
  ExportFormat,
  ExportLayout,
  type ExportMeta,
  type ExportTable,
  type RecordSection,
} from '../reports.types.js';
import {
  activitiesTable,
  art9Table,
  controllersTable,
  purposesTable,
  recipientsTable,
  retentionTable,
  transfersTable,
} from './art30-activities.columns.js';
import {
  cookiesTable,
  dataCategoriesTable,
  engagementsTable,
  headerBlock,
  organisationTable,
  partiesTable,
  productsTable,
} from './art30-register.columns.js';
import { cnilColumns, cnilTable } from './cnil.layout.js';
import { findingsTable, processorRegisterTable } from './findings.columns.js';
import { icoTable } from './ico.layout.js';
import { country, label, statusLabel } from './labels.js';
import { ActivitySpool } from './activity-spool.js';
import { materialise, type TableSpec } from './table-spec.js';

/** The tables of each layout, in the order files and sheets come. */
function tableSpecs(layout: ExportLayout, reader: RegisterSnapshotReader, lang: Lang): Array<TableSpec<never>> {
  const header = headerBlock(reader);
  const specs: unknown[] =
    layout === ExportLayout.ICO
      ? [organisationTable(header, lang), icoTable(reader, lang)]
      : layout === ExportLayout.CNIL
        ? [organisationTable(header, lang), cnilTable(reader, lang), engagementsTable(reader)]
        : [
            organisationTable(header, lang),
            partiesTable,
            productsTable,
            dataCategoriesTable,
            engagementsTable(reader),
            activitiesTable(reader),
            purposesTable,
            controllersTable(reader),
            recipientsTable(reader),
            transfersTable(reader),
            retentionTable,
            art9Table,
            cookiesTable(reader),
            processorRegisterTable(reader, lang),
            findingsTable(reader, lang),
          ];
  // Each table has its own row type; materialise() keeps a table's rows and columns together.
  return specs as Array<TableSpec<never>>;
}

export function cellText(value: Cell, separator = '; '): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(separator);
  return String(value);
}

/** The register as one document of a layout, ready for any writer. */
export async function buildDocument(reader: RegisterSnapshotReader, meta: ExportMeta): Promise<ExportDocument> {
  const { layout, lang } = meta;
  const spool = new ActivitySpool(reader, meta.format === ExportFormat.CSV ? 'csv' : 'json');
  const tables: ExportTable[] = tableSpecs(layout, reader, lang).map((spec) => materialise(spec, reader, lang, spool));
  const recordColumns = layout === ExportLayout.ICO ? icoTable(reader, lang).columns : cnilColumns(reader, lang);
  return {
    meta,
    header: headerBlock(reader),
    tables,
    sectionCount: await reader.count('activities'),
    sections: () => sections(reader, lang, recordColumns),
    dispose: () => spool.dispose(),
  };
}

async function* sections(
  reader: RegisterSnapshotReader,
  lang: Lang,
  columns: Array<Column<Activity>>,
): AsyncIterable<{ group: string; record: RecordSection }> {
  const activities = lang === 'nl' ? 'Verwerkingsactiviteiten' : 'Processing activities';
  for await (const a of reader.activities()) {
    yield {
      group: activities,
      record: {
        title: a.name,
        fields: columns.map((c) => ({ label: c.label[lang], value: cellText(c.get(a), '\n') })),
      },
    };
  }
  const subprocessors = lang === 'nl' ? 'Subverwerkers' : 'Subprocessors';
  for (const e of reader.engagementsSorted()) {
    const fields: Array<[string, string, string | null]> = [
      ['Doel', 'Purpose', e.purpose],
      ['Status', 'Status', e.status],
      ['Verwerkingslocaties', 'Processing locations', e.processingLocations.map((c) => country(c, lang)).join(', ')],
      ['Toegang vanuit', 'Access locations', e.accessLocations.map((c) => country(c, lang)).join(', ')],
      ['Doorgiftemechanisme', 'Transfer mechanism', label(e.transferMechanism, lang)],
      ['Doorgiftestatus', 'Transfer status', statusLabel(reader.engagementStatus(e), lang)],
      ['Verwerkersovereenkomst', 'DPA', [e.dpaReference, e.dpaSignedOn].filter(Boolean).join(', ')],
    ];
    yield {
      group: subprocessors,
      record: {
        title: reader.partyName(e.vendorId) ?? e.purpose,
        fields: fields.map(([nl, en, value]) => ({ label: lang === 'nl' ? nl : en, value: value ?? '' })),
      },
    };
  }
  const findings: RecordSection['fields'] = reader
    .registerFindings()
    .map((f) => ({ label: `${f.severity} · ${f.ruleId}`, value: f.message[lang] }));
  for await (const a of reader.activities()) {
    if (a.status === 'retired') continue;
    for (const f of reader.health(a).findings)
      findings.push({
        label: `${f.severity} · ${a.name}`,
        value: [f.message[lang], f.detail?.[lang]].filter(Boolean).join(' — '),
      });
    if (findings.length > 2000) break; // a report, not a dump: the full list is in the other formats
  }
  yield {
    group: lang === 'nl' ? 'Registercontrole' : 'Register health',
    record: { title: lang === 'nl' ? 'Bevindingen' : 'Findings', fields: findings },
  };
}
