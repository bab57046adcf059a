import type { INestApplication } from '@nestjs/common';
import { codes, createTestTenant, gql, startTestApp, type TestTenant } from '#testing';

/** Import keys are unique per tenant: a clash is a CONFLICT naming the field, never a 500. */
describe('register: external keys', () => {
  let app: INestApplication;
  let a: TestTenant;
  let b: TestTenant;
  let vendorA: string;

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestTenant(app);
    b = await createTestTenant(app);
    const vendor = await gql<{ createParty: { id: string } }>(
      app,
      `mutation { createParty(input: { name: "Vendor", roles: [SUBPROCESSOR], externalKey: "V-1" }) { id } }`,
      {},
      a.ownerToken,
    );
    vendorA = vendor.data!.createParty.id;
  });
  afterAll(() => app.close());

  const engagement = (token: string, vendorId: string, externalKey: string) =>
    gql(
      app,
      `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`,
      { input: { vendorId, purpose: 'Hosting', processingLocations: ['NL'], externalKey } },
      token,
    );

  it('refuses a second engagement, party or product with the same key in one tenant', async () => {
    expect(codes(await engagement(a.ownerToken, vendorA, 'E-1'))).toEqual([]);
    const clash = await engagement(a.ownerToken, vendorA, 'E-1');
    expect(clash.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalKey' });
    const party = await gql(
      app,
      `mutation { createParty(input: { name: "Other", roles: [], externalKey: "V-1" }) { id } }`,
      {},
      a.ownerToken,
    );
    expect(party.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalKey' });
    await gql(app, `mutation { createProduct(input: { name: "P", externalKey: "P-1" }) { id } }`, {}, a.ownerToken);
    const product = await gql(
      app,
      `mutation { createProduct(input: { name: "Q", externalKey: "P-1" }) { id } }`,
      {},
      a.ownerToken,
    );
    expect(product.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalKey' });
  });

  it('lets another tenant use the same keys', async () => {
    const vendor = await gql<{ createParty: { id: string } }>(
      app,
      `mutation { createParty(input: { name: "Vendor", roles: [SUBPROCESSOR], externalKey: "V-1" }) { id } }`,
      {},
      b.ownerToken,
    );
    expect(vendor.errors).toBeUndefined();
    expect(codes(await engagement(b.ownerToken, vendor.data!.createParty.id, 'E-1'))).toEqual([]);
  });
});
