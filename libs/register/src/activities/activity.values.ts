/**
 * The value lists an activity carries as jsonb. They have no life outside their activity, so they
 * are part of its row (and of its history entry). Codes are #gdpr reference codes (or a tenant's
 * custom data-category codes); `id`s are stable within the activity so edits can be followed.
 */

/** One purpose with its own Art. 6(1) basis and what that basis needs. */
export interface Purpose {
  id: string;
  description: string;
  legalBasis: string | null;
  /** Art. 6(3): the law behind (c) legal obligation or (e) public task. */
  legalReference: string | null;
  /** (f): the legitimate-interest assessment, and when it was documented. */
  liaReference: string | null;
  liaDate: string | null;
  /** (a): how consent is obtained and recorded (Art. 7(1)), and withdrawn (Art. 7(3)). */
  consentMechanism: string | null;
  consentWithdrawal: string | null;
  directMarketing: boolean | null;
}

/** Art. 30(2): a controller the tenant processes for, and the categories of processing for it. */
export interface ControllerLink {
  partyId: string;
  processingCategories: string | null;
  /** The Art. 28(3) agreement with that controller. */
  dpaReference: string | null;
  authorisation: 'general' | 'specific' | null;
}

export interface Art9Condition {
  code: string;
  legalReference: string | null;
  explicitConsent: boolean | null;
}

export interface Art10Basis {
  code: string;
  legalReference: string | null;
}

/** Art. 30(1)(d): who receives the data, and where. */
export interface Recipient {
  id: string;
  kind: string;
  partyId: string | null;
  name: string | null;
  country: string | null;
  description: string | null;
  dpaReference: string | null;
}

/** Art. 30(1)(e): a transfer to a third country or international organisation. */
export interface Transfer {
  id: string;
  country: string;
  /** The recipient (of this activity) or party receiving it. */
  recipientId: string | null;
  partyId: string | null;
  mechanism: string | null;
  tiaReference: string | null;
  tiaReviewDate: string | null;
  supplementaryMeasures: string | null;
  /** Art. 49(1) second subparagraph: when the supervisory authority was informed. */
  saNotifiedAt: string | null;
  safeguardReference: string | null;
  description: string | null;
}

/** Art. 30(1)(f): how long one data category is kept, or the criterion. */
export interface RetentionRule {
  id: string;
  dataCategoryCode: string | null;
  /** ISO 8601, e.g. P180D. */
  duration: string | null;
  trigger: string | null;
  action: string | null;
  justification: string | null;
  legalReference: string | null;
  criterion: string | null;
}

export interface AutomatedDecision {
  exists: boolean;
  description: string | null;
  /** Art. 22(1): solely automated with legal or similarly significant effect. */
  legalOrSimilarEffect: boolean;
  exception: string | null;
  profiling: boolean;
}

export interface Dpia {
  required: boolean | null;
  status: 'not_started' | 'in_progress' | 'done' | null;
  reference: string | null;
}
