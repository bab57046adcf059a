import type { INestApplication } from '@nestjs/common';
import { codes, createTestTenant, gql, ownerClient, Role, startTestApp, type TestTenant } from '#testing';

const CREATE_PRODUCT = `mutation($input: CreateProductInput!, $note: String) { createProduct(input: $input, note: $note) { id name website } }`;
const UPDATE_PRODUCT = `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { id name description } }`;
const DELETE_PRODUCT = `mutation($id: ID!) { deleteProduct(id: $id) { id name } }`;
const GET_PRODUCT = `query($id: ID!, $asOf: DateTime) { product(id: $id, asOf: $asOf) { name description } }`;
const CREATE_COOKIE = `mutation($input: CreateCookieInput!) { createCookie(input: $input) { id name category party product { name } } }`;
const UPDATE_COOKIE = `mutation($input: UpdateCookieInput!) { updateCookie(input: $input) { id name category productId } }`;
const DELETE_COOKIE = `mutation($id: ID!) { deleteCookie(id: $id) { id } }`;
const GET_COOKIE = `query($id: ID!, $asOf: DateTime) { cookie(id: $id, asOf: $asOf) { name lifetime product { name } } }`;

type Id = { id: string };
const pause = () => new Promise((r) => setTimeout(r, 20));

describe('register: products and cookies', () => {
  let app: INestApplication;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestTenant(app, 'A');
    b = await createTestTenant(app, 'B');
  });
  afterAll(() => app.close());

  const product = async (tenant: TestTenant, input: Record<string, unknown>) => {
    const res = await gql<{ createProduct: Id }>(app, CREATE_PRODUCT, { input }, tenant.ownerToken);
    expect(res.errors).toBeUndefined();
    return res.data!.createProduct.id;
  };
  const cookie = (tenant: TestTenant, input: Record<string, unknown>, token = tenant.ownerToken) =>
    gql<{ createCookie: Id & Record<string, unknown> }>(app, CREATE_COOKIE, { input }, token);

  describe('products', () => {
    it('creates, changes and deletes a product, keeping a note in the history', async () => {
      const res = await gql<{ createProduct: Id }>(
        app,
        CREATE_PRODUCT,
        { input: { name: 'Cradeq Core', website: 'https://cradeq.example/core' }, note: 'launch' },
        a.ownerToken,
      );
      expect(res.errors).toBeUndefined();
      const id = res.data!.createProduct.id;
      const updated = await gql(app, UPDATE_PRODUCT, { input: { id, description: 'Learning platform' } }, a.ownerToken);
      expect(updated.data).toEqual({ updateProduct: { id, name: 'Cradeq Core', description: 'Learning platform' } });
      const db = await ownerClient();
      try {
        const { rows } = await db.query(`SELECT op, note FROM register_changes WHERE entity_id = $1 ORDER BY seq`, [
          id,
        ]);
        expect(rows).toEqual([
          { op: 'insert', note: 'launch' },
          { op: 'update', note: null },
        ]);
      } finally {
        await db.end();
      }
      expect((await gql(app, DELETE_PRODUCT, { id }, a.ownerToken)).data).toEqual({
        deleteProduct: { id, name: 'Cradeq Core' },
      });
      expect(codes(await gql(app, GET_PRODUCT, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
    });

    it('refuses bad input naming the field, and changes nothing', async () => {
      const bad = async (input: Record<string, unknown>, field: string) =>
        expect((await gql(app, CREATE_PRODUCT, { input }, a.ownerToken)).errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field,
        });
      await bad({ name: '' }, 'input.name');
      await bad({ name: 'x'.repeat(201) }, 'input.name');
      await bad({ name: 'Bad', website: 'ftp://nope' }, 'input.website');
      await bad({ name: 'Bad', description: 'x'.repeat(5001) }, 'input.description');
      await bad({ name: 'Bad', externalKey: 'x'.repeat(201) }, 'input.externalKey');
      const note = await gql(app, CREATE_PRODUCT, { input: { name: 'Bad' }, note: 'x'.repeat(1001) }, a.ownerToken);
      expect(note.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      const id = await product(a, { name: 'Keep' });
      const cleared = await gql(app, UPDATE_PRODUCT, { input: { id, name: null } }, a.ownerToken);
      expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
      expect(codes(await gql(app, GET_PRODUCT, { id: 'not-a-uuid' }, a.ownerToken))).toEqual(['BAD_USER_INPUT']);
      const names = await gql<{ products: { edges: Array<{ node: { name: string } }> } }>(
        app,
        `{ products(filter: { search: "Bad" }) { edges { node { name } } } }`,
        {},
        a.ownerToken,
      );
      expect(names.data!.products.edges).toEqual([]);
    });

    it('keeps external keys unique per tenant', async () => {
      await product(a, { name: 'Carbon', externalKey: 'carbon' });
      const again = await gql(
        app,
        CREATE_PRODUCT,
        { input: { name: 'Carbon 2', externalKey: 'carbon' } },
        a.ownerToken,
      );
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalKey' });
      await product(b, { name: 'Carbon elsewhere', externalKey: 'carbon' });
    });

    it('pages by name with cursors and filters by text', async () => {
      for (const name of ['Q-Parallel', 'Q-Core', 'Q-Carbon']) await product(b, { name, description: 'quux' });
      const list = `query($after: String) { products(first: 2, after: $after, filter: { search: "q-" }) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
      type Page = {
        products: {
          totalCount: number;
          edges: Array<{ node: { name: string } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
      const first = await gql<Page>(app, list, {}, b.ownerToken);
      expect(first.data!.products.totalCount).toBe(3);
      expect(first.data!.products.edges.map((e) => e.node.name)).toEqual(['Q-Carbon', 'Q-Core']);
      const second = await gql<Page>(app, list, { after: first.data!.products.pageInfo.endCursor }, b.ownerToken);
      expect(second.data!.products.edges.map((e) => e.node.name)).toEqual(['Q-Parallel']);
      expect(second.data!.products.pageInfo.hasNextPage).toBe(false);
      expect(codes(await gql(app, `{ products(after: "garbage") { totalCount } }`, {}, b.ownerToken))).toEqual([
        'BAD_USER_INPUT',
      ]);
    });

    it('answers as of an instant before a change, from the history', async () => {
      const id = await product(a, { name: 'Parallel', description: 'v1' });
      const before = new Date();
      await pause();
      await gql(app, UPDATE_PRODUCT, { input: { id, name: 'Parallel 2', description: 'v2' } }, a.ownerToken);
      expect((await gql(app, GET_PRODUCT, { id, asOf: before.toISOString() }, a.ownerToken)).data).toEqual({
        product: { name: 'Parallel', description: 'v1' },
      });
      const listed = await gql<{ products: { edges: Array<{ node: { name: string } }> } }>(
        app,
        `query($asOf: DateTime) { products(asOf: $asOf, filter: { search: "Parallel" }) { edges { node { name } } } }`,
        { asOf: before.toISOString() },
        a.ownerToken,
      );
      expect(listed.data!.products.edges.map((e) => e.node.name)).toEqual(['Parallel']);
      const beforeCreation = new Date(Date.now() - 3_600_000).toISOString();
      expect(codes(await gql(app, GET_PRODUCT, { id, asOf: beforeCreation }, a.ownerToken))).toEqual(['NOT_FOUND']);
    });

    it("keeps tenants apart: B's product is NOT_FOUND for A and stays as it was", async () => {
      const id = await product(b, { name: 'B-only' });
      expect(codes(await gql(app, GET_PRODUCT, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
      expect(codes(await gql(app, UPDATE_PRODUCT, { input: { id, name: 'hijacked' } }, a.ownerToken))).toEqual([
        'NOT_FOUND',
      ]);
      expect(codes(await gql(app, DELETE_PRODUCT, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
      expect((await gql(app, GET_PRODUCT, { id }, b.ownerToken)).data).toEqual({
        product: { name: 'B-only', description: null },
      });
    });

    it('refuses to delete a product that cookies, activities or engagements still name', async () => {
      const id = await product(a, { name: 'In use' });
      const c = await cookie(a, { productId: id, name: '_session', category: 'STRICTLY_NECESSARY', party: 'FIRST' });
      const refused = await gql(app, DELETE_PRODUCT, { id }, a.ownerToken);
      expect(refused.errors?.[0]).toMatchObject({
        message: 'In use is still used by 1 cookie.',
        extensions: { code: 'CONFLICT' },
      });
      await gql(app, DELETE_COOKIE, { id: c.data!.createCookie.id }, a.ownerToken);

      const vendor = await gql<{ createParty: Id }>(
        app,
        `mutation { createParty(input: { name: "Vendor", roles: [SUBPROCESSOR] }) { id } }`,
        {},
        a.ownerToken,
      );
      const engagement = await gql<{ createEngagement: Id }>(
        app,
        `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`,
        { input: { vendorId: vendor.data!.createParty.id, purpose: 'Hosting', productIds: [id] } },
        a.ownerToken,
      );
      expect(engagement.errors).toBeUndefined();
      const activity = await gql<{ createActivity: Id }>(
        app,
        `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
        { input: { name: 'Teaching', role: 'PROCESSOR', productIds: [id] } },
        a.ownerToken,
      );
      expect(activity.errors).toBeUndefined();
      const both = await gql(app, DELETE_PRODUCT, { id }, a.ownerToken);
      expect(both.errors?.[0]).toMatchObject({
        message: 'In use is still used by 1 processing activity, 1 engagement.',
        extensions: { code: 'CONFLICT' },
      });
      expect((await gql(app, GET_PRODUCT, { id }, a.ownerToken)).data).toEqual({
        product: { name: 'In use', description: null },
      });
    });
  });

  describe('cookies', () => {
    it('records a cookie per product and reads its product through the loader', async () => {
      const productId = await product(a, { name: 'Cookie jar' });
      const res = await cookie(a, {
        productId,
        name: '_ga',
        purpose: 'Visitor statistics',
        category: 'ANALYTICS',
        party: 'THIRD',
        provider: 'Google',
        lifetime: 'P2Y',
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.createCookie).toMatchObject({
        name: '_ga',
        category: 'ANALYTICS',
        party: 'THIRD',
        product: { name: 'Cookie jar' },
      });
      const id = res.data!.createCookie.id;
      const updated = await gql(app, UPDATE_COOKIE, { input: { id, category: 'MARKETING' } }, a.ownerToken);
      expect(updated.data).toEqual({ updateCookie: { id, name: '_ga', category: 'MARKETING', productId } });
      const unlinked = await gql(app, UPDATE_COOKIE, { input: { id, productId: null } }, a.ownerToken);
      expect(unlinked.data).toEqual({ updateCookie: { id, name: '_ga', category: 'MARKETING', productId: null } });
      expect((await gql(app, GET_COOKIE, { id }, a.ownerToken)).data).toEqual({
        cookie: { name: '_ga', lifetime: 'P2Y', product: null },
      });
      expect((await gql(app, DELETE_COOKIE, { id }, a.ownerToken)).data).toEqual({ deleteCookie: { id } });
      expect(codes(await gql(app, GET_COOKIE, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
    });

    it('refuses unknown products, bad enums, long strings and clearing required fields', async () => {
      const productOfB = await product(b, { name: 'B product' });
      for (const productId of [productOfB, '00000000-0000-4000-8000-000000000000']) {
        const res = await cookie(a, { productId, name: 'x', category: 'FUNCTIONAL', party: 'FIRST' });
        expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.productId' });
      }
      const notUuid = await cookie(a, { productId: 'nope', name: 'x', category: 'FUNCTIONAL', party: 'FIRST' });
      expect(notUuid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.productId' });
      expect(codes(await cookie(a, { name: 'x', category: 'TASTY', party: 'FIRST' }))).toEqual(['BAD_USER_INPUT']);
      const long = await cookie(a, { name: 'x', category: 'FUNCTIONAL', party: 'FIRST', lifetime: 'x'.repeat(101) });
      expect(long.errors?.[0]?.extensions).toMatchObject({ field: 'input.lifetime' });
      const id = (await cookie(a, { name: 'keep', category: 'FUNCTIONAL', party: 'FIRST' })).data!.createCookie.id;
      for (const field of ['name', 'category', 'party']) {
        const res = await gql(app, UPDATE_COOKIE, { input: { id, [field]: null } }, a.ownerToken);
        expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
      }
      const moved = await gql(app, UPDATE_COOKIE, { input: { id, productId: productOfB } }, a.ownerToken);
      expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.productId' });
      expect((await gql(app, GET_COOKIE, { id }, a.ownerToken)).data).toEqual({
        cookie: { name: 'keep', lifetime: null, product: null },
      });
    });

    it('filters by product, category and text, with pages', async () => {
      const t = await createTestTenant(app, 'Cookies');
      const core = await product(t, { name: 'Core' });
      const carbon = await product(t, { name: 'Carbon' });
      for (const [name, productId, category] of [
        ['c_session', core, 'STRICTLY_NECESSARY'],
        ['c_lang', core, 'FUNCTIONAL'],
        ['c_stats', core, 'ANALYTICS'],
        ['k_stats', carbon, 'ANALYTICS'],
      ] as const) {
        expect((await cookie(t, { name, productId, category, party: 'FIRST' })).errors).toBeUndefined();
      }
      type List = {
        cookies: {
          totalCount: number;
          edges: Array<{ node: { name: string; product: { name: string } } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
      const list = `query($filter: CookieFilter, $after: String) { cookies(first: 2, filter: $filter, after: $after) { totalCount edges { node { name product { name } } } pageInfo { hasNextPage endCursor } } }`;
      const names = (res: { data?: List | null }) => res.data!.cookies.edges.map((e) => e.node.name);
      const byCore = await gql<List>(app, list, { filter: { productId: core } }, t.ownerToken);
      expect(byCore.data!.cookies.totalCount).toBe(3);
      expect(names(byCore)).toEqual(['c_lang', 'c_session']);
      expect(byCore.data!.cookies.edges[0]!.node.product).toEqual({ name: 'Core' });
      const next = await gql<List>(
        app,
        list,
        { filter: { productId: core }, after: byCore.data!.cookies.pageInfo.endCursor },
        t.ownerToken,
      );
      expect(names(next)).toEqual(['c_stats']);
      expect(next.data!.cookies.pageInfo.hasNextPage).toBe(false);
      expect(names(await gql<List>(app, list, { filter: { category: 'ANALYTICS' } }, t.ownerToken))).toEqual([
        'c_stats',
        'k_stats',
      ]);
      expect(names(await gql<List>(app, list, { filter: { search: 'K_' } }, t.ownerToken))).toEqual(['k_stats']);
      const badFilter = await gql(app, list, { filter: { productId: 'x' } }, t.ownerToken);
      expect(badFilter.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.productId' });
    });

    it('reads a cookie and its product as of an instant before both changed', async () => {
      const productId = await product(a, { name: 'Old name' });
      const id = (
        await cookie(a, { productId, name: 'pref', category: 'FUNCTIONAL', party: 'FIRST', lifetime: '1 day' })
      ).data!.createCookie.id;
      const before = new Date();
      await pause();
      await gql(app, UPDATE_PRODUCT, { input: { id: productId, name: 'New name' } }, a.ownerToken);
      await gql(app, UPDATE_COOKIE, { input: { id, lifetime: '1 year' } }, a.ownerToken);
      expect((await gql(app, GET_COOKIE, { id, asOf: before.toISOString() }, a.ownerToken)).data).toEqual({
        cookie: { name: 'pref', lifetime: '1 day', product: { name: 'Old name' } },
      });
      expect((await gql(app, GET_COOKIE, { id }, a.ownerToken)).data).toEqual({
        cookie: { name: 'pref', lifetime: '1 year', product: { name: 'New name' } },
      });
    });

    it("keeps tenants apart: B's cookie is NOT_FOUND for A and stays as it was", async () => {
      const id = (await cookie(b, { name: 'b-cookie', category: 'FUNCTIONAL', party: 'FIRST' })).data!.createCookie.id;
      expect(codes(await gql(app, GET_COOKIE, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
      expect(codes(await gql(app, UPDATE_COOKIE, { input: { id, name: 'hijacked' } }, a.ownerToken))).toEqual([
        'NOT_FOUND',
      ]);
      expect(codes(await gql(app, DELETE_COOKIE, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
      expect((await gql(app, GET_COOKIE, { id }, b.ownerToken)).data).toEqual({
        cookie: { name: 'b-cookie', lifetime: null, product: null },
      });
    });
  });

  it('lets viewers and auditors read products and cookies but not write them', async () => {
    const productId = await product(a, { name: 'Read only' });
    const cookieId = (await cookie(a, { name: 'ro', category: 'FUNCTIONAL', party: 'FIRST' })).data!.createCookie.id;
    for (const role of [Role.VIEWER, Role.AUDITOR]) {
      const token = await a.tokenFor(role, role === Role.AUDITOR ? new Date(Date.now() + 86_400_000) : null);
      expect(codes(await gql(app, CREATE_PRODUCT, { input: { name: 'Nope' } }, token))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(app, UPDATE_PRODUCT, { input: { id: productId, name: 'Nope' } }, token))).toEqual([
        'FORBIDDEN',
      ]);
      expect(codes(await gql(app, DELETE_PRODUCT, { id: productId }, token))).toEqual(['FORBIDDEN']);
      expect(codes(await cookie(a, { name: 'Nope', category: 'FUNCTIONAL', party: 'FIRST' }, token))).toEqual([
        'FORBIDDEN',
      ]);
      expect(codes(await gql(app, DELETE_COOKIE, { id: cookieId }, token))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(app, `{ products { totalCount } cookies { totalCount } }`, {}, token))).toEqual([]);
    }
    expect((await gql(app, GET_PRODUCT, { id: productId }, a.ownerToken)).data).toEqual({
      product: { name: 'Read only', description: null },
    });
  });
});
