// Public API of #gdpr: versioned GDPR reference data, computed transfer status and register
// health. Pure functions and constant data only (no framework, no database).
export * from './reference.js';
export * from './legal-bases.data.js';
export * from './countries.js';
export * from './adequacy.data.js';
export { adequacyDecisionFor, checkAdequacy } from './adequacy.js';
export type { AdequacyCheck, AdequacyGap, RecipientScopeFacts } from './adequacy.js';
export * from './transfer-mechanisms.data.js';
export * from './transfer-status.js';
export * from './toms.data.js';
export * from './data-categories.data.js';
export * from './data-subjects.data.js';
export * from './recipients.data.js';
export * from './retention.data.js';
export { isIsoDuration, isVagueRetentionText } from './retention.js';
export * from './digital-consent-age.data.js';
export * from './rights.data.js';
export * from './rights-available.js';
export * from './art30-exemption.js';
export { isIsoDate } from './dates.js';
export type * from './register-facts.js';
export * from './health-rules.js';
export { DEFAULT_HEALTH_OPTIONS } from './health-check.js';
export type { HealthOptions, LocatedTransfer } from './health-check.js';
export { REQUIRED_FIELDS, SEVERITY_PENALTY } from './completeness.js';
export type { FieldCompleteness } from './completeness.js';
export { activityTransfers, activityTransferStatus } from './activity-transfers.js';
export * from './register-health.js';
