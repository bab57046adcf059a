/**
 * A demo register as data: what a privacy policy says, in the register's own terms. Each step
 * happens at a date (from the policy's changelog) and is written through the register services,
 * so validation and the hash-chained history apply exactly as for a user's changes.
 */
export interface DemoStep {
  /** When the change took effect (YYYY-MM-DD), recorded as the history entry's effective date. */
  on: string;
  /** The changelog line, as the policy has it. */
  note: string;
  parties?: DemoParty[];
  products?: DemoProduct[];
  engagements?: DemoEngagement[];
  activities?: DemoActivity[];
  cookies?: DemoCookie[];
  customDataCategories?: Array<{ code: string; labelNl: string; labelEn: string; special: boolean; criminal: boolean }>;
  /** Changes to a party named earlier (by key). */
  partyUpdates?: Array<{ key: string; changes: Record<string, unknown> }>;
}

/** `key` names an item within the demo so later items can refer to it. */
export interface DemoParty {
  key: string;
  name: string;
  roles: string[];
  [field: string]: unknown;
}
export interface DemoProduct {
  key: string;
  name: string;
  description?: string;
  website?: string;
}
export interface DemoEngagement {
  key: string;
  vendor: string;
  products: string[];
  purpose: string;
  [field: string]: unknown;
}
export interface DemoActivity {
  key: string;
  name: string;
  controllers?: Array<{ party: string; processingCategories: string; dpaReference?: string }>;
  recipients?: Array<{ kind: string; party?: string; name?: string; country?: string; description?: string }>;
  products?: string[];
  engagements?: string[];
  [field: string]: unknown;
}
export interface DemoCookie {
  product?: string;
  name: string;
  purpose: string;
  category: string;
  party: string;
  provider?: string;
  lifetime?: string;
  description?: string;
}

export interface DemoRegister {
  tenant: string;
  steps: DemoStep[];
}
