import { checkCode, checkCodes } from '../common/code-checks.js';
import { sentFields } from '../common/updates.js';
import { ActivityDataSourceEnum, ActivityRoleEnum, ActivityStatusEnum } from './activity-enums.js';
import type { Activity } from './activity.entity.js';
import {
  art10,
  art9,
  automatedDecision,
  controllers,
  date,
  dpia,
  KNOWN,
  purpose,
  recipient,
  retention,
  transfer,
  withIds,
} from './activity-value-checks.js';
import type { CreateActivityInput } from './dto/activity.input.js';

/** What a caller sets on an activity: everything but the keys and timestamps. */
export type ActivityFields = Omit<Activity, 'tenantId' | 'id' | 'createdAt' | 'updatedAt'>;

// Enum values as stored: the GraphQL layer checks them, plain-object callers (seeder, import) may not.
const STATUSES: ReadonlySet<string> = new Set(Object.values(ActivityStatusEnum));
const ROLES: ReadonlySet<string> = new Set(Object.values(ActivityRoleEnum));
const SOURCES: ReadonlySet<string> = new Set(Object.values(ActivityDataSourceEnum));

/** Fields that must keep a value: clearing them is refused. */
export const REQUIRED_FIELDS = ['name', 'role', 'status'] as const;

/**
 * The sent fields of an input as they will be stored, with every reference code, country, date
 * and duration checked (BAD_USER_INPUT naming `input.<path>`). Lists given as null become empty.
 * References to other rows (parties, products …) are checked by `checkActivityReferences`.
 */
export function normaliseActivity(input: Partial<CreateActivityInput>): Partial<ActivityFields> {
  const sent = sentFields(input) as Record<string, unknown> & Partial<CreateActivityInput>;
  delete sent.id;
  const out = sent as Partial<ActivityFields> & Record<string, unknown>;
  for (const list of LIST_FIELDS) if (sent[list] === null) out[list] = [];
  if (sent.status) checkCode('input.status', sent.status, STATUSES, 'activity status');
  if (sent.role) checkCode('input.role', sent.role, ROLES, 'activity role');
  if (sent.reviewDate) out.reviewDate = date('input.reviewDate', sent.reviewDate);
  if (sent.startedOn) out.startedOn = date('input.startedOn', sent.startedOn);
  if (sent.productIds) out.productIds = [...new Set(sent.productIds)];
  if (sent.engagementIds) out.engagementIds = [...new Set(sent.engagementIds)];
  if (sent.jointControllerIds) out.jointControllerIds = [...new Set(sent.jointControllerIds)];
  if (sent.sources)
    out.sources = checkCodes('input.sources', sent.sources, SOURCES, 'data source') as ActivityFields['sources'];
  if (sent.dataCategoryCodes) out.dataCategoryCodes = [...new Set(sent.dataCategoryCodes)];
  if (sent.dataSubjectCodes)
    out.dataSubjectCodes = checkCodes(
      'input.dataSubjectCodes',
      sent.dataSubjectCodes,
      KNOWN.subjects,
      'data-subject category',
    );
  if (sent.tomCodes)
    out.tomCodes = checkCodes('input.tomCodes', sent.tomCodes, KNOWN.toms, 'technical or organisational measure');
  if (sent.purposes) out.purposes = withIds('input.purposes', sent.purposes.map(purpose));
  if (sent.controllers) out.controllers = controllers(sent.controllers);
  if (sent.art9Conditions) out.art9Conditions = sent.art9Conditions.map(art9);
  if (sent.art10Basis) out.art10Basis = art10(sent.art10Basis);
  if (sent.recipients) out.recipients = withIds('input.recipients', sent.recipients.map(recipient));
  if (sent.transfers) out.transfers = withIds('input.transfers', sent.transfers.map(transfer));
  if (sent.retention) out.retention = withIds('input.retention', sent.retention.map(retention));
  if (sent.automatedDecision) out.automatedDecision = automatedDecision(sent.automatedDecision);
  if (sent.dpia) out.dpia = dpia(sent.dpia);
  return out;
}

const LIST_FIELDS = [
  'productIds',
  'engagementIds',
  'jointControllerIds',
  'controllers',
  'purposes',
  'dataSubjectCodes',
  'dataCategoryCodes',
  'art9Conditions',
  'sources',
  'recipients',
  'transfers',
  'retention',
  'tomCodes',
] as const;

/** A new activity's defaults: a draft with empty lists. */
export function emptyActivity(): Omit<ActivityFields, 'name' | 'role'> {
  return {
    description: null,
    department: null,
    status: 'draft',
    reviewDate: null,
    startedOn: null,
    productIds: [],
    jointControllerIds: [],
    engagementIds: [],
    controllers: [],
    purposes: [],
    dataSubjectCodes: [],
    dataCategoryCodes: [],
    art9Conditions: [],
    art10Basis: null,
    sources: [],
    sourceDescription: null,
    recipients: [],
    transfers: [],
    retention: [],
    automatedDecision: null,
    dpia: null,
    tomCodes: [],
    securityDescription: null,
    informationSocietyService: null,
    likelyRisk: null,
    occasional: null,
    externalKey: null,
  };
}
