import type { RegisterEntityType } from './register-change.entity.js';

/** A word in both languages of the product. */
export interface Words {
  nl: string;
  en: string;
}

const w = (nl: string, en: string): Words => ({ nl, en });

/** Columns that change with every write or never: not worth a word in a changelog. */
export const UNTRACKED_COLUMNS = new Set(['tenant_id', 'id', 'created_at', 'updated_at']);

const ADDRESS = w('adres', 'address');
const CONTACT = w('contactgegevens', 'contact details');
const DPO = w('functionaris gegevensbescherming', 'data protection officer');
const TIA = w('doorgiftebeoordeling (TIA)', 'transfer impact assessment');
const DPA = w('verwerkersovereenkomst', 'data processing agreement');
const SECURITY = w('beveiligingsmaatregelen', 'security measures');

const COMMON: Record<string, Words> = {
  name: w('naam', 'name'),
  description: w('omschrijving', 'description'),
  status: w('status', 'status'),
  website: w('website', 'website'),
  external_key: w('externe sleutel', 'external key'),
  product_ids: w('producten', 'products'),
  data_category_codes: w('categorieën persoonsgegevens', 'data categories'),
  started_on: w('startdatum', 'start date'),
};

/** Column words per table; several columns may share one word (they read as one field). */
const FIELDS: Record<RegisterEntityType, Record<string, Words>> = {
  parties: {
    roles: w('rollen', 'roles'),
    legal_form: w('rechtsvorm', 'legal form'),
    registration_number: w('registratienummer', 'registration number'),
    street: ADDRESS,
    postal_code: ADDRESS,
    city: ADDRESS,
    country: w('land', 'country'),
    contact_name: CONTACT,
    contact_email: CONTACT,
    contact_phone: CONTACT,
    dpo_name: DPO,
    dpo_email: DPO,
    dpo_phone: DPO,
    is_public_authority: w('overheidsinstantie', 'public authority'),
    staff_count: w('aantal medewerkers', 'staff count'),
    certifications: w('certificeringen', 'certifications'),
  },
  products: {},
  data_categories: {
    code: w('code', 'code'),
    label_nl: w('benaming', 'label'),
    label_en: w('benaming', 'label'),
    special: w('bijzonder persoonsgegeven', 'special category'),
    criminal: w('strafrechtelijk gegeven', 'criminal-offence data'),
  },
  activities: {
    department: w('afdeling', 'department'),
    role: w('rol', 'role'),
    review_date: w('herzieningsdatum', 'review date'),
    joint_controller_ids: w('gezamenlijke verwerkingsverantwoordelijken', 'joint controllers'),
    engagement_ids: w('subverwerkers', 'subprocessors'),
    controllers: w('verwerkingsverantwoordelijken', 'controllers'),
    purposes: w('doeleinden', 'purposes'),
    data_subject_codes: w('categorieën betrokkenen', 'data subject categories'),
    art9_conditions: w('uitzonderingsgronden art. 9', 'Art. 9 conditions'),
    art10_basis: w('grondslag art. 10', 'Art. 10 basis'),
    sources: w('bronnen', 'sources'),
    source_description: w('bronnen', 'sources'),
    recipients: w('ontvangers', 'recipients'),
    transfers: w('doorgiften', 'transfers'),
    retention: w('bewaartermijn', 'retention'),
    automated_decision: w('geautomatiseerde besluitvorming', 'automated decision-making'),
    dpia: w('DPIA', 'DPIA'),
    tom_codes: SECURITY,
    security_description: SECURITY,
    information_society_service: w('dienst van de informatiemaatschappij', 'information society service'),
    likely_risk: w('risico', 'risk'),
    occasional: w('incidenteel karakter', 'occasional nature'),
  },
  engagements: {
    vendor_id: w('leverancier', 'vendor'),
    parent_engagement_id: w('bovenliggende verwerker', 'parent engagement'),
    purpose: w('doel', 'purpose'),
    processing_locations: w('verwerkingslocaties', 'processing locations'),
    access_locations: w('toegangslocaties', 'access locations'),
    transfer_mechanism: w('doorgiftemechanisme', 'transfer mechanism'),
    tia_reference: TIA,
    tia_review_date: TIA,
    supplementary_measures: w('aanvullende maatregelen', 'supplementary measures'),
    dpa_signed_on: DPA,
    dpa_reference: DPA,
    ended_on: w('einddatum', 'end date'),
  },
  register_exports: {
    format: w('formaat', 'format'),
    layout: w('indeling', 'layout'),
    locale: w('taal', 'language'),
    channel: w('kanaal', 'channel'),
    as_of: w('peildatum', 'as of'),
    generated_at: w('gemaakt op', 'generated at'),
    chain_length: w('lengte historie', 'history length'),
    chain_head_hash: w('laatste hash historie', 'history head hash'),
    files: w('bestanden', 'files'),
  },
  cookies: {
    product_id: w('product', 'product'),
    purpose: w('doel', 'purpose'),
    category: w('categorie', 'category'),
    party: w('first/third party', 'first/third party'),
    provider: w('aanbieder', 'provider'),
    lifetime: w('looptijd', 'lifetime'),
  },
};

export function fieldWords(type: RegisterEntityType, column: string): Words {
  const words = FIELDS[type][column] ?? COMMON[column];
  if (words) return words;
  const plain = column.replace(/_/g, ' ');
  return w(plain, plain);
}

/** Where a column comes in a list of changed fields: name first, then as a form lists them. */
export function fieldRank(type: RegisterEntityType, column: string): number {
  if (column === 'name') return 0;
  if (column === 'description') return 1;
  const own = Object.keys(FIELDS[type]).indexOf(column);
  if (own >= 0) return 10 + own;
  const common = Object.keys(COMMON).indexOf(column);
  return common >= 0 ? 1000 + common : 2000;
}

/** The column as the API names it (camelCase). */
export function fieldName(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const PARTY_NOUNS: Array<[string, Words]> = [
  ['subprocessor', w('Subverwerker', 'Subprocessor')],
  ['processor', w('Verwerker', 'Processor')],
  ['own_organisation', w('Eigen organisatie', 'Own organisation')],
  ['joint_controller', w('Gezamenlijke verwerkingsverantwoordelijke', 'Joint controller')],
  ['controller', w('Verwerkingsverantwoordelijke', 'Controller')],
  ['recipient', w('Ontvanger', 'Recipient')],
  ['representative', w('Vertegenwoordiger', 'Representative')],
];

const NOUNS: Record<RegisterEntityType, Words> = {
  parties: w('Partij', 'Party'),
  products: w('Product', 'Product'),
  data_categories: w('Gegevenscategorie', 'Data category'),
  activities: w('Activiteit', 'Activity'),
  // An engagement is a vendor engaged as (sub)processor: it reads as one.
  engagements: w('Subverwerker', 'Subprocessor'),
  cookies: w('Cookie', 'Cookie'),
  register_exports: w('Export', 'Export'),
};

/** What the entity is called in a sentence: a party by its most telling role. */
export function entityNoun(type: RegisterEntityType, row: Record<string, unknown> | null): Words {
  if (type === 'parties' && Array.isArray(row?.roles)) {
    const roles = row.roles as unknown[];
    const match = PARTY_NOUNS.find(([role]) => roles.includes(role));
    if (match) return match[1];
  }
  return NOUNS[type];
}
