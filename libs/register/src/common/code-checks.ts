import { AppError } from '#core';
import { normalizeCountryCode } from '#gdpr';

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** International organisations that can be a transfer destination (Art. 45: the EPO decision). */
const ORGANISATIONS = new Set(['EPO']);

/** A country as stored: ISO 3166-1 alpha-2 upper case (EL read as GR, UK as GB), or 'EPO'. */
export function checkCountry(field: string, value: string): string {
  const code = normalizeCountryCode(value.trim().toUpperCase());
  const known = ORGANISATIONS.has(code) || (/^[A-Z]{2}$/.test(code) && REGIONS.of(code) !== undefined);
  if (!known)
    throw AppError.badInput(
      field,
      `"${value}" is not a known country: use its ISO 3166-1 alpha-2 code, e.g. NL or US.`,
    );
  return code;
}

export function checkCountries(field: string, values: readonly string[]): string[] {
  return [...new Set(values.map((value, i) => checkCountry(`${field}[${i}]`, value)))];
}

/** A reference code (legal basis, mechanism, TOM …) must be one the reference data knows. */
export function checkCode(field: string, value: string, known: ReadonlySet<string>, what: string): string {
  if (!known.has(value)) {
    const examples = [...known].slice(0, 4).join(', ');
    throw AppError.badInput(field, `"${value}" is not a known ${what} (for example ${examples}).`);
  }
  return value;
}

export function checkCodes(
  field: string,
  values: readonly string[],
  known: ReadonlySet<string>,
  what: string,
): string[] {
  return [...new Set(values.map((value, i) => checkCode(`${field}[${i}]`, value, known, what)))];
}

/** Postgres' foreign-key violation, raised when a row is still referenced. */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23503';
}
