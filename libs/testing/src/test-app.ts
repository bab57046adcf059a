import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { createApiApp } from '../../../apps/api/src/create-api-app.js';
import { testConfig } from './test-config.js';
import { testDatabaseUrl } from './test-database.js';

/** The real API application on the test database, initialised but not listening (supertest). */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<INestApplication> {
  const app = await createApiApp(await testConfig(overrides));
  await app.init();
  return app;
}

/** A direct owner connection to the test database, for SQL-level assertions and tampering. */
export async function ownerClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: await testDatabaseUrl() });
  await client.connect();
  return client;
}
