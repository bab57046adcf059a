import {
  ART6_BASES,
  ART9_CONDITIONS,
  DATA_CATEGORIES,
  DATA_SUBJECT_CATEGORIES,
  type Labels,
  normalizeCountryCode,
  RECIPIENT_KINDS,
  TOMS,
  TRANSFER_MECHANISMS,
} from '#gdpr';
import type { Column } from '../reports.types.js';
import type { Sheet } from './import-parser.js';

/** One problem of an import, where a person finds it in their file. */
export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

/** Where a planned record came from, to report problems by sheet, row and column heading. */
export interface Origin {
  sheet: string;
  row: number;
  /** Column key → the heading as written in the file. */
  headings: Map<string, string>;
}

export class Problems {
  readonly list: ImportProblem[] = [];
  add(origin: Origin, column: string, reason: string): void {
    this.list.push({ sheet: origin.sheet, row: origin.row, column: origin.headings.get(column) ?? column, reason });
  }
}

/** A sheet's rows as objects keyed by column key (headings matched in nl or en, or by key). */
export function keyedRows(
  sheet: Sheet,
  columns: ReadonlyArray<Column<never>>,
  headerIndex = 0,
): Array<{ values: Map<string, string>; origin: Origin }> {
  const header = sheet.rows[headerIndex];
  if (!header) return [];
  const byHeading = new Map<string, string>();
  for (const c of columns) {
    for (const name of [c.key, c.label.nl, c.label.en]) byHeading.set(name.trim().toLowerCase(), c.key);
  }
  const headings = new Map<string, string>();
  const keys = header.cells.map((cell) => {
    const key = byHeading.get(cell.trim().toLowerCase()) ?? null;
    if (key) headings.set(key, cell);
    return key;
  });
  return sheet.rows.slice(headerIndex + 1).map((row) => {
    const values = new Map<string, string>();
    keys.forEach((key, i) => key && values.set(key, (row.cells[i] ?? '').trim()));
    return { values, origin: { sheet: sheet.name, row: row.row, headings } };
  });
}

export const text = (v: string | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);

export function list(v: string | undefined): string[] {
  return (v ?? '')
    .split(/;|\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const TRUE = new Set(['true', 'yes', 'ja', 'y', 'j', '1', 'waar']);
const FALSE = new Set(['false', 'no', 'nee', 'n', '0', 'onwaar']);

export function bool(v: string | undefined, problems: Problems, origin: Origin, column: string): boolean | null {
  const value = text(v)?.toLowerCase();
  if (!value) return null;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  problems.add(origin, column, `"${v}" is not yes or no (true/false, ja/nee).`);
  return null;
}

export function int(v: string | undefined, problems: Problems, origin: Origin, column: string): number | null {
  const value = text(v);
  if (!value) return null;
  if (/^\d{1,9}$/.test(value)) return Number(value);
  problems.add(origin, column, `"${v}" is not a whole number.`);
  return null;
}

const REGIONS = {
  en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }),
  nl: new Intl.DisplayNames(['nl'], { type: 'region', fallback: 'none' }),
};
const COUNTRY_NAMES = new Map<string, string>();
for (let a = 65; a <= 90; a++)
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    for (const lang of ['en', 'nl'] as const) {
      const name = REGIONS[lang].of(code);
      if (name && name !== code) COUNTRY_NAMES.set(name.toLowerCase(), code);
    }
  }

/** A country by ISO code (EL and UK accepted) or by its name in English or Dutch; null if unknown. */
export function countryCode(v: string): string | null {
  const value = v.trim();
  const upper = normalizeCountryCode(value.toUpperCase());
  if (upper === 'EPO') return upper;
  if (/^[A-Z]{2}$/.test(upper) && REGIONS.en.of(upper)) return upper;
  return COUNTRY_NAMES.get(value.toLowerCase()) ?? null;
}

/** Reference items by code, by label (nl, en) and by short name, lower case. */
function lookup(items: ReadonlyArray<{ code: string; label: Labels }>, extra: Record<string, string> = {}) {
  const map = new Map<string, string>();
  for (const item of items) {
    for (const name of [item.code, item.label.nl, item.label.en]) map.set(name.toLowerCase(), item.code);
  }
  for (const [name, code] of Object.entries(extra)) map.set(name.toLowerCase(), code);
  return (v: string) => map.get(v.trim().toLowerCase()) ?? null;
}

export const LOOKUP = {
  art6: lookup(ART6_BASES, {
    '6(1)(a)': 'ART6_1_A',
    '6(1)(b)': 'ART6_1_B',
    '6(1)(c)': 'ART6_1_C',
    '6(1)(d)': 'ART6_1_D',
    '6(1)(e)': 'ART6_1_E',
    '6(1)(f)': 'ART6_1_F',
    'legitimate interest': 'ART6_1_F',
    'public task': 'ART6_1_E',
    'vital interest': 'ART6_1_D',
  }),
  art9: lookup(ART9_CONDITIONS),
  subjects: lookup(DATA_SUBJECT_CATEGORIES),
  categories: lookup(DATA_CATEGORIES),
  recipientKinds: lookup(RECIPIENT_KINDS),
  mechanisms: lookup(TRANSFER_MECHANISMS),
  toms: lookup(TOMS),
};
