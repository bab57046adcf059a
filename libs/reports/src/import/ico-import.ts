import { createHash } from 'node:crypto';
import { ICO_HEADINGS, ICO_KEY_HEADING, ICO_NAME_HEADING } from '../layouts/ico.layout.js';
import { countryCode, list, LOOKUP, type Origin, Problems, text } from './import-cells.js';
import type { Sheet } from './import-parser.js';
import { type ImportPlan, locateIn, type PlannedRecord } from './import-plan.js';

/** Finds the ICO template's heading row (row 9 in the ICO's own file) in the first rows of a sheet. */
export function findIcoHeader(sheets: Sheet[]): { sheet: Sheet; index: number } | null {
  for (const sheet of sheets) {
    const index = sheet.rows
      .slice(0, 20)
      .findIndex(
        (r) =>
          r.cells.some((c) => c.trim().toLowerCase() === 'purpose of processing') &&
          r.cells.some((c) => c.trim().toLowerCase() === 'business function'),
      );
    if (index >= 0) return { sheet, index };
  }
  return null;
}

/**
 * The ICO controller template: one activity per filled row. Words are matched to art30's codes
 * (a legal basis, category or measure by its code or its name in English or Dutch); a word that
 * matches nothing is a problem where art30 needs a code (legal bases, Art. 9 conditions,
 * categories, countries) and kept as text where it may be free text (recipients, measures).
 * A row is matched on a later import by its "art30 key" column, else by a key made from its
 * business function and purposes.
 */
export function planIco(sheets: Sheet[]): ImportPlan | null {
  const found = findIcoHeader(sheets);
  if (!found) return null;
  const { sheet, index } = found;
  const problems = new Problems();
  const header = sheet.rows[index]!.cells.map((c) => c.trim().toLowerCase());
  const headings = new Map<string, string>();
  const column = (heading: string) => {
    const i = header.indexOf(heading.toLowerCase());
    return i;
  };
  for (const h of [...ICO_HEADINGS, ICO_KEY_HEADING, ICO_NAME_HEADING]) if (column(h) >= 0) headings.set(h, h);
  const records: PlannedRecord[] = [];
  const keys = new Set<string>();
  for (const row of sheet.rows.slice(index + 1)) {
    const origin: Origin = { sheet: sheet.name, row: row.row, headings };
    const cell = (h: string) => {
      const i = column(h);
      return i >= 0 ? (row.cells[i] ?? '').trim() : '';
    };
    const items = (h: string) => list(cell(h));
    const purposes = items('Purpose of processing');
    if (purposes.length === 0) {
      problems.add(origin, 'Purpose of processing', 'This field is required: one purpose per line.');
      continue;
    }
    const department = text(cell('Business function'));
    const key =
      text(cell(ICO_KEY_HEADING)) ??
      `ico-${createHash('sha256')
        .update(`${department ?? ''}|${purposes.join('|')}`)
        .digest('hex')
        .slice(0, 16)}`;
    if (keys.has(key)) {
      problems.add(
        origin,
        ICO_KEY_HEADING,
        `Another row has the same key "${key}" (same business function and purposes).`,
      );
      continue;
    }
    keys.add(key);
    const codes = (h: string, find: (v: string) => string | null, what: string) =>
      items(h).flatMap((v) => {
        const code = find(v);
        if (!code) problems.add(origin, h, `"${v}" is not a known ${what}.`);
        return code ? [code] : [];
      });
    const bases = codes('Article 6 lawful basis for processing personal data', LOOKUP.art6, 'legal basis (Art. 6(1))');
    const subjects = codes('Categories of individuals', LOOKUP.subjects, 'category of data subjects');
    const categories = codes('Categories of personal data', LOOKUP.categories, 'category of personal data');
    const art9 = codes('Article 9 condition for processing special category data', LOOKUP.art9, 'Art. 9(2) condition');
    const countries = codes(
      'Names of third countries or international organisations that personal data are transferred to (if applicable)',
      countryCode,
      'country',
    );
    const safeguards = items(ICO_HEADINGS[8]);
    const toms: string[] = [];
    const security: string[] = [];
    for (const v of items(ICO_HEADINGS[10])) {
      const code = LOOKUP.toms(v);
      if (code) toms.push(code);
      else security.push(v);
    }
    const recipients = items('Categories of recipients').map((v, i) => {
      const [kindText, ...rest] = v.split(':');
      const kind = LOOKUP.recipientKinds(kindText!.trim());
      return {
        id: `rc${i + 1}`,
        kind: kind ?? 'RK_THIRD_PARTY',
        name: kind ? (text(rest.join(':')) ?? null) : v,
      };
    });
    const lia = text(cell('Link to record of legitimate interests assessment (if applicable)'));
    const consent = text(cell('Link to record of consent'));
    const automated = text(cell('Existence of automated decision-making, including profiling (if applicable)'));
    const dpiaRequired = text(cell('Data Protection Impact Assessment required?'))?.toLowerCase();
    const dpiaLink = text(cell('Link to Data Protection Impact Assessment'));
    const retention = items('Retention schedule (if possible)');
    const input = {
      name: (text(cell(ICO_NAME_HEADING)) ?? purposes[0]!).slice(0, 300),
      role: 'controller',
      status: 'active',
      department,
      purposes: purposes.map((description, i) => {
        const basis = bases.length === purposes.length ? bases[i]! : (bases[0] ?? null);
        return {
          id: `p${i + 1}`,
          description,
          legalBasis: basis,
          liaReference: basis === 'ART6_1_F' ? lia : null,
          consentMechanism: basis === 'ART6_1_A' ? consent : null,
        };
      }),
      dataSubjectCodes: subjects,
      dataCategoryCodes: categories,
      art9Conditions: art9.map((code) => ({ code })),
      recipients,
      transfers: countries.map((country, i) => ({
        id: `t${i + 1}`,
        country,
        safeguardReference: safeguards[i] ?? safeguards[0] ?? null,
      })),
      retention: retention.map((criterion, i) => ({ id: `r${i + 1}`, criterion })),
      tomCodes: toms,
      securityDescription: security.length ? security.join('\n') : null,
      sourceDescription: text(cell('The source of the personal data (if applicable)')),
      automatedDecision: automated
        ? { exists: !/^(no|nee|none|n\/a)\b/i.test(automated), description: automated }
        : null,
      dpia:
        dpiaRequired || dpiaLink
          ? { required: dpiaRequired ? /^(yes|ja|y)/.test(dpiaRequired) : null, reference: dpiaLink }
          : null,
      externalKey: key,
    };
    records.push({ table: 'activities', key, origin, build: () => input, locate: locateIn(origin) });
  }
  return { layout: 'ico', records, problems };
}
