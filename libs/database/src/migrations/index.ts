import { Accounts1763780000000 } from './1763780000000-accounts.js';
import { Register1763790000000 } from './1763790000000-register.js';
import { Notifications1763800000000 } from './1763800000000-notifications.js';
import { Reports1763810000000 } from './1763810000000-reports.js';
import { Defences1763820000000 } from './1763820000000-defences.js';
import { ApproverIndex1763830000000 } from './1763830000000-approver-index.js';
import { DeliveryLookups1763880000000 } from './1763880000000-delivery-lookups.js';

/** Every migration, in order. Listed as classes, not globs: ESM has no directory scanning. */
export const MIGRATIONS = [
  Accounts1763780000000,
  Register1763790000000,
  Notifications1763800000000,
  Reports1763810000000,
  Defences1763820000000,
  ApproverIndex1763830000000,
  DeliveryLookups1763880000000,
];
