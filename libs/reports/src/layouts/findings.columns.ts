import type { Finding, Lang } from '#gdpr';
import type { Activity } from '#register';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import { country, joined, label } from './labels.js';
import { children, col, type TableSpec } from './table-spec.js';

type FindingRow = { finding: Finding; activity: Activity | null };

/** The register-health findings as of the export's day: the organisation's, then per activity. */
export function findingsTable(reader: RegisterSnapshotReader, lang: Lang): TableSpec<FindingRow> {
  return {
    name: 'findings',
    title: { nl: 'Bevindingen registercontrole', en: 'Register health findings' },
    head: (reader) => reader.registerFindings().map((finding) => ({ finding, activity: null })),
    fromActivity: (activity) =>
      activity.status === 'retired' ? [] : reader.health(activity).findings.map((finding) => ({ finding, activity })),
    columns: [
      col('severity', 'ernst', 'severity', (r) => r.finding.severity, 10),
      col('ruleId', 'regel', 'rule', (r) => r.finding.ruleId, 28),
      col('article', 'artikel', 'article', (r) => r.finding.article, 16),
      col(
        'activity',
        'activiteit',
        'activity',
        (r) => (r.activity ? (r.activity.externalKey ?? r.activity.id) : null),
        24,
      ),
      col('activityName', 'naam activiteit', 'activity name', (r) => r.activity?.name ?? null, 30),
      col('path', 'veld', 'field', (r) => r.finding.path),
      col('message', 'bevinding', 'finding', (r) => r.finding.message[lang], 60),
      col('detail', 'toelichting', 'detail', (r) => r.finding.detail?.[lang] ?? null, 40),
    ],
  };
}

type ProcessorRow = { a: Activity; item: Activity['controllers'][number]; index: number };

/** Art. 30(2), per controller: each processor activity once for every controller it serves. */
export function processorRegisterTable(reader: RegisterSnapshotReader, lang: Lang): TableSpec<ProcessorRow> {
  return {
    name: 'processor_register',
    title: { nl: 'Register van de verwerker (art. 30(2))', en: 'Processor register (Art. 30(2))' },
    fromActivity: (a) => (a.role === 'processor' ? children(a, a.controllers) : []),
    columns: [
      col('controller', 'verwerkingsverantwoordelijke', 'controller', (r) => reader.partyName(r.item.partyId), 30),
      col(
        'controllerContact',
        'contactgegevens',
        'contact details',
        (r) => {
          const p = reader.parties.get(r.item.partyId);
          return p ? joined([p.contactName, p.contactEmail, p.contactPhone, p.dpoEmail]) : null;
        },
        30,
      ),
      col('activity', 'activiteit', 'activity', (r) => r.a.name, 30),
      col(
        'processingCategories',
        'categorieën verwerkingen',
        'categories of processing',
        (r) => r.item.processingCategories,
        40,
      ),
      col(
        'transfers',
        'doorgiften',
        'transfers',
        (r) =>
          r.a.transfers.map((t) => joined([country(t.country, lang), label(t.mechanism, lang)], ': ') ?? t.country),
        30,
      ),
      col(
        'securityMeasures',
        'beveiligingsmaatregelen',
        'security measures',
        (r) => [
          ...r.a.tomCodes.map((c) => label(c, lang)),
          ...(r.a.securityDescription ? [r.a.securityDescription] : []),
        ],
        40,
      ),
      col('dpaReference', 'verwerkersovereenkomst', 'DPA reference', (r) => r.item.dpaReference),
      col('authorisation', 'toestemming subverwerkers', 'sub-processor authorisation', (r) => r.item.authorisation),
    ],
  };
}
