import { registerEnumType } from '@nestjs/graphql';
import type { Labels, Lang } from '#gdpr';
import type { DeflatedFile } from './writers/zip-writer.js';

export enum ExportFormat {
  CSV = 'csv',
  XLSX = 'xlsx',
  PDF = 'pdf',
  JSON = 'json',
}
registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'CSV: one file per table (zipped); XLSX: a cover sheet and one sheet per table; PDF: a report; JSON.',
});

export enum ExportLayout {
  ART30 = 'art30',
  ICO = 'ico',
  CNIL = 'cnil',
}
registerEnumType(ExportLayout, {
  name: 'ExportLayout',
  description:
    "ART30: every field (imports back); ICO: the UK ICO controller template's columns; CNIL: the CNIL per-activity record.",
});

export type ExportChannel = 'graphql' | 'http' | 'cli';

/** One value of a table: lists stay lists (JSON keeps them; CSV and XLSX join them with "; "). */
export type Cell = string | number | boolean | null | readonly string[];

export interface Column<R> {
  /** Stable machine name (JSON keys, import headers). */
  key: string;
  label: Labels;
  /** Width in characters in XLSX. */
  width?: number;
  get: (row: R) => Cell;
}

/** A table as writers see it: headers in the export's language and a lazy stream of rows. */
export interface ExportTable {
  name: string;
  title: string;
  keys: string[];
  headers: string[];
  widths: number[];
  rows: () => AsyncIterable<Cell[]>;
  /** The whole CSV file, already deflated (a CSV export spools its activity tables so): zipped as it is. */
  deflatedCsv?: () => Promise<DeflatedFile>;
}

/** The header block of Art. 30(1)(a) / 30(2)(a). */
export interface HeaderBlock {
  organisation: string | null;
  contact: string | null;
  representative: string | null;
  dpo: string | null;
}

/** What every file of an export says about itself. */
export interface ExportMeta {
  exportId: string;
  tenant: { id: string; slug: string; name: string };
  layout: ExportLayout;
  format: ExportFormat;
  lang: Lang;
  asOf: Date;
  generatedAt: Date;
  generatedBy: string;
  history: { length: number; headHash: string | null };
}

/** A PDF section: one activity (or subprocessor) as label/value pairs. */
export interface RecordSection {
  title: string;
  fields: Array<{ label: string; value: string }>;
}

export interface ExportDocument {
  meta: ExportMeta;
  header: HeaderBlock;
  tables: ExportTable[];
  /** For the PDF: one section per activity, then the subprocessors and the findings. */
  sections: () => AsyncIterable<{ group: string; record: RecordSection }>;
  /** How many activities the sections hold (the PDF sizes its table of contents). */
  sectionCount: number;
  /** Removes what the export spooled to disk. */
  dispose: () => Promise<void>;
}

export const t = (labels: Labels, lang: Lang): string => labels[lang];
