import type { Cookie, CustomDataCategory, Engagement, Party, Product } from '#register';
import type { HeaderBlock } from '../reports.types.js';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import { col, type TableSpec } from './table-spec.js';

// art30's own layout, the tables beside the activities: parties, products, the tenant's data
// categories, subprocessor engagements and cookies, and the header block.

export const partiesTable: TableSpec<Party> = {
  name: 'parties',
  title: { nl: 'Partijen', en: 'Parties' },
  rows: (r) => r.partiesSorted(),
  columns: [
    col('key', 'sleutel', 'key', (p) => p.externalKey ?? p.id, 24),
    col('name', 'naam', 'name', (p) => p.name, 30),
    col('roles', 'rollen', 'roles', (p) => p.roles, 20),
    col('legalForm', 'rechtsvorm', 'legal form', (p) => p.legalForm),
    col('registrationNumber', 'registratienummer', 'registration number', (p) => p.registrationNumber),
    col('street', 'straat', 'street', (p) => p.street),
    col('postalCode', 'postcode', 'postal code', (p) => p.postalCode, 10),
    col('city', 'plaats', 'city', (p) => p.city),
    col('country', 'land', 'country', (p) => p.country, 8),
    col('contactName', 'contactpersoon', 'contact name', (p) => p.contactName),
    col('contactEmail', 'e-mail contact', 'contact email', (p) => p.contactEmail, 24),
    col('contactPhone', 'telefoon contact', 'contact phone', (p) => p.contactPhone),
    col('dpoName', 'FG', 'DPO name', (p) => p.dpoName),
    col('dpoEmail', 'e-mail FG', 'DPO email', (p) => p.dpoEmail, 24),
    col('dpoPhone', 'telefoon FG', 'DPO phone', (p) => p.dpoPhone),
    col('website', 'website', 'website', (p) => p.website, 24),
    col('isPublicAuthority', 'overheidsinstantie', 'public authority', (p) => p.isPublicAuthority),
    col('staffCount', 'aantal medewerkers', 'staff count', (p) => p.staffCount, 10),
    col('certifications', 'certificeringen (JSON)', 'certifications (JSON)', (p) =>
      p.certifications.length ? JSON.stringify(p.certifications) : null,
    ),
    col('description', 'omschrijving', 'description', (p) => p.description, 30),
    col('id', 'id', 'id', (p) => p.id, 38),
  ],
};

export const productsTable: TableSpec<Product> = {
  name: 'products',
  title: { nl: 'Producten', en: 'Products' },
  rows: (r) => r.productsSorted(),
  columns: [
    col('key', 'sleutel', 'key', (p) => p.externalKey ?? p.id, 24),
    col('name', 'naam', 'name', (p) => p.name, 30),
    col('description', 'omschrijving', 'description', (p) => p.description, 40),
    col('website', 'website', 'website', (p) => p.website, 24),
    col('id', 'id', 'id', (p) => p.id, 38),
  ],
};

export const dataCategoriesTable: TableSpec<CustomDataCategory> = {
  name: 'data_categories',
  title: { nl: 'Eigen gegevenscategorieën', en: 'Own data categories' },
  rows: (r) => r.categoriesSorted(),
  columns: [
    col('key', 'sleutel', 'key', (c) => c.externalKey ?? c.id, 24),
    col('code', 'code', 'code', (c) => c.code, 20),
    col('labelNl', 'benaming (nl)', 'label (nl)', (c) => c.labelNl, 30),
    col('labelEn', 'benaming (en)', 'label (en)', (c) => c.labelEn, 30),
    col('special', 'bijzonder', 'special', (c) => c.special),
    col('criminal', 'strafrechtelijk', 'criminal', (c) => c.criminal),
    col('description', 'omschrijving', 'description', (c) => c.description, 30),
  ],
};

export function engagementsTable(reader: RegisterSnapshotReader): TableSpec<Engagement> {
  return {
    name: 'engagements',
    title: { nl: 'Subverwerkers', en: 'Subprocessors' },
    rows: (r) => r.engagementsSorted(),
    columns: [
      col('key', 'sleutel', 'key', (e) => e.externalKey ?? e.id, 24),
      col('vendor', 'leverancier', 'vendor', (e) => reader.partyKey(e.vendorId), 24),
      col('vendorName', 'naam leverancier', 'vendor name', (e) => reader.partyName(e.vendorId), 24),
      col('parent', 'onder', 'under', (e) => reader.engagementKey(e.parentEngagementId)),
      col('purpose', 'doel', 'purpose', (e) => e.purpose, 30),
      col('description', 'omschrijving', 'description', (e) => e.description, 30),
      col('status', 'status', 'status', (e) => e.status, 10),
      col('products', 'producten', 'products', (e) => e.productIds.map((id) => reader.productKey(id))),
      col('dataCategoryCodes', 'gegevenscategorieën', 'data categories', (e) => e.dataCategoryCodes, 24),
      col('processingLocations', 'verwerkingslocaties', 'processing locations', (e) => e.processingLocations),
      col('accessLocations', 'toegang vanuit', 'access locations', (e) => e.accessLocations),
      col('transferMechanism', 'doorgiftemechanisme', 'transfer mechanism', (e) => e.transferMechanism),
      col('tiaReference', 'TIA', 'TIA reference', (e) => e.tiaReference),
      col('tiaReviewDate', 'evaluatie TIA', 'TIA review date', (e) => e.tiaReviewDate),
      col('supplementaryMeasures', 'aanvullende maatregelen', 'supplementary measures', (e) => e.supplementaryMeasures),
      col('dpaSignedOn', 'verwerkersovereenkomst getekend', 'DPA signed on', (e) => e.dpaSignedOn),
      col('dpaReference', 'verwerkersovereenkomst', 'DPA reference', (e) => e.dpaReference),
      col('startedOn', 'startdatum', 'started on', (e) => e.startedOn),
      col('endedOn', 'einddatum', 'ended on', (e) => e.endedOn),
      col('transferStatus', 'doorgiftestatus (berekend)', 'transfer status (computed)', (e) =>
        reader.engagementStatus(e),
      ),
      col('id', 'id', 'id', (e) => e.id, 38),
    ],
  };
}

export function cookiesTable(reader: RegisterSnapshotReader): TableSpec<Cookie> {
  return {
    name: 'cookies',
    title: { nl: 'Cookies', en: 'Cookies' },
    rows: (r) => r.cookies(),
    columns: [
      col('key', 'sleutel', 'key', (c) => c.externalKey ?? c.id, 24),
      col('product', 'product', 'product', (c) => (c.productId ? reader.productKey(c.productId) : null)),
      col('name', 'naam', 'name', (c) => c.name),
      col('purpose', 'doel', 'purpose', (c) => c.purpose, 30),
      col('category', 'categorie', 'category', (c) => c.category),
      col('party', 'first/third party', 'first/third party', (c) => c.party),
      col('provider', 'aanbieder', 'provider', (c) => c.provider),
      col('lifetime', 'looptijd', 'lifetime', (c) => c.lifetime),
      col('description', 'omschrijving', 'description', (c) => c.description, 30),
    ],
  };
}

/** Art. 30(1)(a) / 30(2)(a): the organisation, its representative and its DPO. */
export function headerBlock(reader: RegisterSnapshotReader): HeaderBlock {
  const parties = reader.partiesSorted();
  const own = parties.find((p) => p.roles.includes('own_organisation'));
  const representative = parties.find((p) => p.roles.includes('representative'));
  const contact = (p: Party | undefined) =>
    p
      ? [p.street, [p.postalCode, p.city].filter(Boolean).join(' '), p.country, p.contactEmail, p.contactPhone]
          .filter((x) => x && x.trim() !== '')
          .join(', ') || null
      : null;
  const dpo = own ? [own.dpoName, own.dpoEmail, own.dpoPhone].filter(Boolean).join(', ') || null : null;
  return {
    organisation: own?.name ?? null,
    contact: contact(own),
    representative: representative ? [representative.name, contact(representative)].filter(Boolean).join(', ') : null,
    dpo,
  };
}

type HeaderRow = { field: string; nl: string; en: string; value: string | null };

export function organisationTable(header: HeaderBlock, lang: 'nl' | 'en'): TableSpec<HeaderRow> {
  const rows: HeaderRow[] = [
    { field: 'organisation', nl: 'Organisatie', en: 'Organisation', value: header.organisation },
    { field: 'contact', nl: 'Contactgegevens', en: 'Contact details', value: header.contact },
    { field: 'representative', nl: 'Vertegenwoordiger', en: 'Representative', value: header.representative },
    { field: 'dpo', nl: 'Functionaris gegevensbescherming', en: 'Data protection officer', value: header.dpo },
  ];
  return {
    name: 'organisation',
    title: { nl: 'Organisatie', en: 'Organisation' },
    rows: () => rows,
    columns: [col('field', 'veld', 'field', (r) => r[lang], 32), col('value', 'waarde', 'value', (r) => r.value, 60)],
  };
}
