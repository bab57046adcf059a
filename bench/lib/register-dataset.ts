import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { AuthService, TenantsService } from '#accounts';
import { TenantDb } from '#database';
import { Activity, Engagement, Party } from '#register';

const COUNTRIES = ['NL', 'DE', 'IE', 'FR', 'US', 'GB', 'BE', 'SE'];
const BASES = ['ART6_1_B', 'ART6_1_C', 'ART6_1_F', 'ART6_1_A'];
const CATEGORIES = ['DC_NAME', 'DC_EMAIL', 'DC_PHONE', 'DC_IP_ADDRESS', 'DC_USAGE_DATA', 'DC_HEALTH'];

export interface RegisterDataset {
  tenantId: string;
  token: string;
  activities: number;
  /** A sample of the tenant's activity ids (for reads by id). */
  activityIds: string[];
}

/**
 * A tenant with `activities` processing activities, each with 3 purposes, 2 controllers, 3
 * recipients, 1 transfer, 2 retention rules and 3 engagements, over 50 parties and 20 engagements.
 * Written in bulk through the app role (the history trigger records every row, as in real use).
 */
export async function createRegisterDataset(app: INestApplication, activities: number): Promise<RegisterDataset> {
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const { tenant, owner } = await app.get(TenantsService).create({
    slug,
    name: 'Benchmark organisation',
    defaultLocale: 'en',
    owner: { email: `owner@${slug}.test`, displayName: 'Bench', password: 'benchmark-password' },
  });
  const db = app.get(TenantDb);
  const now = new Date();
  const stamp = { tenantId: tenant.id, createdAt: now, updatedAt: now, externalKey: null };
  const parties: Party[] = Array.from({ length: 50 }, (_, i) =>
    Object.assign(new Party(), {
      ...stamp,
      id: randomUUID(),
      name: `Party ${String(i).padStart(3, '0')}`,
      roles: [i % 2 ? 'processor' : 'controller'],
      country: COUNTRIES[i % COUNTRIES.length],
      certifications: i % 3 === 0 ? [{ code: 'EU_US_DPF', since: '2023-08-01' }] : [],
      ...nullParty(),
    }),
  );
  const engagements: Engagement[] = Array.from({ length: 20 }, (_, i) =>
    Object.assign(new Engagement(), {
      ...stamp,
      id: randomUUID(),
      vendorId: parties[i * 2 + 1]!.id,
      parentEngagementId: null,
      purpose: `Service ${i}`,
      description: null,
      status: 'active',
      productIds: [],
      dataCategoryCodes: CATEGORIES.slice(0, 3),
      processingLocations: [COUNTRIES[i % COUNTRIES.length]!],
      accessLocations: i % 4 === 0 ? ['US'] : [],
      transferMechanism: i % 4 === 0 ? 'SCC_MODULE_3' : null,
      tiaReference: null,
      tiaReviewDate: null,
      supplementaryMeasures: null,
      dpaSignedOn: '2024-01-01',
      dpaReference: `DPA-${i}`,
      startedOn: '2024-01-01',
      endedOn: null,
    }),
  );
  const rows: Activity[] = Array.from({ length: activities }, (_, i) => activityRow(stamp, i, parties, engagements));
  await db.run(
    tenant.id,
    async (tx) => {
      await tx.em.insert(Party, parties);
      await tx.em.insert(Engagement, engagements);
    },
    { actor: 'benchmark' },
  );
  // One transaction per 2,000 activities: the history trigger updates the tenant's chain-head row
  // once per row, and within one transaction every update adds a row version the next lookup
  // walks past, so a single transaction of 100,000 rows takes quadratic time.
  for (let start = 0; start < rows.length; start += 2000) {
    await db.run(
      tenant.id,
      async (tx) => {
        const end = Math.min(start + 2000, rows.length);
        for (let i = start; i < end; i += 250) await tx.em.insert(Activity, rows.slice(i, Math.min(i + 250, end)));
      },
      { actor: 'benchmark' },
    );
  }
  const session = await db.run(tenant.id, (tx) => app.get(AuthService).startSession(tx, owner));
  return { tenantId: tenant.id, token: session.token, activities, activityIds: rows.slice(0, 100).map((a) => a.id) };
}

function activityRow(stamp: object, i: number, parties: Party[], engagements: Engagement[]): Activity {
  const party = (k: number) => parties[(i * 7 + k) % parties.length]!;
  const recipients = [0, 1, 2].map((k) => ({
    id: randomUUID(),
    kind: k === 0 ? 'RK_INTERNAL' : 'RK_PROCESSOR',
    partyId: k === 0 ? null : party(k).id,
    name: k === 0 ? 'Support team' : null,
    country: k === 0 ? 'NL' : party(k).country,
    description: null,
    dpaReference: k === 0 ? null : `DPA-${i}-${k}`,
  }));
  return Object.assign(new Activity(), {
    ...stamp,
    id: randomUUID(),
    name: `Activity ${String(i).padStart(5, '0')}`,
    description: `Processing activity number ${i}`,
    department: ['HR', 'Sales', 'IT', 'Support'][i % 4],
    status: 'active',
    role: i % 3 === 0 ? 'processor' : 'controller',
    reviewDate: '2027-06-30',
    startedOn: '2024-01-01',
    productIds: [],
    jointControllerIds: [],
    engagementIds: [0, 1, 2].map((k) => engagements[(i + k * 5) % engagements.length]!.id),
    controllers: [0, 1].map((k) => ({
      partyId: party(10 + k).id,
      processingCategories: 'hosting',
      dpaReference: 'DPA',
      authorisation: 'general',
    })),
    purposes: [0, 1, 2].map((k) => ({
      id: randomUUID(),
      description: `Purpose ${k} of activity ${i}`,
      legalBasis: BASES[(i + k) % BASES.length],
      legalReference: null,
      liaReference: null,
      liaDate: null,
      consentMechanism: null,
      consentWithdrawal: null,
      directMarketing: false,
    })),
    dataSubjectCodes: ['DS_CUSTOMERS', 'DS_EMPLOYEES'],
    dataCategoryCodes: CATEGORIES.slice(0, 2 + (i % 4)),
    art9Conditions: [],
    art10Basis: null,
    sources: ['data_subject'],
    sourceDescription: null,
    recipients,
    transfers: [
      {
        id: randomUUID(),
        country: 'US',
        recipientId: recipients[1]!.id,
        partyId: null,
        mechanism: 'SCC_MODULE_2',
        tiaReference: i % 2 ? 'TIA-1' : null,
        tiaReviewDate: null,
        supplementaryMeasures: null,
        saNotifiedAt: null,
        safeguardReference: null,
        description: null,
      },
    ],
    retention: CATEGORIES.slice(0, 2).map((code) => ({
      id: randomUUID(),
      dataCategoryCode: code,
      duration: 'P2Y',
      trigger: 'RT_CONTRACT_END',
      action: 'RA_DELETE',
      justification: null,
      legalReference: null,
      criterion: null,
    })),
    automatedDecision: null,
    dpia: { required: false, status: null, reference: null },
    tomCodes: [],
    securityDescription: null,
    informationSocietyService: null,
    likelyRisk: null,
    occasional: null,
  });
}

function nullParty() {
  return {
    legalForm: null,
    registrationNumber: null,
    street: null,
    postalCode: null,
    city: null,
    contactName: null,
    contactEmail: null,
    contactPhone: null,
    dpoName: null,
    dpoEmail: null,
    dpoPhone: null,
    website: null,
    isPublicAuthority: false,
    staffCount: null,
    description: null,
  };
}
