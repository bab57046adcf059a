import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { searchOf } from '../apps/api/src/graphql-http.js';
import { createTestTenant, startTestApp, type TestTenant } from '#testing';

/** GraphQL over HTTP as art30 serves it (apps/api/src/graphql-http.ts). */
describe('GraphQL over HTTP', () => {
  let app: INestApplication;
  let tenant: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    tenant = await createTestTenant(app, 'Http');
  });
  afterAll(() => app.close());

  it('answers a POST with its length and type, and no ETag (a POST answer is never revalidated)', async () => {
    const res = await request(app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${tenant.ownerToken}`)
      .send({ query: `{ viewer { role tenant { name } } }` });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.headers.etag).toBeUndefined();
    expect(res.body).toEqual({ data: { viewer: { role: 'OWNER', tenant: { name: expect.any(String) } } } });
  });

  it('answers a GET query from the query string, with an ETag a client can revalidate', async () => {
    const get = () =>
      request(app.getHttpServer())
        .get('/graphql')
        .query({
          query: `query Role($x: Boolean!) { viewer @include(if: $x) { role } }`,
          variables: '{"x":true}',
          operationName: 'Role',
        })
        .set('apollo-require-preflight', 'true')
        .set('authorization', `Bearer ${tenant.ownerToken}`);
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { viewer: { role: 'OWNER' } } });
    expect(res.headers.etag).toEqual(expect.any(String));
    expect((await get().set('if-none-match', res.headers.etag!)).status).toBe(304);
  });

  it('keeps the status and headers of request errors (CSRF prevention)', async () => {
    const res = await request(app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ query: '{ viewer { role } }' }));
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/CSRF/);
  });

  it('finds the query string as url.parse did', () => {
    expect(searchOf('/')).toBe('');
    expect(searchOf('/?query=%7B%7D&a=1')).toBe('?query=%7B%7D&a=1');
    expect(searchOf('/?a=1#frag?b')).toBe('?a=1');
    expect(searchOf('/#x?y')).toBe('');
  });
});
