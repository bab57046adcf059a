import type ExcelJS from 'exceljs';
import { AppError } from '#core';
import { unneutralise } from '../writers/csv.writer.js';
import { readZip } from '../writers/zip-reader.js';

export interface SheetRow {
  /** As a spreadsheet numbers it (the header is row 1 in art30's files). */
  row: number;
  cells: string[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
}

/** A register file as sheets of text cells: a zip of CSVs, one CSV, or an XLSX workbook. */
export async function parseRegisterFile(content: Buffer, fileName: string): Promise<Sheet[]> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.zip') || content.subarray(0, 2).toString() === 'PK') {
    const zip = readZip(content);
    if (zip && !lower.endsWith('.xlsx') && ![...zip.keys()].some((n) => n.startsWith('xl/'))) {
      return [...zip.entries()]
        .filter(([name]) => name.toLowerCase().endsWith('.csv'))
        .map(([name, data]) => ({ name: baseName(name), rows: parseCsv(data.toString('utf8')) }));
    }
    return parseXlsx(content);
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || !lower.includes('.')) {
    return [{ name: baseName(fileName), rows: parseCsv(content.toString('utf8')) }];
  }
  throw AppError.badInput('file', 'Give a .csv file, a .zip of .csv files, or an .xlsx workbook.');
}

function baseName(name: string): string {
  return (name.split('/').pop() ?? name).replace(/\.(csv|txt)$/i, '');
}

/** RFC 4180 (quotes, doubled quotes, CRLF or LF), a byte-order mark ignored, formula guards undone. */
export function parseCsv(text: string): SheetRow[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let rowStart = 1;
  const endCell = () => {
    cells.push(wasQuoted ? unneutralise(cell) : unneutralise(cell));
    cell = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c !== '')) rows.push({ row: rowStart, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowStart = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

async function parseXlsx(content: Buffer): Promise<Sheet[]> {
  // Loaded on the first workbook: exceljs adds about 30 MB to every process that imports it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw AppError.badInput('file', 'This file could not be read as an XLSX workbook.');
  }
  return workbook.worksheets.map((sheet) => {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = cellText(cell.value)));
      for (let i = 0; i < cells.length; i++) cells[i] ??= '';
      if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
    });
    return { name: sheet.name, rows };
  });
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value).trim() === '' ? '' : String(value);
}
