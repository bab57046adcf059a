import type { Lang } from '#gdpr';
import type { Activity } from '#register';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import { country, joined, label, labels, yesNo } from './labels.js';
import { col, type TableSpec } from './table-spec.js';

/**
 * The UK ICO controller template (gdpr-documentation-controller-template.xlsx, sheet "Template"):
 * its 30 headings in its order, one row per controller activity, so the file pastes into the
 * template. Two columns follow the template's: art30's name and key of the activity (the import
 * matches rows by that key). The headings are the ICO's own (English) in both languages.
 */
export const ICO_HEADINGS = [
  'Business function',
  'Purpose of processing',
  'Name and contact details of joint controller (if applicable)',
  'Categories of individuals',
  'Categories of personal data',
  'Categories of recipients',
  'Link to contract with processor',
  'Names of third countries or international organisations that personal data are transferred to (if applicable)',
  'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
  'Retention schedule (if possible)',
  'General description of technical and organisational security measures (if possible)',
  'Article 6 lawful basis for processing personal data',
  'Article 9 condition for processing special category data',
  'Legitimate interests for the processing (if applicable)',
  'Link to record of legitimate interests assessment (if applicable)',
  'Rights available to individuals',
  'Existence of automated decision-making, including profiling (if applicable)',
  'The source of the personal data (if applicable)',
  'Link to record of consent',
  'Location of personal data',
  'Data Protection Impact Assessment required?',
  'Data Protection Impact Assessment progress',
  'Link to Data Protection Impact Assessment',
  'Has a personal data breach occurred?',
  'Link to record of personal data breach',
  'Data Protection Act 2018 Schedule 1 Condition for processing',
  'GDPR Article 6 lawful basis for processing',
  'Link to retention and erasure policy document',
  'Is personal data retained and erased in accordance with the policy document?',
  'Reasons for not adhering to policy document (if applicable)',
] as const;
export const ICO_KEY_HEADING = 'art30 key';
export const ICO_NAME_HEADING = 'art30 name';

const LINES = '\n';

export function retentionText(a: Activity, lang: Lang, reader?: RegisterSnapshotReader): string[] {
  return a.retention.map(
    (r) =>
      joined(
        [
          r.dataCategoryCode ? label(r.dataCategoryCode, lang, reader) : null,
          r.duration,
          r.trigger ? label(r.trigger, lang) : null,
          r.action ? label(r.action, lang) : null,
          r.criterion,
        ],
        ' · ',
      ) ?? '',
  );
}

export function icoTable(reader: RegisterSnapshotReader, lang: Lang): TableSpec<Activity> {
  const bases = (a: Activity) => [...new Set(a.purposes.map((p) => label(p.legalBasis, lang)).filter(Boolean))];
  const values: Array<(a: Activity) => string | string[] | null> = [
    (a) => a.department,
    (a) => a.purposes.map((p) => p.description),
    (a) =>
      a.jointControllerIds.map((id) => {
        const p = reader.parties.get(id);
        return joined([p?.name, p?.contactEmail, p?.contactPhone]) ?? id;
      }),
    (a) => labels(a.dataSubjectCodes, lang),
    (a) => labels(a.dataCategoryCodes, lang, reader),
    (a) =>
      a.recipients.map((r) => joined([label(r.kind, lang), r.name ?? reader.partyName(r.partyId)], ': ') ?? r.kind),
    (a) => [
      ...a.recipients.flatMap((r) => (r.dpaReference ? [r.dpaReference] : [])),
      ...a.engagementIds.flatMap((id) => {
        const e = reader.engagements.get(id);
        return e?.dpaReference ? [e.dpaReference] : [];
      }),
    ],
    (a) => [...new Set(a.transfers.map((t) => country(t.country, lang)))],
    (a) => a.transfers.flatMap((t) => (t.safeguardReference ? [t.safeguardReference] : [])),
    (a) => retentionText(a, lang, reader),
    (a) => [...labels(a.tomCodes, lang), ...(a.securityDescription ? [a.securityDescription] : [])],
    bases,
    (a) => a.art9Conditions.map((c) => label(c.code, lang)),
    (a) => a.purposes.filter((p) => p.legalBasis === 'ART6_1_F').map((p) => p.description),
    (a) => a.purposes.flatMap((p) => (p.liaReference ? [p.liaReference] : [])),
    (a) => [...new Set(reader.health(a).rights.flatMap((r) => r.rights.map((code) => label(code, lang))))],
    (a) =>
      a.automatedDecision
        ? (joined([yesNo(a.automatedDecision.exists, lang), a.automatedDecision.description], ': ') ?? null)
        : null,
    (a) => [...a.sources, ...(a.sourceDescription ? [a.sourceDescription] : [])],
    (a) => a.purposes.flatMap((p) => (p.consentMechanism ? [p.consentMechanism] : [])),
    (a) =>
      [
        ...new Set([
          ...a.engagementIds.flatMap((id) => reader.engagements.get(id)?.processingLocations ?? []),
          ...a.recipients.flatMap((r) => (r.country ? [r.country] : [])),
        ]),
      ].map((c) => country(c, lang)),
    (a) => yesNo(a.dpia?.required, lang),
    (a) => a.dpia?.status ?? null,
    (a) => a.dpia?.reference ?? null,
    () => null,
    () => null,
    (a) => joined([a.art10Basis?.legalReference, ...a.art9Conditions.map((c) => c.legalReference)], '; '),
    bases,
    (a) => a.retention.flatMap((r) => (r.legalReference ? [r.legalReference] : [])),
    () => null,
    () => null,
  ];
  const text = (v: string | string[] | null) => (Array.isArray(v) ? (v.length ? v.join(LINES) : null) : v);
  return {
    name: 'ico_template',
    title: { nl: 'ICO-sjabloon (verwerkingsverantwoordelijke)', en: 'ICO controller template' },
    fromActivity: (a) => (a.role !== 'processor' && a.status !== 'retired' ? [a] : []),
    columns: [
      ...ICO_HEADINGS.map((heading, i) =>
        col<Activity>(`ico${i + 1}`, heading, heading, (a) => text(values[i]!(a)), 28),
      ),
      col<Activity>('key', ICO_KEY_HEADING, ICO_KEY_HEADING, (a) => a.externalKey ?? a.id, 24),
      col<Activity>('name', ICO_NAME_HEADING, ICO_NAME_HEADING, (a) => a.name, 30),
    ],
  };
}
