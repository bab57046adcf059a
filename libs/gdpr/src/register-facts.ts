// The plain input of the register-health evaluation: what the register service maps its rows into.
// No database or framework types; codes are the reference-data codes of this lib. Optional fields
// mean "not recorded": checks treat them as missing, never as compliant. Dates are ISO YYYY-MM-DD.
import type { Art10Code, Art22ExceptionCode, Art6Code, Art9Code } from './legal-bases.data.js';
import type { RecipientKindCode } from './recipients.data.js';
import type { RetentionActionCode, RetentionJustificationCode, RetentionTriggerCode } from './retention.data.js';
import type { TransferFlow } from './transfer-status.js';

export type ActivityRole = 'controller' | 'joint_controller' | 'processor';

export interface TenantFacts {
  /** Art. 30(1)(a) / 30(2)(a): the organisation keeping the register. */
  readonly name: string | null;
  readonly contact: string | null;
  readonly isPublicAuthority: boolean;
  readonly staffCount?: number | null;
  readonly dpo?: string | null;
  /** Main establishment (ISO alpha-2): exporter country for transfers, Art. 8 age in messages. */
  readonly country?: string | null;
}

/** A joint controller, or a controller a processor acts for. */
export interface PartyFacts {
  readonly name: string;
  readonly contact?: string | null;
  /** Art. 28(3) contract with this controller (processor activities). */
  readonly dpaReference?: string | null;
}

export interface PurposeFacts {
  readonly id?: string;
  /** For processor activities: the category of processing carried out (Art. 30(2)(b)). */
  readonly description: string;
  readonly legalBasis?: Art6Code | null;
  /** Art. 6(3): the law a legal obligation or public task rests on. */
  readonly legalReference?: string | null;
  readonly liaReference?: string | null;
  /** Date the LIA was documented; must not be after the activity started. */
  readonly liaDate?: string | null;
  /** Art. 7(1): how consent is obtained and recorded. */
  readonly consentMechanism?: string | null;
  /** Art. 7(3): how consent is withdrawn. */
  readonly consentWithdrawal?: string | null;
  readonly directMarketing?: boolean | null;
  /** Art. 20(1)(b): carried out by automated means (default true). */
  readonly automatedProcessing?: boolean | null;
}

/** A data category; codes outside the taxonomy are allowed with explicit flags. */
export interface DataCategoryFacts {
  readonly code: string;
  readonly special?: boolean | null;
  readonly criminal?: boolean | null;
}

export interface SubjectCategoryFacts {
  readonly code: string;
  readonly child?: boolean | null;
}

export interface Art9ConditionFacts {
  readonly code: Art9Code;
  readonly legalReference?: string | null;
  /** Rule 3: consent under 9(2)(a) is explicit (e.g. a separate, express statement). */
  readonly explicitConsent?: boolean | null;
}

export interface Art10Facts {
  readonly code: Art10Code;
  readonly legalReference?: string | null;
}

export interface AutomatedDecisionFacts {
  /** Art. 22(1): solely automated, with legal or similarly significant effects. */
  readonly legalOrSimilarEffect: boolean;
  readonly exception?: Art22ExceptionCode | null;
  /** Defaults to whether the activity holds special-category data. */
  readonly usesSpecialCategories?: boolean | null;
}

export interface DpiaFacts {
  /** null: the need for a DPIA has not been assessed. */
  readonly required: boolean | null;
  readonly status?: 'not_started' | 'in_progress' | 'done' | null;
  readonly reference?: string | null;
}

/** One place a recipient processes the data; exporter facts come from the tenant. */
export interface TransferLocationFacts extends Omit<TransferFlow, 'exporterCountry' | 'exporterPublicAuthority'> {
  readonly id?: string;
  readonly tiaReviewDate?: string | null;
  /** Art. 49(1) second subparagraph: date the supervisory authority was informed. */
  readonly saNotifiedAt?: string | null;
  /** Art. 30(1)(e): documentation of the suitable safeguards for that derogation. */
  readonly safeguardReference?: string | null;
}

export interface RecipientFacts {
  readonly id?: string;
  readonly name: string;
  readonly kind: RecipientKindCode;
  /** Art. 28(3) contract; for sub-processors the flow-down contract of Art. 28(4). */
  readonly dpaReference?: string | null;
  /** Sub-processors (Art. 28(2)): specific or general prior written authorisation. */
  readonly authorisation?: 'specific' | 'general' | null;
  readonly approvedAt?: string | null;
  /** General authorisation: the change notice and when the change takes effect. */
  readonly notifiedAt?: string | null;
  readonly effectiveAt?: string | null;
  /** Contractual notice period in days (default from the options, 30). */
  readonly noticeDays?: number | null;
  readonly objectionDeadline?: string | null;
  readonly objectionStatus?: 'pending' | 'no_objection' | 'objected' | 'resolved' | null;
  readonly locations: readonly TransferLocationFacts[];
}

export interface RetentionRuleFacts {
  readonly id?: string;
  /** The category it covers; null or absent: every category of the activity. */
  readonly dataCategory?: string | null;
  /** ISO 8601 duration, e.g. P180D, P3Y. */
  readonly duration?: string | null;
  readonly trigger?: RetentionTriggerCode | null;
  readonly action?: RetentionActionCode | null;
  readonly justification?: RetentionJustificationCode | null;
  readonly legalReference?: string | null;
  /** Art. 13(2)(a): the criterion used when a fixed period is not possible. */
  readonly criterion?: string | null;
}

export interface ActivityFacts {
  readonly id: string;
  readonly name: string;
  readonly role: ActivityRole;
  readonly jointControllers?: readonly PartyFacts[];
  /** Processor activities: each controller acted for (Art. 30(2)(a)). */
  readonly controllers?: readonly PartyFacts[];
  readonly purposes: readonly PurposeFacts[];
  readonly dataCategories: readonly DataCategoryFacts[];
  readonly subjectCategories: readonly SubjectCategoryFacts[];
  readonly art9Conditions?: readonly Art9ConditionFacts[];
  readonly art10Basis?: Art10Facts | null;
  /** Art. 8: an information society service offered directly to children. */
  readonly informationSocietyService?: boolean | null;
  /** Art. 8(2): how age is checked and parental consent obtained. */
  readonly childConsentVerification?: string | null;
  readonly automatedDecision?: AutomatedDecisionFacts | null;
  readonly dpia?: DpiaFacts | null;
  readonly reviewDate?: string | null;
  /** When processing started (for "LIA before processing"). */
  readonly startedAt?: string | null;
  /** Public authorities: done in performance of their tasks / public powers (default true). */
  readonly officialTasks?: boolean | null;
  /** Art. 30(5): likely to result in a risk (unknown counts as yes). */
  readonly likelyRisk?: boolean | null;
  /** Art. 30(5): occasional, i.e. outside the regular course of business (unknown counts as no). */
  readonly occasional?: boolean | null;
  readonly recipients: readonly RecipientFacts[];
  readonly retention: readonly RetentionRuleFacts[];
  readonly toms: readonly string[];
}

export interface RegisterFacts {
  readonly tenant: TenantFacts;
  readonly activities: readonly ActivityFacts[];
}
