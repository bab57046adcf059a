import type { Activity } from '../activities/activity.entity.js';
import type { CustomDataCategory } from '../data-categories/data-category.entity.js';
import type { Engagement } from '../engagements/engagement.entity.js';
import type { Party } from '../parties/party.entity.js';
import { activityFacts, type RegisterRows, scopeOf, tenantFacts } from './facts-mapping.js';

const party = (id: string, over: Partial<Party> = {}): Party =>
  ({
    id,
    name: id,
    roles: [],
    country: null,
    street: null,
    postalCode: null,
    city: null,
    contactName: null,
    contactEmail: null,
    contactPhone: null,
    dpoName: null,
    dpoEmail: null,
    dpoPhone: null,
    isPublicAuthority: false,
    staffCount: null,
    certifications: [],
    ...over,
  }) as Party;

const engagement = (id: string, over: Partial<Engagement> = {}): Engagement =>
  ({
    id,
    vendorId: 'google',
    purpose: 'Email',
    status: 'active',
    processingLocations: [],
    accessLocations: [],
    transferMechanism: null,
    tiaReference: null,
    tiaReviewDate: null,
    dpaReference: null,
    dpaSignedOn: null,
    ...over,
  }) as Engagement;

const activity = (over: Partial<Activity> = {}): Activity =>
  ({
    id: 'a1',
    name: 'Payroll',
    role: 'controller',
    status: 'active',
    jointControllerIds: [],
    engagementIds: [],
    controllers: [],
    purposes: [],
    dataSubjectCodes: [],
    dataCategoryCodes: [],
    art9Conditions: [],
    art10Basis: null,
    recipients: [],
    transfers: [],
    retention: [],
    automatedDecision: null,
    dpia: null,
    tomCodes: [],
    securityDescription: null,
    reviewDate: null,
    startedOn: null,
    informationSocietyService: null,
    likelyRisk: null,
    occasional: null,
    ...over,
  }) as Activity;

function rows(parties: Party[], engagements: Engagement[] = [], custom: Partial<CustomDataCategory>[] = []) {
  return {
    day: '2026-11-01',
    parties: new Map(parties.map((p) => [p.id, p])),
    engagements: new Map(engagements.map((e) => [e.id, e])),
    customCategories: new Map(custom.map((c) => [c.code!, c as CustomDataCategory])),
  } satisfies RegisterRows;
}

describe('register facts mapping', () => {
  it('takes the organisation from the own_organisation party, with contact and DPO in one line', () => {
    const own = party('own', {
      name: 'Cradeq',
      roles: ['own_organisation'],
      contactEmail: 'info@cradeq.nl',
      postalCode: '7311SW',
      city: 'Apeldoorn',
      country: 'NL',
      dpoName: 'A. DPO',
      staffCount: 12,
    });
    expect(tenantFacts([party('other', { roles: ['processor'] }), own])).toEqual({
      name: 'Cradeq',
      contact: 'info@cradeq.nl, 7311SW Apeldoorn, NL',
      isPublicAuthority: false,
      staffCount: 12,
      dpo: 'A. DPO',
      country: 'NL',
    });
    expect(tenantFacts([party('other')])).toEqual({ name: null, contact: null, isPublicAuthority: false });
  });

  it('counts a DPF certification only while it is valid', () => {
    const certified = party('v', { certifications: [{ code: 'EU_US_DPF', since: '2023-07-17', until: null }] });
    expect(scopeOf(certified, '2024-01-01')).toEqual({ dpfCertified: true, publicSector: false });
    expect(scopeOf(certified, '2023-07-16').dpfCertified).toBe(false);
    expect(scopeOf(party('v', { isPublicAuthority: true }), '2024-01-01')).toEqual({
      dpfCertified: false,
      publicSector: true,
    });
  });

  it('flags special and criminal categories from the taxonomy or the tenant’s own flags', () => {
    const facts = activityFacts(
      activity({ dataCategoryCodes: ['DC_HEALTH', 'DC_NAME', 'X_RECORDS', 'X_UNKNOWN'] }),
      rows([], [], [{ code: 'X_RECORDS', special: false, criminal: true }]),
    );
    expect(facts.dataCategories).toEqual([
      { code: 'DC_HEALTH', special: true, criminal: false },
      { code: 'DC_NAME', special: false, criminal: false },
      { code: 'X_RECORDS', special: false, criminal: true },
      { code: 'X_UNKNOWN', special: null, criminal: null },
    ]);
  });

  it('makes each engagement a processor recipient located where it processes and reaches the data', () => {
    const google = party('google', { name: 'Google LLC', country: 'US', certifications: [{ code: 'EU_US_DPF' }] });
    const e1 = engagement('e1', {
      processingLocations: ['IE'],
      accessLocations: ['US', 'IE'],
      transferMechanism: 'SCC_MODULE_2',
      dpaSignedOn: '2022-02-21',
    });
    const ended = engagement('e2', { status: 'ended', processingLocations: ['US'] });
    const facts = activityFacts(activity({ engagementIds: ['e1', 'e2', 'missing'] }), rows([google], [e1, ended]));
    expect(facts.recipients).toEqual([
      {
        id: 'e1',
        name: 'Google LLC',
        kind: 'RK_PROCESSOR',
        dpaReference: '2022-02-21',
        authorisation: null,
        locations: ['IE', 'US'].map((country) => ({
          id: 'e1',
          country,
          mechanism: 'SCC_MODULE_2',
          tiaReference: null,
          tiaReviewDate: null,
          dpfCertified: true,
          publicSector: false,
        })),
      },
    ]);
  });

  it('locates recipients by the transfers naming them, their own country, or as a third party', () => {
    const facts = activityFacts(
      activity({
        recipients: [
          {
            id: 'r1',
            kind: 'RK_PROCESSOR',
            partyId: 'acme',
            name: null,
            country: null,
            description: null,
            dpaReference: 'DPA-1',
          },
          {
            id: 'r2',
            kind: 'RK_INTERNAL',
            partyId: null,
            name: 'HR',
            country: null,
            description: null,
            dpaReference: null,
          },
        ],
        transfers: [
          {
            id: 't1',
            country: 'US',
            recipientId: 'r1',
            partyId: null,
            mechanism: 'SCC_MODULE_2',
            tiaReference: 'TIA-1',
          } as never,
          { id: 't2', country: 'IN', recipientId: null, partyId: null, mechanism: null } as never,
        ],
      }),
      rows([party('acme', { name: 'Acme', country: 'NL' })]),
    );
    expect(facts.recipients.map((r) => [r.id, r.name, r.kind, r.locations.map((l) => l.country)])).toEqual([
      ['r1', 'Acme', 'RK_PROCESSOR', ['US', 'NL']],
      ['r2', 'HR', 'RK_INTERNAL', []],
      ['t2', 'IN', 'RK_THIRD_PARTY', ['IN']],
    ]);
    expect(facts.recipients[0]!.locations[0]).toMatchObject({
      id: 't1',
      mechanism: 'SCC_MODULE_2',
      tiaReference: 'TIA-1',
    });
  });

  it('maps a processor activity: controllers, their processing categories and sub-processor authorisation', () => {
    const school = party('school', { name: 'School', contactEmail: 'dpo@school.nl' });
    const facts = activityFacts(
      activity({
        role: 'processor',
        engagementIds: ['e1'],
        controllers: [
          {
            partyId: 'school',
            processingCategories: 'Hosting the LMS',
            dpaReference: 'VWO-1',
            authorisation: 'general',
          },
          { partyId: 'gone', processingCategories: null, dpaReference: null, authorisation: 'specific' },
        ],
        tomCodes: [],
        securityDescription: 'Encrypted at rest',
      }),
      rows([school, party('google')], [engagement('e1', { processingLocations: ['NL'] })]),
    );
    expect(facts.controllers).toEqual([{ name: 'School', contact: 'dpo@school.nl', dpaReference: 'VWO-1' }]);
    expect(facts.purposes).toEqual([{ description: 'Hosting the LMS' }]);
    expect(facts.recipients[0]!.authorisation).toBe('specific');
    expect(facts.toms).toEqual(['Encrypted at rest']);
  });
});
