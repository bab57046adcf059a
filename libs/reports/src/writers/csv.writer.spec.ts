import { parseCsv } from '../import/import-parser.js';
import type { Cell, ExportTable } from '../reports.types.js';
import { csvCell, csvLines, neutralise, unneutralise } from './csv.writer.js';

describe('CSV cells are safe against formula injection', () => {
  it.each(['=HYPERLINK("http://x","click")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "'=1"])(
    'neutralises %j so no spreadsheet runs it',
    (text) => {
      const cell = neutralise(text);
      expect(cell.startsWith("'")).toBe(true);
      expect(unneutralise(cell)).toBe(text);
    },
  );

  it('leaves ordinary text, numbers and booleans alone', () => {
    expect(csvCell('Payroll')).toBe('Payroll');
    expect(csvCell("it's fine")).toBe("it's fine");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['DC_NAME', 'DC_EMAIL'])).toBe('DC_NAME; DC_EMAIL');
  });

  it('quotes what needs quoting, and the importer reads back exactly what was written', async () => {
    const values: Cell[] = ['=cmd|calc', 'a, "quoted"\nline', '  padded ', "'already", '-', 'plain'];
    const table: ExportTable = {
      name: 't',
      title: 't',
      keys: values.map((_, i) => `c${i}`),
      headers: values.map((_, i) => `c${i}`),
      widths: [],
      rows: async function* () {
        yield values;
      },
    };
    let text = '';
    for await (const chunk of csvLines(table)) text += chunk;
    expect(text).not.toMatch(/(^|,)=cmd/);
    const rows = parseCsv(text);
    expect(rows[1]!.cells).toEqual(values.map((v) => v as string));
  });
});
