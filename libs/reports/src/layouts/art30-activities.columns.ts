import type { Activity } from '#register';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import { children, col, type TableSpec } from './table-spec.js';

// art30's own layout, the activities and their value lists: one table per list, each row naming
// its activity by key, so every field of the register survives a round trip through a spreadsheet.

type Row<T> = { a: Activity; item: T; index: number };
const key = (a: Activity) => a.externalKey ?? a.id;
const activityCol = <T>() => col<Row<T>>('activity', 'activiteit', 'activity', (r) => key(r.a), 24);

export function activitiesTable(reader: RegisterSnapshotReader): TableSpec<Activity> {
  return {
    name: 'activities',
    title: { nl: 'Verwerkingsactiviteiten', en: 'Processing activities' },
    fromActivity: (a) => [a],
    columns: [
      col('key', 'sleutel', 'key', (a) => key(a), 24),
      col('name', 'naam', 'name', (a) => a.name, 40),
      col('description', 'omschrijving', 'description', (a) => a.description, 40),
      col('department', 'afdeling', 'department', (a) => a.department),
      col('status', 'status', 'status', (a) => a.status, 10),
      col('role', 'rol', 'role', (a) => a.role, 14),
      col('reviewDate', 'evaluatiedatum', 'review date', (a) => a.reviewDate, 12),
      col('startedOn', 'startdatum', 'started on', (a) => a.startedOn, 12),
      col('products', 'producten', 'products', (a) => a.productIds.map((id) => reader.productKey(id))),
      col('engagements', 'subverwerkers', 'engagements', (a) =>
        a.engagementIds.map((id) => reader.engagementKey(id) ?? id),
      ),
      col('jointControllers', 'gezamenlijke verwerkingsverantwoordelijken', 'joint controllers', (a) =>
        a.jointControllerIds.map((id) => reader.partyKey(id) ?? id),
      ),
      col('dataSubjectCodes', 'categorieën betrokkenen', 'data subject categories', (a) => a.dataSubjectCodes, 30),
      col('dataCategoryCodes', 'categorieën persoonsgegevens', 'data categories', (a) => a.dataCategoryCodes, 30),
      col('sources', 'bronnen', 'sources', (a) => a.sources),
      col('sourceDescription', 'toelichting bron', 'source description', (a) => a.sourceDescription),
      col('art10Code', 'grondslag art. 10', 'Art. 10 basis', (a) => a.art10Basis?.code ?? null),
      col('art10LegalReference', 'wettelijke grondslag art. 10', 'Art. 10 legal reference', (a) =>
        a.art10Basis ? a.art10Basis.legalReference : null,
      ),
      col('automatedDecisionExists', 'geautomatiseerde besluitvorming', 'automated decision-making', (a) =>
        a.automatedDecision ? a.automatedDecision.exists : null,
      ),
      col('automatedDecisionDescription', 'toelichting besluitvorming', 'automated decision description', (a) =>
        a.automatedDecision ? a.automatedDecision.description : null,
      ),
      col('automatedDecisionLegalEffect', 'rechtsgevolg', 'legal or similar effect', (a) =>
        a.automatedDecision ? a.automatedDecision.legalOrSimilarEffect : null,
      ),
      col('automatedDecisionException', 'uitzondering art. 22(2)', 'Art. 22(2) exception', (a) =>
        a.automatedDecision ? a.automatedDecision.exception : null,
      ),
      col('automatedDecisionProfiling', 'profilering', 'profiling', (a) =>
        a.automatedDecision ? a.automatedDecision.profiling : null,
      ),
      col('dpiaRequired', 'DPIA vereist', 'DPIA required', (a) => (a.dpia ? a.dpia.required : null)),
      col('dpiaStatus', 'DPIA-status', 'DPIA status', (a) => (a.dpia ? a.dpia.status : null)),
      col('dpiaReference', 'DPIA-referentie', 'DPIA reference', (a) => (a.dpia ? a.dpia.reference : null)),
      col('tomCodes', 'beveiligingsmaatregelen', 'security measures', (a) => a.tomCodes, 30),
      col('securityDescription', 'toelichting beveiliging', 'security description', (a) => a.securityDescription),
      col(
        'informationSocietyService',
        'dienst informatiemaatschappij',
        'information society service',
        (a) => a.informationSocietyService,
      ),
      col('likelyRisk', 'waarschijnlijk risico', 'likely risk', (a) => a.likelyRisk),
      col('occasional', 'incidenteel', 'occasional', (a) => a.occasional),
      col(
        'transferStatus',
        'doorgiftestatus (berekend)',
        'transfer status (computed)',
        (a) => reader.health(a).transferStatus,
      ),
      col('id', 'id', 'id', (a) => a.id, 38),
    ],
  };
}

export const purposesTable: TableSpec<Row<Activity['purposes'][number]>> = {
  name: 'purposes',
  title: { nl: 'Doeleinden', en: 'Purposes' },
  fromActivity: (a) => children(a, a.purposes),
  columns: [
    activityCol(),
    col('id', 'id', 'id', (r) => r.item.id),
    col('description', 'omschrijving', 'description', (r) => r.item.description, 40),
    col('legalBasis', 'grondslag art. 6', 'Art. 6 basis', (r) => r.item.legalBasis),
    col('legalReference', 'wettelijk voorschrift', 'legal reference', (r) => r.item.legalReference),
    col('liaReference', 'belangenafweging', 'LIA reference', (r) => r.item.liaReference),
    col('liaDate', 'datum belangenafweging', 'LIA date', (r) => r.item.liaDate),
    col('consentMechanism', 'toestemming verkrijgen', 'consent mechanism', (r) => r.item.consentMechanism),
    col('consentWithdrawal', 'toestemming intrekken', 'consent withdrawal', (r) => r.item.consentWithdrawal),
    col('directMarketing', 'direct marketing', 'direct marketing', (r) => r.item.directMarketing),
  ],
};

export function controllersTable(reader: RegisterSnapshotReader): TableSpec<Row<Activity['controllers'][number]>> {
  return {
    name: 'controllers',
    title: { nl: 'Verwerkingsverantwoordelijken (art. 30(2))', en: 'Controllers (Art. 30(2))' },
    fromActivity: (a) => children(a, a.controllers),
    columns: [
      activityCol(),
      col('party', 'partij', 'party', (r) => reader.partyKey(r.item.partyId)),
      col(
        'processingCategories',
        'categorieën verwerkingen',
        'processing categories',
        (r) => r.item.processingCategories,
      ),
      col('dpaReference', 'verwerkersovereenkomst', 'DPA reference', (r) => r.item.dpaReference),
      col('authorisation', 'toestemming subverwerkers', 'sub-processor authorisation', (r) => r.item.authorisation),
    ],
  };
}

export function recipientsTable(reader: RegisterSnapshotReader): TableSpec<Row<Activity['recipients'][number]>> {
  return {
    name: 'recipients',
    title: { nl: 'Ontvangers', en: 'Recipients' },
    fromActivity: (a) => children(a, a.recipients),
    columns: [
      activityCol(),
      col('id', 'id', 'id', (r) => r.item.id),
      col('kind', 'soort', 'kind', (r) => r.item.kind),
      col('party', 'partij', 'party', (r) => reader.partyKey(r.item.partyId)),
      col('name', 'naam', 'name', (r) => r.item.name),
      col('country', 'land', 'country', (r) => r.item.country, 8),
      col('description', 'omschrijving', 'description', (r) => r.item.description),
      col('dpaReference', 'verwerkersovereenkomst', 'DPA reference', (r) => r.item.dpaReference),
    ],
  };
}

export function transfersTable(reader: RegisterSnapshotReader): TableSpec<Row<Activity['transfers'][number]>> {
  const status = (a: Activity, id: string) =>
    reader.health(a).transfers.find((t) => t.location.id === id)?.assessment.status ?? null;
  return {
    name: 'transfers',
    title: { nl: 'Doorgiften', en: 'Transfers' },
    fromActivity: (a) => children(a, a.transfers),
    columns: [
      activityCol(),
      col('id', 'id', 'id', (r) => r.item.id),
      col('country', 'land', 'country', (r) => r.item.country, 8),
      col('recipientId', 'ontvanger', 'recipient', (r) => r.item.recipientId),
      col('party', 'partij', 'party', (r) => reader.partyKey(r.item.partyId)),
      col('mechanism', 'doorgiftemechanisme', 'mechanism', (r) => r.item.mechanism),
      col('tiaReference', 'TIA', 'TIA reference', (r) => r.item.tiaReference),
      col('tiaReviewDate', 'evaluatie TIA', 'TIA review date', (r) => r.item.tiaReviewDate),
      col(
        'supplementaryMeasures',
        'aanvullende maatregelen',
        'supplementary measures',
        (r) => r.item.supplementaryMeasures,
      ),
      col('saNotifiedAt', 'toezichthouder geïnformeerd', 'SA notified on', (r) => r.item.saNotifiedAt),
      col('safeguardReference', 'waarborgen', 'safeguard reference', (r) => r.item.safeguardReference),
      col('description', 'omschrijving', 'description', (r) => r.item.description),
      col('status', 'status (berekend)', 'status (computed)', (r) => status(r.a, r.item.id)),
    ],
  };
}

export const retentionTable: TableSpec<Row<Activity['retention'][number]>> = {
  name: 'retention',
  title: { nl: 'Bewaartermijnen', en: 'Retention' },
  fromActivity: (a) => children(a, a.retention),
  columns: [
    activityCol(),
    col('id', 'id', 'id', (r) => r.item.id),
    col('dataCategoryCode', 'gegevenscategorie', 'data category', (r) => r.item.dataCategoryCode),
    col('duration', 'termijn', 'duration', (r) => r.item.duration, 10),
    col('trigger', 'vanaf', 'trigger', (r) => r.item.trigger),
    col('action', 'daarna', 'action', (r) => r.item.action),
    col('justification', 'rechtvaardiging', 'justification', (r) => r.item.justification),
    col('legalReference', 'wettelijk voorschrift', 'legal reference', (r) => r.item.legalReference),
    col('criterion', 'criterium', 'criterion', (r) => r.item.criterion, 30),
  ],
};

export const art9Table: TableSpec<Row<Activity['art9Conditions'][number]>> = {
  name: 'art9_conditions',
  title: { nl: 'Uitzonderingen art. 9(2)', en: 'Art. 9(2) conditions' },
  fromActivity: (a) => children(a, a.art9Conditions),
  columns: [
    activityCol(),
    col('code', 'code', 'code', (r) => r.item.code),
    col('legalReference', 'wettelijk voorschrift', 'legal reference', (r) => r.item.legalReference),
    col('explicitConsent', 'uitdrukkelijke toestemming', 'explicit consent', (r) => r.item.explicitConsent),
  ],
};
