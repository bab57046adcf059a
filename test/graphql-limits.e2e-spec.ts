import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DEEP_REGISTER_QUERY } from '../bench/scenarios/deep-register-query.bench.js';
import { codes, countStatements, createTestTenant, gql, Role, startTestApp, type TestTenant } from '#testing';

/**
 * The abuse limits: every over-limit request is refused before anything runs, with its own
 * code; rate limits count cost per user and per API key, across processes.
 */
describe('GraphQL abuse limits', () => {
  let app: INestApplication;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp({ GRAPHQL_MAX_DOCUMENT_BYTES: '2000', HTTP_MAX_BODY_BYTES: '20000' });
    tenant = await createTestTenant(app, 'Limits');
  });
  afterAll(() => app.close());

  const post = (target: INestApplication, body: unknown, token = tenant.ownerToken) =>
    request(target.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .send(body as object);

  const productCount = async (target = app) =>
    (await gql<{ products: { totalCount: number } }>(target, `{ products { totalCount } }`, {}, tenant.ownerToken))
      .data!.products.totalCount;

  describe('document and body size', () => {
    it('refuses a document over GRAPHQL_MAX_DOCUMENT_BYTES with 413 DOCUMENT_TOO_LARGE', async () => {
      const padded = `{ viewer { role } ${' '.repeat(2_100)}}`;
      const res = await post(app, { query: padded });
      expect(res.status).toBe(413);
      expect(res.body.errors[0].extensions.code).toBe('DOCUMENT_TOO_LARGE');
      expect(res.body.errors[0].message).toMatch(/limit is 2000/);
      const fits = await post(app, { query: `{ viewer { role } ${' '.repeat(1_900)}}` });
      expect(fits.body.data.viewer.role).toBe('OWNER');
    });

    it('measures the document in bytes, not characters', async () => {
      const res = await post(app, { query: `{ viewer { role } } # ${'é'.repeat(1_000)}` });
      expect(res.status).toBe(413);
    });

    it('applies to documents sent by GET too', async () => {
      const res = await request(app.getHttpServer())
        .get('/graphql')
        .query({ query: `{ viewer { role } ${' '.repeat(2_100)}}` })
        .set('apollo-require-preflight', 'true');
      expect(res.status).toBe(413);
      expect(res.body.errors[0].extensions.code).toBe('DOCUMENT_TOO_LARGE');
    });

    it('refuses a body over HTTP_MAX_BODY_BYTES (huge variables) with 413, and malformed JSON with 400', async () => {
      const huge = await post(app, {
        query: `mutation($n: String!) { createProduct(input: { name: $n }) { id } }`,
        variables: { n: 'x'.repeat(30_000) },
      });
      expect(huge.status).toBe(413);
      expect(huge.body.errors[0].extensions.code).toBe('DOCUMENT_TOO_LARGE');
      const broken = await request(app.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .send('{"query": "{ viewer { role } }"');
      expect(broken.status).toBe(400);
      expect(broken.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(await productCount()).toBe(0);
    });
  });

  describe('batching', () => {
    it('is off by default: an array of operations is refused with BATCH_TOO_LARGE', async () => {
      const res = await post(app, [{ query: '{ viewer { role } }' }, { query: '{ viewer { role } }' }]);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BATCH_TOO_LARGE');
      expect(res.body.errors[0].message).toMatch(/batching is off/);
    });

    it('when allowed, is capped at GRAPHQL_MAX_BATCH and nothing of a larger batch runs', async () => {
      const batching = await startTestApp({ GRAPHQL_MAX_BATCH: '3' });
      try {
        const create = (n: number) => ({ query: `mutation { createProduct(input: { name: "Batched ${n}" }) { id } }` });
        const ok = await post(batching, [create(1), create(2), create(3)]);
        expect(ok.status).toBe(200);
        expect(ok.body).toHaveLength(3);
        const tooMany = await post(batching, [create(4), create(5), create(6), create(7)]);
        expect(tooMany.status).toBe(400);
        expect(tooMany.body.errors[0].extensions.code).toBe('BATCH_TOO_LARGE');
        expect(await productCount(batching)).toBe(3);
      } finally {
        await batching.close();
      }
    });
  });

  describe('aliases', () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`;

    it('allows GRAPHQL_MAX_ALIASES (30 by default) and refuses one more with TOO_MANY_ALIASES', async () => {
      expect(codes(await gql(app, aliased(30), {}, tenant.ownerToken))).toEqual([]);
      const res = await gql(app, aliased(31), {}, tenant.ownerToken);
      expect(res.status).toBe(400);
      expect(codes(res)).toEqual(['TOO_MANY_ALIASES']);
    });

    it('counts aliases inside fragments, and refuses an alias flood of sign-ins before any runs', async () => {
      const inFragment = `{ ...F } fragment F on Query { ${Array.from({ length: 31 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`;
      expect(codes(await gql(app, inFragment, {}, tenant.ownerToken))).toEqual(['TOO_MANY_ALIASES']);
      const guesses = Array.from({ length: 31 }, (_, i) => `g${i}: signIn(input: $i) { token }`).join(' ');
      const res = await gql(app, `mutation($i: SignInInput!) { ${guesses} }`, {
        i: { tenant: tenant.slug, email: `owner@${tenant.slug}.test`, password: 'guess' },
      });
      expect(codes(res)).toEqual(['TOO_MANY_ALIASES']);
      expect(res.data).toBeUndefined();
    });
  });

  describe('depth', () => {
    it('refuses operations past GRAPHQL_MAX_DEPTH with QUERY_TOO_DEEP, fragments included', async () => {
      const shallow = await startTestApp({ GRAPHQL_MAX_DEPTH: '3' });
      try {
        const deep = `{ ...F } fragment F on Query { activities { edges { node { name } } } }`;
        const res = await gql(shallow, deep, {}, tenant.ownerToken);
        expect(codes(res)).toEqual(['QUERY_TOO_DEEP']);
        expect(res.status).toBe(400);
      } finally {
        await shallow.close();
      }
    });
  });

  describe('cost', () => {
    let cheap: INestApplication;
    beforeAll(async () => {
      cheap = await startTestApp({ GRAPHQL_MAX_COST: '100', RATE_LIMIT_BURST_POINTS: '100000' });
    });
    afterAll(() => cheap.close());

    const page = `query($n: Int) { products(first: $n) { edges { node { name } } } }`;

    it('counts list fields by their first argument, also when it is a variable', async () => {
      expect(codes(await gql(cheap, page, { n: 40 }, tenant.ownerToken))).toEqual([]);
      const res = await gql(cheap, page, { n: 100 }, tenant.ownerToken);
      expect(res.status).toBe(400);
      expect(codes(res)).toEqual(['QUERY_TOO_COSTLY']);
      expect(res.errors![0]!.message).toMatch(/would cost 201 points; the limit is 100/);
    });

    it('assumes the largest page when first is left out', async () => {
      expect(codes(await gql(cheap, `{ products { edges { node { name } } } }`, {}, tenant.ownerToken))).toEqual([
        'QUERY_TOO_COSTLY',
      ]);
    });

    it('charges mutations more, and refuses a costly batch of writes before any of them runs', async () => {
      const before = await productCount(cheap);
      // Ten points a write: eleven are over the limit of 100.
      const writes = Array.from({ length: 11 }, (_, i) => `p${i}: createProduct(input: { name: "W${i}" }) { id }`);
      const res = await gql(cheap, `mutation { ${writes.join(' ')} }`, {}, tenant.ownerToken);
      expect(codes(res)).toEqual(['QUERY_TOO_COSTLY']);
      expect(res.data).toBeUndefined();
      expect(await productCount(cheap)).toBe(before);
    });

    it('keeps the deep benchmark query (50 activities, nested lists) within the default limit', async () => {
      expect(codes(await gql(app, DEEP_REGISTER_QUERY, {}, tenant.ownerToken))).toEqual([]);
    });
  });
});

describe('rate limits per user and per API key', () => {
  const LIMITS = { GRAPHQL_MAX_COST: '100', RATE_LIMIT_BURST_POINTS: '100', RATE_LIMIT_POINTS_PER_MINUTE: '60' };
  // 21 points: the page (1) and ten nodes (2 each).
  const spend = (aliases: number) =>
    `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: products(first: 10) { edges { node { name } } }`).join(' ')} }`;
  let app: INestApplication;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp(LIMITS);
    tenant = await createTestTenant(app, 'Rate');
  });
  afterAll(() => app.close());

  it('spends the allowance by cost: an alias flood empties it and the next operation gets 429 RATE_LIMITED', async () => {
    const token = await tenant.tokenFor(Role.VIEWER);
    expect(codes(await gql(app, spend(4), {}, token))).toEqual([]); // 84 of 100
    const refused = await request(app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .send({ query: spend(1) });
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.data).toBeUndefined();
    // A cheap operation still fits in what is left.
    expect(codes(await gql(app, `{ viewer { role } }`, {}, token))).toEqual([]);
  });

  it('keeps one bucket per user (across sessions) and one per API key', async () => {
    const member = await tenant.memberFor(Role.EDITOR);
    expect(codes(await gql(app, spend(4), {}, member.token))).toEqual([]);
    const signedInAgain = await gql<{ signIn: { token: string } }>(
      app,
      `mutation($i: SignInInput!) { signIn(input: $i) { token } }`,
      { i: { tenant: tenant.slug, email: member.email, password: 'correct horse battery staple' } },
    );
    const secondSession = signedInAgain.data!.signIn.token;
    expect(codes(await gql(app, spend(1), {}, secondSession))).toEqual(['RATE_LIMITED']);
    const key = await gql<{ createApiKey: { secret: string } }>(
      app,
      `mutation { createApiKey(input: { name: "sync", role: VIEWER }) { secret } }`,
      {},
      tenant.ownerToken,
    );
    expect(codes(await gql(app, spend(4), {}, key.data!.createApiKey.secret))).toEqual([]);
    expect(codes(await gql(app, spend(1), {}, key.data!.createApiKey.secret))).toEqual(['RATE_LIMITED']);
    const other = await tenant.tokenFor(Role.VIEWER);
    expect(codes(await gql(app, spend(4), {}, other))).toEqual([]);
  });

  it('charges every operation of a batch, so batching does not slip past', async () => {
    const batching = await startTestApp({ ...LIMITS, GRAPHQL_MAX_BATCH: '10' });
    try {
      const token = await tenant.tokenFor(Role.VIEWER);
      const res = await request(batching.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${token}`)
        .send(Array.from({ length: 6 }, () => ({ query: spend(1) })));
      const answers = res.body as Array<{ errors?: Array<{ extensions: { code: string } }> }>;
      expect(answers.filter((a) => !a.errors)).toHaveLength(4);
      expect(answers.filter((a) => a.errors?.[0]?.extensions.code === 'RATE_LIMITED')).toHaveLength(2);
    } finally {
      await batching.close();
    }
  });

  it('limits callers without a token by address (sign-in costs 100 points: argon2)', async () => {
    const fresh = await startTestApp(LIMITS);
    try {
      const signIn = `mutation { signIn(input: { tenant: "${tenant.slug}", email: "nobody@x.test", password: "guess" }) { token } }`;
      expect(codes(await gql(fresh, signIn))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await gql(fresh, signIn))).toEqual(['RATE_LIMITED']);
      // A made-up token does not buy a fresh allowance.
      expect(codes(await gql(fresh, signIn, {}, 'a30s.forged.token'))).toEqual(['RATE_LIMITED']);
    } finally {
      await fresh.close();
    }
  });

  it('behind a trusted proxy, limits each client address, not the proxy', async () => {
    const proxied = await startTestApp({ ...LIMITS, HTTP_TRUST_PROXY: 'loopback' });
    try {
      const signIn = (from: string) =>
        request(proxied.getHttpServer())
          .post('/graphql')
          .set('content-type', 'application/json')
          .set('x-forwarded-for', from)
          .send({
            query: `mutation { signIn(input: { tenant: "x", email: "a@b.test", password: "guess" }) { token } }`,
          })
          .then((res) => res.body.errors[0].extensions.code as string);
      expect(await signIn('203.0.113.1')).toBe('UNAUTHENTICATED');
      expect(await signIn('203.0.113.1')).toBe('RATE_LIMITED');
      expect(await signIn('203.0.113.2')).toBe('UNAUTHENTICATED');
    } finally {
      await proxied.close();
    }
  });

  it('costs one statement per operation with the PostgreSQL store', async () => {
    const token = await tenant.tokenFor(Role.VIEWER);
    const statements = await countStatements(async () => void (await gql(app, `{ viewer { role } }`, {}, token)));
    expect(statements.filter((s) => /app_take_rate_points/.test(s))).toHaveLength(1);
  });

  it('holds across processes with the PostgreSQL store: two API instances share one allowance', async () => {
    const second = await startTestApp(LIMITS);
    try {
      const token = await tenant.tokenFor(Role.VIEWER);
      expect(codes(await gql(app, spend(2), {}, token))).toEqual([]); // 42
      expect(codes(await gql(second, spend(2), {}, token))).toEqual([]); // 84
      expect(codes(await gql(second, spend(1), {}, token))).toEqual(['RATE_LIMITED']);
      expect(codes(await gql(app, spend(1), {}, token))).toEqual(['RATE_LIMITED']);
    } finally {
      await second.close();
    }
  });

  it('with the memory store, each process has its own allowance (why PostgreSQL is the default)', async () => {
    const [one, two] = await Promise.all([
      startTestApp({ ...LIMITS, RATE_LIMIT_STORE: 'memory' }),
      startTestApp({ ...LIMITS, RATE_LIMIT_STORE: 'memory' }),
    ]);
    try {
      const token = await tenant.tokenFor(Role.VIEWER);
      expect(codes(await gql(one, spend(4), {}, token))).toEqual([]);
      expect(codes(await gql(one, spend(1), {}, token))).toEqual(['RATE_LIMITED']);
      expect(codes(await gql(two, spend(4), {}, token))).toEqual([]);
      const statements = await countStatements(async () => void (await gql(one, `{ viewer { role } }`, {}, token)));
      expect(statements.filter((s) => /app_take_rate_points/.test(s))).toHaveLength(0);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('refills with time', async () => {
    const fast = await startTestApp({ ...LIMITS, RATE_LIMIT_POINTS_PER_MINUTE: '6000' }); // 100 a second
    try {
      const token = await tenant.tokenFor(Role.VIEWER);
      expect(codes(await gql(fast, spend(4), {}, token))).toEqual([]);
      expect(codes(await gql(fast, spend(4), {}, token))).toEqual(['RATE_LIMITED']);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(codes(await gql(fast, spend(4), {}, token))).toEqual([]);
    } finally {
      await fast.close();
    }
  });

  it('charges without waiting for a second pool connection: more requests at once than DATABASE_POOL_SIZE all finish', async () => {
    // Each request holds its read transaction's connection (authentication ran in it) when it is
    // charged; a charge drawn from the same pool made two such requests on a pool of two wait for
    // each other for good (found by test/multi-process.e2e-spec.ts).
    const small = await startTestApp({ DATABASE_POOL_SIZE: '2' });
    try {
      const token = await tenant.tokenFor(Role.VIEWER);
      const all = Promise.all(Array.from({ length: 12 }, () => gql(small, `{ products { totalCount } }`, {}, token)));
      const hung = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000).unref());
      const answers = await Promise.race([all, hung]);
      expect(answers).not.toBe('hung');
      expect((answers as Array<{ errors?: unknown }>).map((a) => a.errors ?? null)).toEqual(Array(12).fill(null));
    } finally {
      await small.close();
    }
  }, 30_000);
});

describe('CSRF prevention, introspection and the landing page', () => {
  let app: INestApplication;
  let locked: INestApplication;

  beforeAll(async () => {
    [app, locked] = await Promise.all([
      startTestApp(),
      startTestApp({ GRAPHQL_INTROSPECTION: 'false', GRAPHQL_LANDING_PAGE: 'false' }),
    ]);
  });
  afterAll(() => Promise.all([app.close(), locked.close()]));

  it('refuses simple (non-preflighted) requests a browser on another site could send', async () => {
    const get = await request(app.getHttpServer()).get('/graphql').query({ query: '{ __typename }' });
    expect(get.status).toBe(400);
    expect(get.text).toMatch(/Cross-Site Request Forgery/);
    const form = await request(app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ query: '{ __typename }' }));
    expect(form.status).toBe(400);
    expect(form.text).toMatch(/Cross-Site Request Forgery/);
    const preflighted = await request(app.getHttpServer())
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('apollo-require-preflight', 'true');
    expect(preflighted.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('turns introspection and the landing page off when configured (the production default)', async () => {
    const introspect = `{ __schema { queryType { name } } }`;
    expect(codes(await gql(app, introspect))).toEqual([]);
    expect(codes(await gql(locked, introspect))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const html = (target: INestApplication) =>
      request(target.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect((await html(app)).text).toMatch(/<html|<!DOCTYPE/i);
    expect((await html(locked)).text).not.toMatch(/<html|<!DOCTYPE/i);
  });
});
