import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { AppError } from '#core';
import type { ExportDocument } from '../reports.types.js';
import { coverLines } from './cover.js';

/** A PDF is read by people: past this many activities, XLSX or CSV serve better. */
export const PDF_MAX_ACTIVITIES = 5000;
const TOC_LINES_PER_PAGE = 40;
const MARGIN = 56;

/**
 * A readable report with pdfkit: a title page, a table of contents with page numbers, one
 * section per activity (then the subprocessors and the register-health findings) and "page x of
 * n" on every page. The table of contents precedes sections whose pages are known only once they
 * are written, so its pages are reserved first and filled in at the end (pdfkit's buffered pages).
 */
export async function writePdf(doc: ExportDocument, out: Writable): Promise<void> {
  if (doc.sectionCount > PDF_MAX_ACTIVITIES)
    throw AppError.badInput(
      'format',
      `A PDF of ${doc.sectionCount} activities would not be read: export XLSX or CSV (PDF up to ${PDF_MAX_ACTIVITIES}).`,
    );
  const nl = doc.meta.lang === 'nl';
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: coverLines(doc).title, Author: 'art30', CreationDate: doc.meta.generatedAt },
  });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    pdf.on('error', reject);
  });
  pdf.pipe(out);

  // Title page.
  const cover = coverLines(doc);
  pdf.font('Helvetica-Bold').fontSize(20).text(cover.title, { paragraphGap: 24 });
  for (const [name, value] of cover.fields) {
    pdf.font('Helvetica-Bold').fontSize(10).text(name);
    pdf.font('Helvetica').fontSize(10).text(value, { paragraphGap: 8 });
  }

  // Reserved contents pages: one line per section and per group heading.
  const tocEntries = doc.sectionCount + 64;
  const tocPages = Math.ceil(tocEntries / TOC_LINES_PER_PAGE);
  const firstTocPage = 1;
  for (let i = 0; i < tocPages; i++) pdf.addPage();

  const toc: Array<{ title: string; page: number; heading: boolean }> = [];
  let group = '';
  pdf.addPage();
  let sectionNumber = 0;
  for await (const { group: g, record } of doc.sections()) {
    if (g !== group) {
      group = g;
      if (pdf.y > MARGIN + 10) pdf.addPage();
      toc.push({ title: g, page: pageNumber(pdf), heading: true });
      pdf.outline.addItem(g);
      pdf.font('Helvetica-Bold').fontSize(16).text(g, { paragraphGap: 12 });
    }
    if (pdf.y > pdf.page.height - MARGIN - 140) pdf.addPage();
    sectionNumber += 1;
    toc.push({ title: `${sectionNumber}. ${record.title}`, page: pageNumber(pdf), heading: false });
    pdf.font('Helvetica-Bold').fontSize(13).text(`${sectionNumber}. ${record.title}`, { paragraphGap: 6 });
    for (const field of record.fields) {
      pdf.font('Helvetica-Bold').fontSize(9).text(field.label);
      pdf
        .font('Helvetica')
        .fontSize(9)
        .text(field.value || '—', { paragraphGap: 4 });
    }
    pdf.moveDown();
  }

  // The contents, now that every section's page is known.
  for (let i = 0; i < tocPages; i++) {
    pdf.switchToPage(firstTocPage + i);
    pdf.x = MARGIN;
    pdf.y = MARGIN;
    if (i === 0)
      pdf
        .font('Helvetica-Bold')
        .fontSize(16)
        .text(nl ? 'Inhoud' : 'Contents', { paragraphGap: 10 });
    for (const entry of toc.slice(i * TOC_LINES_PER_PAGE, (i + 1) * TOC_LINES_PER_PAGE)) {
      const y = pdf.y;
      const width = pdf.page.width - 2 * MARGIN - 40;
      pdf.font(entry.heading ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      pdf.text(truncate(entry.title, 90), MARGIN + (entry.heading ? 0 : 12), y, { width, lineBreak: false });
      pdf.text(String(entry.page), pdf.page.width - MARGIN - 30, y, { width: 30, align: 'right', lineBreak: false });
      pdf.x = MARGIN;
      pdf.y = y + 14;
    }
  }

  // Page numbers (written inside the bottom margin, so no page is added).
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const text = nl ? `pagina ${i + 1} van ${range.count}` : `page ${i + 1} of ${range.count}`;
    pdf
      .font('Helvetica')
      .fontSize(8)
      .text(text, MARGIN, pdf.page.height - MARGIN / 2, {
        width: pdf.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  await done;
}

function pageNumber(pdf: PDFKit.PDFDocument): number {
  const range = pdf.bufferedPageRange();
  return range.start + range.count;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
