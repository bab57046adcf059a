import { type AppConfig, loadConfig } from '#core';
import { testDatabaseUrl } from './test-database.js';

/** The app's config for tests: the migrated test database, no demo seeding, quiet logs. */
export async function testConfig(overrides: Record<string, string> = {}): Promise<AppConfig> {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: await testDatabaseUrl(),
    DATABASE_MIGRATE_ON_START: 'false',
    SEED_DEMO_TENANTS: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...overrides,
  });
}
