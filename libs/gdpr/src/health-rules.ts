// Catalogue of register-health rules: stable id, where the rule comes from, severity and message.
// Severity follows the reference's tags: error = a requirement of the law text is not met or
// cannot be shown; warning = guidance ([G]) or a likely gap; info = worth knowing, no defect.
// `field` marks rules that only report a missing Art. 30 field: completeness counts those as
// missing fields instead of penalising them a second time.
import type { Labels } from './reference.js';

export type Severity = 'error' | 'warning' | 'info';

export type Art30Field =
  | 'organisation'
  | 'joint_controllers'
  | 'controllers'
  | 'purposes'
  | 'processing_categories'
  | 'legal_basis'
  | 'data_subjects'
  | 'data_categories'
  | 'recipients'
  | 'transfers'
  | 'retention'
  | 'toms';

export interface HealthRule {
  readonly id: string;
  readonly article: string;
  readonly severity: Severity;
  readonly scope: 'register' | 'activity';
  readonly field?: Art30Field;
  readonly message: Labels;
}

const rule = <const I extends `R-${string}`>(
  id: I,
  severity: Severity,
  article: string,
  nl: string,
  en: string,
  extra: { scope?: 'register' | 'activity'; field?: Art30Field } = {},
) => ({
  id,
  severity,
  article,
  scope: extra.scope ?? 'activity',
  ...(extra.field ? { field: extra.field } : {}),
  message: { nl, en },
});

export const HEALTH_RULES = [
  // Art. 30 record contents
  rule(
    'R-ART30-1A-CONTROLLER-MISSING',
    'error',
    'GDPR Art. 30(1)(a), 30(2)(a)',
    'Naam en contactgegevens van de organisatie ontbreken.',
    'Name and contact details of the organisation are missing.',
    { scope: 'register', field: 'organisation' },
  ),
  rule(
    'R-ART37-DPO-MISSING',
    'warning',
    'GDPR Art. 37(1)(a), 30(1)(a)',
    'Overheidsinstantie zonder vastgelegde functionaris voor gegevensbescherming.',
    'Public authority without a recorded data protection officer.',
    { scope: 'register' },
  ),
  rule(
    'R-ART30-1A-JOINT-CONTROLLER-MISSING',
    'error',
    'GDPR Art. 30(1)(a), 26',
    'Gezamenlijke verwerking zonder vermelding van de andere verwerkingsverantwoordelijke(n).',
    'Joint processing without naming the other controller(s).',
    { field: 'joint_controllers' },
  ),
  rule(
    'R-ART30-1B-PURPOSE-MISSING',
    'error',
    'GDPR Art. 30(1)(b)',
    'Geen doeleinden van de verwerking vastgelegd.',
    'No purposes of the processing recorded.',
    { field: 'purposes' },
  ),
  rule(
    'R-ART30-1C-SUBJECTS-MISSING',
    'error',
    'GDPR Art. 30(1)(c)',
    'Geen categorieën betrokkenen vastgelegd.',
    'No categories of data subjects recorded.',
    { field: 'data_subjects' },
  ),
  rule(
    'R-ART30-1C-DATA-MISSING',
    'error',
    'GDPR Art. 30(1)(c)',
    'Geen categorieën persoonsgegevens vastgelegd.',
    'No categories of personal data recorded.',
    { field: 'data_categories' },
  ),
  rule(
    'R-ART30-1D-RECIPIENTS-MISSING',
    'warning',
    'GDPR Art. 30(1)(d)',
    'Geen ontvangers vastgelegd; leg ook interne ontvangers vast.',
    'No recipients recorded; record internal recipients too.',
    { field: 'recipients' },
  ),
  rule(
    'R-ART30-1G-TOMS-MISSING',
    'info',
    'GDPR Art. 30(1)(g), 30(2)(d), 32(1)',
    'Geen technische en organisatorische maatregelen beschreven.',
    'No technical and organisational measures described.',
    { field: 'toms' },
  ),
  rule(
    'R-ART30-2A-CONTROLLER-MISSING',
    'error',
    'GDPR Art. 30(2)(a)',
    'Verwerkersactiviteit zonder de verwerkingsverantwoordelijke(n) voor wie wordt verwerkt.',
    'Processor activity without the controller(s) it acts for.',
    { field: 'controllers' },
  ),
  rule(
    'R-ART30-2B-PROCESSING-MISSING',
    'error',
    'GDPR Art. 30(2)(b)',
    'Geen categorieën verwerkingen voor de verwerkingsverantwoordelijke beschreven.',
    'No categories of processing carried out for the controller described.',
    { field: 'processing_categories' },
  ),
  rule(
    'R-ART30-5-EXEMPT',
    'info',
    'GDPR Art. 30(5); WP29 position paper 19 Apr 2018',
    'Deze activiteit valt mogelijk onder de uitzondering van art. 30(5); vastleggen blijft aanbevolen.',
    'This activity may be exempt under Art. 30(5); recording it remains good practice.',
  ),
  rule(
    'R-REVIEW-OVERDUE',
    'warning',
    'GDPR Art. 24(1)',
    'De herzieningsdatum van deze activiteit is verstreken.',
    'The review date of this activity has passed.',
  ),
  rule(
    'R-REVIEW-DATE-MISSING',
    'info',
    'GDPR Art. 24(1)',
    'Geen herzieningsdatum vastgelegd.',
    'No review date recorded.',
  ),
  // Lawfulness (reference §2, rules 1-9)
  rule(
    'R-ART6-MISSING',
    'error',
    'GDPR Art. 6(1); CJEU C-667/21',
    'Doel zonder rechtsgrond uit art. 6(1).',
    'Purpose without an Art. 6(1) lawful basis.',
    { field: 'legal_basis' },
  ),
  rule(
    'R-ART6-LEGAL-REFERENCE-MISSING',
    'error',
    'GDPR Art. 6(3)',
    'Wettelijke verplichting of publieke taak zonder verwijzing naar de wet waarop die steunt.',
    'Legal obligation or public task without a reference to the law it rests on.',
  ),
  rule(
    'R-ART6-F-PUBLIC-AUTHORITY',
    'error',
    'GDPR Art. 6(1) second subparagraph',
    'Een overheidsinstantie kan zich bij de uitvoering van haar taken niet op gerechtvaardigd belang beroepen.',
    'A public authority cannot rely on legitimate interests in the performance of its tasks.',
  ),
  rule(
    'R-ART6-F-LIA-MISSING',
    'warning',
    'GDPR Art. 6(1)(f), 5(2); EDPB Guidelines 1/2024 (v1.0, 8 Oct 2024)',
    'Gerechtvaardigd belang zonder gekoppelde belangenafweging (LIA).',
    'Legitimate interests without a linked legitimate interests assessment (LIA).',
  ),
  rule(
    'R-ART6-F-LIA-AFTER-START',
    'warning',
    'GDPR Art. 6(1)(f); EDPB Guidelines 1/2024 (v1.0, 8 Oct 2024)',
    'De belangenafweging (LIA) is gedateerd na de start van de verwerking; die hoort vooraf te zijn gemaakt.',
    'The LIA is dated after processing started; it should be made beforehand.',
  ),
  rule(
    'R-ART7-CONSENT-PROOF-MISSING',
    'error',
    'GDPR Art. 7(1)',
    'Toestemming zonder vastgelegde wijze van verkrijgen en aantonen.',
    'Consent without a recorded way of obtaining and demonstrating it.',
  ),
  rule(
    'R-ART7-WITHDRAWAL-MISSING',
    'error',
    'GDPR Art. 7(3)',
    'Toestemming zonder vastgelegde manier om die even gemakkelijk in te trekken.',
    'Consent without a recorded way to withdraw it as easily as it was given.',
  ),
  rule(
    'R-ART8-CHILD-CONSENT',
    'error',
    'GDPR Art. 8(1), 8(2)',
    'Dienst van de informatiemaatschappij voor kinderen op basis van toestemming: leg vast hoe leeftijd en ouderlijke toestemming worden gecontroleerd.',
    'Information society service for children based on consent: record how age and parental consent are verified.',
  ),
  rule(
    'R-ART9-CONDITION-MISSING',
    'error',
    'GDPR Art. 9(1), 9(2); CJEU C-667/21',
    'Bijzondere persoonsgegevens zonder uitzonderingsgrond uit art. 9(2).',
    'Special-category data without an Art. 9(2) condition.',
  ),
  rule(
    'R-ART9-2A-NOT-EXPLICIT',
    'error',
    'GDPR Art. 9(2)(a)',
    'Art. 9(2)(a) vereist uitdrukkelijke toestemming; leg vast dat de toestemming uitdrukkelijk is.',
    'Art. 9(2)(a) requires explicit consent; record that consent is explicit.',
  ),
  rule(
    'R-ART9-LEGAL-REFERENCE-MISSING',
    'error',
    'GDPR Art. 9(2)(b), (g), (h), (i), (j)',
    'Uitzonderingsgrond die op Unie- of lidstatelijk recht steunt, zonder verwijzing naar die wet.',
    'Art. 9(2) condition resting on Union or Member State law without a reference to that law.',
  ),
  rule(
    'R-ART10-BASIS-MISSING',
    'error',
    'GDPR Art. 10',
    'Strafrechtelijke gegevens zonder grondslag uit art. 10.',
    'Criminal-offence data without an Art. 10 basis.',
  ),
  rule(
    'R-ART10-LEGAL-REFERENCE-MISSING',
    'error',
    'GDPR Art. 10',
    'Grondslag voor strafrechtelijke gegevens zonder verwijzing naar de wet of het overheidstoezicht.',
    'Basis for criminal-offence data without a reference to the authorising law or official authority.',
  ),
  rule(
    'R-ART22-EXCEPTION-MISSING',
    'error',
    'GDPR Art. 22(1), 22(2)',
    'Geautomatiseerd besluit met rechtsgevolgen of vergelijkbare gevolgen zonder uitzondering uit art. 22(2).',
    'Automated decision with legal or similarly significant effects without an Art. 22(2) exception.',
  ),
  rule(
    'R-ART22-4-SPECIAL-CATEGORIES',
    'error',
    'GDPR Art. 22(4)',
    'Geautomatiseerd besluit op basis van bijzondere persoonsgegevens zonder art. 9(2)(a) of (g).',
    'Automated decision using special-category data without Art. 9(2)(a) or (g).',
  ),
  rule(
    'R-ART35-DPIA-NOT-DONE',
    'error',
    'GDPR Art. 35(1)',
    'DPIA vereist maar niet afgerond.',
    'DPIA required but not completed.',
  ),
  rule(
    'R-ART35-DPIA-NOT-ASSESSED',
    'warning',
    'GDPR Art. 35(1), 35(3); WP29 DPIA guidelines (WP248 rev.01)',
    'Niet vastgelegd of een DPIA nodig is, terwijl er risico-indicatoren zijn (bijzondere of strafrechtelijke gegevens, geautomatiseerde besluiten, kinderen).',
    'No record of whether a DPIA is needed, despite risk indicators (special or criminal data, automated decisions, children).',
  ),
  // Processors and sub-processors (reference §3)
  rule(
    'R-ART28-3-DPA-MISSING',
    'error',
    'GDPR Art. 28(3)',
    'Verwerker zonder verwerkersovereenkomst.',
    'Processor without a data processing agreement.',
  ),
  rule(
    'R-ART28-3-CONTROLLER-DPA-MISSING',
    'error',
    'GDPR Art. 28(3)',
    'Geen verwerkersovereenkomst met de verwerkingsverantwoordelijke vastgelegd.',
    'No data processing agreement with the controller recorded.',
  ),
  rule(
    'R-ART28-4-FLOWDOWN-MISSING',
    'error',
    'GDPR Art. 28(4)',
    'Subverwerker zonder overeenkomst die dezelfde verplichtingen doorlegt.',
    'Sub-processor without a contract flowing down the same obligations.',
  ),
  rule(
    'R-ART28-2-AUTHORISATION-MISSING',
    'error',
    'GDPR Art. 28(2)',
    'Subverwerker zonder vastgelegde specifieke of algemene schriftelijke toestemming.',
    'Sub-processor without recorded specific or general written authorisation.',
  ),
  rule(
    'R-ART28-2-SPECIFIC-NOT-APPROVED',
    'error',
    'GDPR Art. 28(2)',
    'Specifieke toestemming vereist, maar de verwerkingsverantwoordelijke heeft niet goedgekeurd.',
    'Specific authorisation required but the controller has not approved.',
  ),
  rule(
    'R-ART28-2-NOTICE-TOO-SHORT',
    'error',
    'GDPR Art. 28(2); Decision (EU) 2021/914 Clause 9(a)',
    'Wijziging van subverwerker niet of later aangekondigd dan de opzegtermijn toestaat.',
    'Sub-processor change not notified, or notified later than the notice period allows.',
  ),
  rule(
    'R-ART28-2-OBJECTION-MISSING',
    'warning',
    'GDPR Art. 28(2)',
    'Aangekondigde wijziging zonder bezwaartermijn of bezwaarstatus.',
    'Notified change without an objection deadline or objection status.',
  ),
  // Transfers (reference §4)
  rule(
    'R-RECIPIENT-COUNTRY-MISSING',
    'error',
    'GDPR Art. 30(1)(d), 30(1)(e); EDPB Opinion 22/2024',
    'Verwerkingslocatie (land) van de ontvanger ontbreekt.',
    'Processing location (country) of the recipient is missing.',
    { field: 'transfers' },
  ),
  rule(
    'R-ART44-NO-VALID-MECHANISM',
    'error',
    'GDPR Art. 44-49',
    'Doorgifte naar een derde land zonder geldig doorgiftemechanisme.',
    'Transfer to a third country without a valid transfer mechanism.',
  ),
  rule(
    'R-ART46-TIA-MISSING',
    'warning',
    'CJEU C-311/18 (Schrems II); SCC Clause 14; EDPB Recommendations 01/2020 v2.0',
    'Doorgifte op grond van art. 46 zonder doorgiftebeoordeling (TIA).',
    'Art. 46 transfer without a transfer impact assessment (TIA).',
  ),
  rule(
    'R-TIA-REVIEW-DATE-MISSING',
    'warning',
    'EDPB Recommendations 01/2020 v2.0 (step 6: re-evaluate)',
    'Doorgiftebeoordeling (TIA) zonder herzieningsdatum.',
    'Transfer impact assessment (TIA) without a review date.',
  ),
  rule(
    'R-TIA-REVIEW-OVERDUE',
    'warning',
    'EDPB Recommendations 01/2020 v2.0 (step 6: re-evaluate)',
    'De herzieningsdatum van de doorgiftebeoordeling (TIA) is verstreken.',
    'The review date of the transfer impact assessment (TIA) has passed.',
  ),
  rule(
    'R-ART49-COMPELLING-CONDITIONS',
    'error',
    'GDPR Art. 49(1) second subparagraph, 30(1)(e)',
    'Doorgifte op grond van dwingende gerechtvaardigde belangen zonder melding aan de toezichthouder of vastgelegde waarborgen.',
    'Compelling-legitimate-interests transfer without informing the supervisory authority or documenting the safeguards.',
  ),
  rule(
    'R-ART49-DEROGATION-USED',
    'info',
    'GDPR Art. 49; EDPB Guidelines 2/2018',
    'Doorgifte op een uitzondering van art. 49: alleen voor incidentele, niet-structurele doorgiften.',
    'Transfer on an Art. 49 derogation: only for occasional, non-structural transfers.',
  ),
  rule(
    'R-ADEQUACY-EXPIRING',
    'info',
    'GDPR Art. 45(3)',
    'Het adequaatheidsbesluit waarop deze doorgifte steunt, verloopt binnenkort.',
    'The adequacy decision this transfer relies on expires soon.',
  ),
  // Retention (reference §8)
  rule(
    'R-RETENTION-MISSING',
    'warning',
    'GDPR Art. 5(1)(e), 30(1)(f)',
    'Geen bewaartermijnen vastgelegd.',
    'No retention periods recorded.',
    { field: 'retention' },
  ),
  rule(
    'R-RETENTION-PERIOD-EMPTY',
    'warning',
    'GDPR Art. 13(2)(a), 30(1)(f)',
    'Bewaarregel zonder termijn en zonder criterium.',
    'Retention rule with neither a period nor a criterion.',
  ),
  rule(
    'R-RETENTION-VAGUE',
    'warning',
    'GDPR Art. 13(2)(a); CNIL registre de base',
    '"Zo lang als nodig" is geen bewaartermijn: noem een termijn of een toetsbaar criterium.',
    '"As long as necessary" is not a retention period: state a period or a verifiable criterion.',
  ),
  rule(
    'R-RETENTION-LEGAL-REFERENCE-MISSING',
    'warning',
    'GDPR Art. 30(1)(f); AP recommendation 28 Nov 2018; EDPB erasure report 10 Feb 2026',
    'Bewaartermijn op grond van een wettelijke plicht zonder verwijzing naar die wet.',
    'Retention period based on a legal obligation without a reference to that law.',
  ),
  rule(
    'R-RETENTION-DURATION-INVALID',
    'error',
    'GDPR Art. 30(1)(f); ISO 8601',
    'Bewaartermijn is geen geldige ISO 8601-duur (bijv. P3Y, P180D).',
    'Retention duration is not a valid ISO 8601 duration (e.g. P3Y, P180D).',
  ),
  rule(
    'R-RETENTION-TRIGGER-MISSING',
    'warning',
    'GDPR Art. 13(2)(a), 30(1)(f)',
    'Bewaartermijn zonder startmoment (bijv. na einde overeenkomst).',
    'Retention period without a starting event (e.g. after the contract ends).',
  ),
  rule(
    'R-RETENTION-CATEGORY-UNCOVERED',
    'info',
    'GDPR Art. 30(1)(f)',
    'Gegevenscategorie zonder bewaartermijn.',
    'Data category without a retention period.',
  ),
] as const satisfies readonly HealthRule[];

export type HealthRuleId = (typeof HEALTH_RULES)[number]['id'];

export const HEALTH_RULES_BY_ID: ReadonlyMap<HealthRuleId, HealthRule> = new Map(
  HEALTH_RULES.map((r) => [r.id, r] as const),
);
