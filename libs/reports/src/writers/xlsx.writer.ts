import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportDocument } from '../reports.types.js';
import { coverLines } from './cover.js';

/**
 * XLSX through exceljs's streaming writer: each row is committed as it is written, so a sheet of
 * 100,000 rows never sits in memory. A cover sheet, then one sheet per table with a frozen,
 * filterable header row and column widths set per column. Cell styles are off: with them,
 * exceljs registers a style for every cell written and a large export takes 2.5 times as long
 * (measured: 2,000 activities, 12.7 s against 5.2 s); the header is told apart by being frozen
 * and filterable.
 */
export async function writeXlsx(doc: ExportDocument, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  workbook.creator = 'art30';
  workbook.created = doc.meta.generatedAt;

  const cover = workbook.addWorksheet(doc.meta.lang === 'nl' ? 'Voorblad' : 'Cover');
  cover.columns = [{ width: 36 }, { width: 90 }];
  const lines = coverLines(doc);
  cover.addRow([lines.title]).commit();
  cover.addRow([]);
  for (const [name, value] of lines.fields) cover.addRow([name, value]).commit();
  cover.addRow([]);
  cover.addRow([lines.tablesHeading]).commit();
  for (const table of doc.tables) cover.addRow([sheetName(table.name), table.title]).commit();
  cover.commit();

  for (const table of doc.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.name), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = table.headers.map((header, i) => ({ header, key: table.keys[i], width: table.widths[i] }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
    sheet.getRow(1).commit();
    let written = 0;
    for await (const row of table.rows()) {
      sheet.addRow(row.map((v) => (Array.isArray(v) ? v.join('; ') : v))).commit();
      // exceljs buffers what the zip has not taken yet and applies no backpressure: let the
      // compressor run, and wait while the output is full, or a large sheet piles up in memory.
      if (++written % 500 === 0) await drained(out);
    }

    sheet.commit();
  }
  await workbook.commit();
}

async function drained(out: Writable): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (out.writableNeedDrain) await once(out, 'drain');
}

/** Sheet names: at most 31 characters (the table names are short already). */
export function sheetName(name: string): string {
  return name.slice(0, 31);
}
