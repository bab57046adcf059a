import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startTestApp } from '#testing';
import { printApiSchema } from '../apps/api/src/schema/print-schema.js';

describe('served schema', () => {
  let app: INestApplication;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.close());

  it('is exactly the schema built from API_RESOLVERS (so schema.gql cannot miss a resolver)', async () => {
    const served = printSchema(lexicographicSortSchema(app.get(GraphQLSchemaHost).schema)) + '\n';
    expect(served).toBe(await printApiSchema());
  });
});
