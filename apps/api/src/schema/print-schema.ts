import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { ACCOUNTS_RESOLVERS } from '#accounts';
import { NOTIFICATIONS_RESOLVERS } from '#notifications';
import { REGISTER_RESOLVERS } from '#register';
import { REPORTS_RESOLVERS } from '#reports';

/** Every resolver class of the API; a test checks this list builds the schema the app serves. */
export const API_RESOLVERS = [
  ...ACCOUNTS_RESOLVERS,
  ...REGISTER_RESOLVERS,
  ...NOTIFICATIONS_RESOLVERS,
  ...REPORTS_RESOLVERS,
];

/** The API's schema as SDL, sorted, built without a database (about a second). */
export async function printApiSchema(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(API_RESOLVERS);
    return printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}
