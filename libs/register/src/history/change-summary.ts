import { entityNoun, fieldName, fieldRank, fieldWords, UNTRACKED_COLUMNS, type Words } from './change-labels.js';
import type { RegisterEntityType } from './register-change.entity.js';

type Row = Record<string, unknown>;

export interface ChangeFacts {
  entityType: RegisterEntityType;
  op: 'insert' | 'update' | 'delete';
  before: Row | null;
  after: Row | null;
}

/** One changed top-level field: its API name, its words and both values (JSON values). */
export interface FieldDiff {
  field: string;
  label: Words;
  before: unknown;
  after: unknown;
}

/** Names the summaries need from elsewhere: vendors of engagements, by party id. */
export type NameLookup = ReadonlyMap<string, string>;

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function fieldDiff(type: RegisterEntityType, before: Row | null, after: Row | null): FieldDiff[] {
  const columns = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort(
    (a, b) => fieldRank(type, a) - fieldRank(type, b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return columns
    .filter((column) => !UNTRACKED_COLUMNS.has(column))
    .filter((column) => canonical(before?.[column]) !== canonical(after?.[column]))
    .map((column) => ({
      field: fieldName(column),
      label: fieldWords(type, column),
      before: before?.[column] ?? null,
      after: after?.[column] ?? null,
    }));
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** How a row is called: its name, a category's label, an engagement's vendor. */
export function entityName(type: RegisterEntityType, row: Row | null, names: NameLookup, lang: 'nl' | 'en'): string {
  if (!row) return '';
  if (type === 'data_categories') return text(row[`label_${lang}`]) ?? text(row.code) ?? '';
  if (type === 'engagements') {
    const vendor = typeof row.vendor_id === 'string' ? names.get(row.vendor_id) : undefined;
    return vendor ?? text(row.purpose) ?? '';
  }
  return text(row.name) ?? '';
}

function unique(words: Words[], lang: 'nl' | 'en'): string {
  return [...new Set(words.map((word) => word[lang]))].join(', ');
}

/**
 * A changelog line in both languages, e.g. "Subverwerker Google Workspace toegevoegd" /
 * "Subprocessor Google Workspace added", or "Activiteit X: bewaartermijn, ontvangers gewijzigd".
 */
export function summarise(change: ChangeFacts, names: NameLookup = new Map()): Words {
  const { entityType: type, op, before, after } = change;
  const noun = entityNoun(type, after ?? before);
  const line = (lang: 'nl' | 'en'): string => {
    const name = entityName(type, after ?? before, names, lang);
    const subject = name ? `${noun[lang]} ${name}` : noun[lang];
    if (type === 'register_exports')
      return lang === 'nl' ? `Register geëxporteerd: ${name}` : `Register exported: ${name}`;
    if (op === 'insert') return lang === 'nl' ? `${subject} toegevoegd` : `${subject} added`;
    if (op === 'delete') return lang === 'nl' ? `${subject} verwijderd` : `${subject} removed`;
    if (type === 'engagements' && before?.status !== 'ended' && after?.status === 'ended') {
      return lang === 'nl' ? `${subject} beëindigd` : `${subject} ended`;
    }
    const oldName = entityName(type, before, names, lang);
    const renamed =
      oldName && name && oldName !== name ? (lang === 'nl' ? ` (voorheen ${oldName})` : ` (was ${oldName})`) : '';
    const fields = unique(
      fieldDiff(type, before, after).map((d) => d.label),
      lang,
    );
    if (!fields) return lang === 'nl' ? `${subject}${renamed} gewijzigd` : `${subject}${renamed} changed`;
    return lang === 'nl' ? `${subject}${renamed}: ${fields} gewijzigd` : `${subject}${renamed}: ${fields} changed`;
  };
  return { nl: line('nl'), en: line('en') };
}
