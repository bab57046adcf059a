import type { Cell, ExportTable } from '../reports.types.js';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return before
 * one) as a formula: an export must never carry one (CSV injection, OWASP). Such text gets a
 * leading apostrophe, which spreadsheets show as text; a leading apostrophe that was already
 * there is doubled, so the importer can take exactly one off and get the original back.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The importer's inverse of {@link neutralise}. */
export function unneutralise(text: string): string {
  return FORMULA_START.test(text) && text.startsWith("'") ? text.slice(1) : text;
}

/** Quoted: a quote, comma or line break inside, or white space at either end (trim() would lose it). */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = neutralise(Array.isArray(value) ? value.join('; ') : (value as string));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row as a CSV line, CRLF-terminated. */
export function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += i === 0 ? csvCell(cells[i]!) : ',' + csvCell(cells[i]!);
  return line + '\r\n';
}

/**
 * What a CSV file starts with: a byte-order mark (UTF-8, so spreadsheet programs read the accents
 * right) and the header line.
 */
export function csvHead(headers: readonly string[]): string {
  return '\uFEFF' + csvLine(headers);
}

/** One table as RFC 4180 CSV (see csvHead; CRLF line ends), streamed in chunks. */
export async function* csvLines(table: ExportTable): AsyncIterable<string> {
  let chunk = csvHead(table.headers);
  for await (const row of table.rows()) {
    chunk += csvLine(row);
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}
