import type { Origin, Problems } from './import-cells.js';

export type ImportTable = 'data_categories' | 'parties' | 'products' | 'engagements' | 'activities';

/** Finds the id of a row named by key (in the file or already in the tenant); null and a problem if none. */
export type RefResolver = (table: ImportTable, key: string, origin: Origin, column: string) => string | null;

/** One row to create or update, matched by its external key. */
export interface PlannedRecord {
  table: ImportTable;
  key: string;
  origin: Origin;
  /** The service input, with the keys it names turned into ids. */
  build(ref: RefResolver): Record<string, unknown>;
  /** Where a service error's field (`input.purposes[2].legalBasis`) is in the file. */
  locate(field: string | undefined): { origin: Origin; column: string };
}

export interface ImportPlan {
  layout: 'art30' | 'ico';
  /** In the order they must be written (what a row names comes before it). */
  records: PlannedRecord[];
  problems: Problems;
}

/** The default: the record's own row, the column named by the field's last part. */
export function locateIn(origin: Origin, children: Map<string, Origin> = new Map()) {
  return (field: string | undefined): { origin: Origin; column: string } => {
    const path = (field ?? '').replace(/^input\./, '');
    const list = /^([a-zA-Z0-9]+)\[(\d+)\](?:\.([a-zA-Z0-9]+))?/.exec(path);
    if (list) {
      const child = children.get(`${list[1]}[${list[2]}]`);
      if (child) return { origin: child, column: list[3] ?? list[1]! };
      return { origin, column: list[1]! };
    }
    return { origin, column: path.split('.')[0] || '' };
  };
}
