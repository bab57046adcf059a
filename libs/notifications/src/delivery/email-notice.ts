import { byCode, countryName, DATA_CATEGORIES, type Lang, TRANSFER_MECHANISMS } from '#gdpr';
import type { FieldDiff } from '../changes/subprocessor-change.entity.js';
import type { EventPayload } from '../outbox/event-payload.js';

export interface NoticeLinks {
  page: string;
  unsubscribe: string;
  /** Absent for a withdrawn change: there is nothing left to object to. */
  objection?: string;
}

export interface Notice {
  subject: string;
  text: string;
  html: string;
}

type Words = (typeof WORDS)[Lang];

/**
 * The email a subscriber receives about a change, in their language: what changed (the subject
 * of the change and its diff in words), when it takes effect, until when they can object and
 * where; as plain text and as HTML built from the same lines.
 */
export function renderNotice(payload: EventPayload, lang: Lang, links: NoticeLinks): Notice {
  const w = WORDS[lang];
  const { change, tenant } = payload;
  const subject = change.subject;
  const withdrawn = payload.type === 'subprocessor_change.withdrawn';
  const headline = withdrawn ? w.withdrawn(tenant.name) : w.announced(tenant.name);
  const what = w.kind[change.kind](subject.vendorName, subject.replacedVendorName ?? '');

  const facts: Array<[string, string]> = [
    [
      w.field.vendor,
      subject.vendorCountry
        ? `${subject.vendorName} (${countryName(subject.vendorCountry, lang)})`
        : subject.vendorName,
    ],
    [w.field.purpose, subject.purpose],
    [w.field.processingLocations, countries(subject.processingLocations, lang)],
  ];
  if (subject.accessLocations.length > 0)
    facts.push([w.field.accessLocations, countries(subject.accessLocations, lang)]);
  if (subject.transferMechanism) facts.push([w.field.transferMechanism, mechanism(subject.transferMechanism, lang)]);
  if (subject.dataCategoryCodes.length > 0)
    facts.push([w.field.dataCategoryCodes, categories(subject.dataCategoryCodes, lang)]);
  if (subject.productNames.length > 0) facts.push([w.field.products, subject.productNames.join(', ')]);

  const diff = change.diff.map((d) => describeDiff(d, lang, w));
  const dates: Array<[string, string]> = [
    [w.effective, date(change.effectiveAt, lang)],
    ...(withdrawn ? [] : ([[w.deadline, date(change.objectionDeadline, lang)]] as Array<[string, string]>)),
  ];
  const urgent = change.urgentReason ? w.urgent(change.urgentReason) : undefined;
  const objection = !withdrawn && links.objection ? links.objection : undefined;

  const text = [
    headline,
    '',
    what,
    ...(urgent ? ['', urgent] : []),
    ...(payload.type === 'subprocessor_change.withdrawn' && change.note ? ['', change.note] : []),
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(diff.length > 0 ? ['', `${w.changes}:`, ...diff.map((line) => `- ${line}`)] : []),
    '',
    ...dates.map(([k, v]) => `${k}: ${v}`),
    ...(objection ? ['', w.objectText, objection] : []),
    '',
    `${w.page}: ${links.page}`,
    '',
    '--',
    w.why(tenant.name),
    `${w.unsubscribe}: ${links.unsubscribe}`,
    '',
  ].join('\n');

  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(headline)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">
<h1 style="font-size: 1.3em">${esc(headline)}</h1>
<p>${esc(what)}</p>
${urgent ? `<p><strong>${esc(urgent)}</strong></p>` : ''}
<table>${facts.map(([k, v]) => `<tr><th align="left" valign="top">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
${diff.length > 0 ? `<h2 style="font-size: 1.1em">${esc(w.changes)}</h2><ul>${diff.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : ''}
<p>${dates.map(([k, v]) => `<strong>${esc(k)}:</strong> ${esc(v)}`).join('<br>')}</p>
${objection ? `<p><a href="${esc(objection)}">${esc(w.objectLink)}</a></p>` : ''}
<p><a href="${esc(links.page)}">${esc(w.page)}</a></p>
<hr><p style="font-size: 0.9em">${esc(w.why(tenant.name))} <a href="${esc(links.unsubscribe)}">${esc(w.unsubscribe)}</a></p>
</body></html>
`;
  return { subject: `${headline}: ${subject.vendorName}`, text, html };
}

function describeDiff(d: FieldDiff, lang: Lang, w: Words): string {
  const label = (w.field as Record<string, string>)[d.field] ?? d.field;
  const show = (value: unknown) => valueInWords(d.field, value, lang, w);
  if (d.before === null || d.before === undefined || (Array.isArray(d.before) && d.before.length === 0))
    return `${label}: ${w.now} ${show(d.after)}`;
  if (d.after === null || d.after === undefined || (Array.isArray(d.after) && d.after.length === 0))
    return `${label}: ${show(d.before)} ${w.removed}`;
  return `${label}: ${w.was} ${show(d.before)}, ${w.becomes} ${show(d.after)}`;
}

function valueInWords(field: string, value: unknown, lang: Lang, w: Words): string {
  if (value === null || value === undefined) return w.none;
  const list = Array.isArray(value) ? value.map(String) : undefined;
  if (list && (field === 'processingLocations' || field === 'accessLocations')) return countries(list, lang) || w.none;
  if (list && field === 'dataCategoryCodes') return categories(list, lang) || w.none;
  if (field === 'transferMechanism' && typeof value === 'string') return mechanism(value, lang);
  if (list) return list.join(', ') || w.none;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const countries = (codes: readonly string[], lang: Lang) => codes.map((c) => countryName(c, lang)).join(', ');
const categories = (codes: readonly string[], lang: Lang) =>
  codes.map((c) => byCode(DATA_CATEGORIES, c)?.label[lang] ?? c).join(', ');
const mechanism = (code: string, lang: Lang) => byCode(TRANSFER_MECHANISMS, code)?.label[lang] ?? code;

// Built once: constructing an Intl.DateTimeFormat costs about a millisecond, formatting with one microseconds.
const DATE_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }),
};

function date(iso: string, lang: Lang): string {
  return DATE_FORMATS[lang].format(new Date(iso));
}

/** HTML-escapes text (and attribute values) taken from the register or a link. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const WORDS = {
  en: {
    announced: (org: string) => `${org} announces a subprocessor change`,
    withdrawn: (org: string) => `${org} withdraws an announced subprocessor change`,
    kind: {
      added: (v: string) => `${v} will be engaged as a new subprocessor.`,
      changed: (v: string) => `The engagement of subprocessor ${v} changes.`,
      replaced: (v: string, old: string) => `${v} replaces ${old} as subprocessor.`,
      removed: (v: string) => `${v} will no longer be engaged as a subprocessor.`,
    },
    field: {
      vendor: 'Subprocessor',
      purpose: 'Purpose',
      processingLocations: 'Processing locations',
      accessLocations: 'Access from',
      transferMechanism: 'Transfer mechanism',
      dataCategoryCodes: 'Personal data',
      products: 'Products',
      description: 'Description',
      productIds: 'Products',
    },
    changes: 'What changes',
    was: 'was',
    becomes: 'becomes',
    now: 'now',
    removed: 'no longer',
    none: 'none',
    effective: 'Takes effect on',
    deadline: 'You can object until',
    urgent: (reason: string) => `This change took effect at once. Reason: ${reason}`,
    objectText: 'To object to this change, follow this link:',
    objectLink: 'Object to this change',
    page: 'Current list of subprocessors',
    why: (org: string) => `You receive this because you subscribed to subprocessor changes of ${org}.`,
    unsubscribe: 'Unsubscribe',
  },
  nl: {
    announced: (org: string) => `${org} kondigt een wijziging van subverwerkers aan`,
    withdrawn: (org: string) => `${org} trekt een aangekondigde wijziging van subverwerkers in`,
    kind: {
      added: (v: string) => `${v} wordt ingeschakeld als nieuwe subverwerker.`,
      changed: (v: string) => `De inzet van subverwerker ${v} verandert.`,
      replaced: (v: string, old: string) => `${v} vervangt ${old} als subverwerker.`,
      removed: (v: string) => `${v} wordt niet langer ingeschakeld als subverwerker.`,
    },
    field: {
      vendor: 'Subverwerker',
      purpose: 'Doel',
      processingLocations: 'Verwerkingslocaties',
      accessLocations: 'Toegang vanuit',
      transferMechanism: 'Doorgiftemechanisme',
      dataCategoryCodes: 'Persoonsgegevens',
      products: 'Producten',
      description: 'Omschrijving',
      productIds: 'Producten',
    },
    changes: 'Wat verandert',
    was: 'was',
    becomes: 'wordt',
    now: 'nu',
    removed: 'niet meer',
    none: 'geen',
    effective: 'Gaat in op',
    deadline: 'Bezwaar maken kan tot',
    urgent: (reason: string) => `Deze wijziging is direct ingegaan. Reden: ${reason}`,
    objectText: 'Wilt u bezwaar maken tegen deze wijziging? Volg deze link:',
    objectLink: 'Bezwaar maken tegen deze wijziging',
    page: 'Actuele lijst van subverwerkers',
    why: (org: string) =>
      `U ontvangt dit bericht omdat u zich hebt aangemeld voor wijzigingen van subverwerkers van ${org}.`,
    unsubscribe: 'Afmelden',
  },
} as const;
