// Taxonomy of data-subject categories for Art. 30(1)(c). `child` marks categories made up of
// children, which triggers the Art. 8 check for information society services on consent.
import { gdpr, type Labels, type Source } from './reference.js';

interface DataSubjectCategory {
  readonly code: string;
  readonly label: Labels;
  readonly child: boolean;
  readonly source: Source;
}

const PRACTICE: Source = {
  ref: 'Market practice: ICO and CNIL record templates (categories of individuals)',
  tag: 'P',
};

function subject<const C extends `DS_${string}`>(code: C, nl: string, en: string, child = false) {
  return { code, label: { nl, en }, child, source: child ? gdpr('Art. 8, Recital 38') : PRACTICE };
}

export const DATA_SUBJECT_CATEGORIES = [
  subject('DS_CUSTOMERS', 'Klanten', 'Customers'),
  subject('DS_CUSTOMER_CONTACTS', 'Contactpersonen van zakelijke klanten', 'Business customer contacts'),
  subject('DS_PROSPECTS', 'Prospects (potentiële klanten)', 'Prospects'),
  subject('DS_SERVICE_USERS', 'Gebruikers van de dienst', 'Users of the services'),
  subject('DS_NEWSLETTER_SUBSCRIBERS', 'Abonnees van nieuwsbrieven', 'Newsletter subscribers'),
  subject('DS_WEBSITE_VISITORS', 'Websitebezoekers', 'Website visitors'),
  subject('DS_EMPLOYEES', 'Medewerkers', 'Employees'),
  subject('DS_CONTRACTORS', 'Ingehuurde krachten en zzp’ers', 'Contractors and freelancers'),
  subject('DS_JOB_APPLICANTS', 'Sollicitanten', 'Job applicants'),
  subject('DS_STUDENTS', 'Studenten en cursisten', 'Students and learners'),
  subject('DS_PUPILS', 'Leerlingen (minderjarig)', 'Pupils (minors)', true),
  subject('DS_CHILDREN', 'Kinderen', 'Children', true),
  subject('DS_PARENTS_GUARDIANS', 'Ouders en verzorgers', 'Parents and guardians'),
  subject('DS_TEACHERS', 'Docenten en begeleiders', 'Teachers and tutors'),
  subject('DS_SUPPLIER_CONTACTS', 'Contactpersonen van leveranciers', "Suppliers' contacts"),
  subject('DS_MEMBERS', 'Leden', 'Members'),
  subject('DS_PATIENTS', 'Patiënten en cliënten', 'Patients and clients'),
  subject('DS_PREMISES_VISITORS', 'Bezoekers van locaties', 'Visitors to premises'),
] as const satisfies readonly DataSubjectCategory[];

export type DataSubjectCategoryCode = (typeof DATA_SUBJECT_CATEGORIES)[number]['code'];
