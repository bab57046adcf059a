import { DATA_CATEGORIES, type Lang } from '#gdpr';
import type { Activity } from '#register';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import { country, joined, l, label, labels, statusLabel, yesNo } from './labels.js';
import { retentionText } from './ico.layout.js';
import { col, type TableSpec } from './table-spec.js';
import type { Column } from '../reports.types.js';

const SPECIAL: ReadonlySet<string> = new Set(DATA_CATEGORIES.filter((c) => c.special || c.criminal).map((c) => c.code));

/**
 * The CNIL "registre de base" record (fiche) per activity: name, dates, joint controller,
 * software, purposes, people, data, sensitive data yes/no, retention per category, recipients
 * (internal, external, processors), transfers outside the EU, security measures. The headings are
 * given in the export's language; the same columns make the PDF's per-activity sections.
 */
export function cnilColumns(reader: RegisterSnapshotReader, lang: Lang): Array<Column<Activity>> {
  const list = (v: string[]) => (v.length ? v : null);
  const sensitive = (a: Activity) =>
    a.dataCategoryCodes.some(
      (c) => SPECIAL.has(c) || reader.categories.get(c)?.special || reader.categories.get(c)?.criminal,
    );
  const recipients = (a: Activity, kinds: string[]) =>
    a.recipients
      .filter((r) => kinds.includes(r.kind))
      .map(
        (r) =>
          joined([r.name ?? reader.partyName(r.partyId), r.country ? country(r.country, lang) : null], ', ') ??
          label(r.kind, lang),
      );
  return [
    col('name', 'Naam van de activiteit', 'Name of the activity', (a) => a.name, 30),
    col('key', 'Referentie', 'Reference', (a) => a.externalKey ?? a.id, 20),
    col('created', 'Aangemaakt op', 'Created on', (a) => a.createdAt.toISOString().slice(0, 10), 12),
    col('updated', 'Bijgewerkt op', 'Updated on', (a) => a.updatedAt.toISOString().slice(0, 10), 12),
    col('role', 'Rol', 'Role', (a) => a.role, 12),
    col(
      'jointControllers',
      'Gezamenlijke verwerkingsverantwoordelijke',
      'Joint controller',
      (a) => list(a.jointControllerIds.map((id) => reader.partyName(id) ?? id)),
      24,
    ),
    col(
      'software',
      'Software',
      'Software',
      (a) => list(a.productIds.map((id) => reader.products.get(id)?.name ?? id)),
      20,
    ),
    col(
      'purposes',
      'Doeleinden',
      'Purposes',
      (a) =>
        list(
          a.purposes.map((p) => joined([p.description, p.legalBasis ? label(p.legalBasis, lang) : null], ' — ') ?? ''),
        ),
      40,
    ),
    col(
      'dataSubjects',
      'Categorieën betrokkenen',
      'Categories of data subjects',
      (a) => list(labels(a.dataSubjectCodes, lang)),
      30,
    ),
    col(
      'dataCategories',
      'Categorieën persoonsgegevens',
      'Categories of personal data',
      (a) => list(labels(a.dataCategoryCodes, lang, reader)),
      30,
    ),
    col('sensitive', 'Gevoelige gegevens', 'Sensitive data', (a) => yesNo(sensitive(a), lang), 10),
    col(
      'art9',
      'Uitzondering art. 9(2)',
      'Art. 9(2) condition',
      (a) => list(a.art9Conditions.map((c) => label(c.code, lang))),
      24,
    ),
    col('retention', 'Bewaartermijnen', 'Retention periods', (a) => list(retentionText(a, lang, reader)), 40),
    col(
      'internalRecipients',
      'Ontvangers intern',
      'Internal recipients',
      (a) => list(recipients(a, ['RK_INTERNAL'])),
      24,
    ),
    col(
      'externalRecipients',
      'Externe ontvangers',
      'External recipients',
      (a) => list(recipients(a, ['RK_THIRD_PARTY', 'RK_AUTHORITY'])),
      24,
    ),
    col(
      'processors',
      'Verwerkers',
      'Processors',
      (a) =>
        list([
          ...recipients(a, ['RK_PROCESSOR']),
          ...a.engagementIds.map((id) => {
            const e = reader.engagements.get(id);
            return e ? (joined([reader.partyName(e.vendorId), e.purpose], ': ') ?? id) : id;
          }),
        ]),
      30,
    ),
    col(
      'transfers',
      'Doorgiften buiten de EER',
      'Transfers outside the EEA',
      (a) => {
        const health = reader.health(a);
        return list(
          a.transfers.map((t) => {
            const status = health.transfers.find((x) => x.location.id === t.id)?.assessment.status;
            return (
              joined([country(t.country, lang), label(t.mechanism, lang), statusLabel(status, lang)], ' — ') ??
              t.country
            );
          }),
        );
      },
      30,
    ),
    col(
      'transferStatus',
      'Doorgiftestatus',
      'Transfer status',
      (a) => statusLabel(reader.health(a).transferStatus, lang) || null,
      20,
    ),
    col(
      'security',
      'Beveiligingsmaatregelen',
      'Security measures',
      (a) => list([...labels(a.tomCodes, lang), ...(a.securityDescription ? [a.securityDescription] : [])]),
      40,
    ),
    col(
      'dpia',
      'DPIA',
      'DPIA',
      (a) => (a.dpia ? joined([yesNo(a.dpia.required, lang), a.dpia.status, a.dpia.reference], ', ') : null),
      16,
    ),
  ];
}

export function cnilTable(reader: RegisterSnapshotReader, lang: Lang): TableSpec<Activity> {
  return {
    name: 'cnil_records',
    title: l('CNIL-register (fiche per activiteit)', 'CNIL record (one per activity)'),
    fromActivity: (a) => [a],
    columns: cnilColumns(reader, lang),
  };
}
