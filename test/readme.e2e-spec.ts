import { readFile } from 'node:fs/promises';
import type { INestApplication } from '@nestjs/common';
import { DemoSeeder } from '#demo';
import { gql, startTestApp } from '#testing';

/** Every ```graphql block of README.md runs, in order, without errors: the tour stays true. */
describe('README examples', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startTestApp();
    await app.get(DemoSeeder).seed();
  });
  afterAll(() => app.close());

  it('run against the demo tenants as written', async () => {
    const readme = await readFile('README.md', 'utf8');
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    let token: string | undefined;
    for (const block of blocks) {
      const res = await gql<{ signIn?: { token: string } }>(app, block, {}, token);
      expect({ block, errors: res.errors }).toEqual({ block, errors: undefined });
      token ??= res.data?.signIn?.token;
      expect(token).toBeDefined();
    }
  });
});
