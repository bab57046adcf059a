import type { Labels, Lang } from '#gdpr';
import type { Activity } from '#register';
import type { ActivitySpool } from './activity-spool.js';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import type { Cell, Column, ExportTable } from '../reports.types.js';
import { csvHead } from '../writers/csv.writer.js';

/** A table of a layout: its columns and where its rows come from. */
export interface TableSpec<R> {
  name: string;
  title: Labels;
  columns: Array<Column<R>>;
  /** Tables of their own (parties …): their rows. */
  rows?: (reader: RegisterSnapshotReader) => AsyncIterable<R> | Iterable<R>;
  /**
   * Tables made from the activities: the rows one activity yields. All of them are filled in one
   * pass over the activities (see ActivitySpool), however many such tables a layout has.
   */
  fromActivity?: (activity: Activity) => readonly R[];
  /** Rows before the activities' (the organisation's own findings). */
  head?: (reader: RegisterSnapshotReader) => readonly R[];
}

export function materialise<R>(
  spec: TableSpec<R>,
  reader: RegisterSnapshotReader,
  lang: Lang,
  spool: ActivitySpool,
): ExportTable {
  if (spec.fromActivity) {
    const table = header(spec, lang);
    if (spool.encoding === 'json') {
      spool.register(spec as unknown as TableSpec<never>);
      return { ...table, rows: () => spool.rows(spec.name) };
    }
    spool.register(spec as unknown as TableSpec<never>, csvHead(table.headers));
    return { ...table, rows: () => spool.rows(spec.name), deflatedCsv: () => spool.deflated(spec.name) };
  }
  return {
    ...header(spec, lang),
    rows: async function* () {
      for await (const row of spec.rows!(reader)) yield spec.columns.map((c) => c.get(row));
    },
  };
}

function header<R>(spec: TableSpec<R>, lang: Lang) {
  return {
    name: spec.name,
    title: spec.title[lang],
    keys: spec.columns.map((c) => c.key),
    headers: spec.columns.map((c) => c.label[lang]),
    widths: spec.columns.map((c) => c.width ?? 18),
  };
}

/** The items of one of an activity's lists, each with the activity it belongs to. */
export function children<T>(a: Activity, items: readonly T[]): Array<{ a: Activity; item: T; index: number }> {
  return items.map((item, index) => ({ a, item, index }));
}

/** A column with labels in both languages. */
export function col<R>(key: string, nl: string, en: string, get: (row: R) => Cell, width?: number): Column<R> {
  return { key, label: { nl, en }, get, ...(width ? { width } : {}) };
}
