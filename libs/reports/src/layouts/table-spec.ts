import type { Labels, Lang } from '#gdpr';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import type { Cell, Column, ExportTable } from '../reports.types.js';

/** A table of a layout: its columns and where its rows come from. */
export interface TableSpec<R> {
  name: string;
  title: Labels;
  columns: Array<Column<R>>;
  rows: (reader: RegisterSnapshotReader) => AsyncIterable<R> | Iterable<R>;
}

export function materialise<R>(spec: TableSpec<R>, reader: RegisterSnapshotReader, lang: Lang): ExportTable {
  return {
    name: spec.name,
    title: spec.title[lang],
    keys: spec.columns.map((c) => c.key),
    headers: spec.columns.map((c) => c.label[lang]),
    widths: spec.columns.map((c) => c.width ?? 18),
    rows: async function* () {
      for await (const row of spec.rows(reader)) yield spec.columns.map((c) => c.get(row));
    },
  };
}

/** Child rows of every activity, streamed with the activity they belong to. */
export async function* perActivity<T, A>(
  activities: AsyncIterable<A>,
  children: (activity: A) => readonly T[],
): AsyncIterable<{ a: A; item: T; index: number }> {
  for await (const a of activities) {
    const items = children(a);
    for (let index = 0; index < items.length; index++) yield { a, item: items[index]!, index };
  }
}

/** A column with labels in both languages. */
export function col<R>(key: string, nl: string, en: string, get: (row: R) => Cell, width?: number): Column<R> {
  return { key, label: { nl, en }, get, ...(width ? { width } : {}) };
}
