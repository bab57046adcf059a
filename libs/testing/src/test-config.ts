import { type AppConfig, loadConfig } from '#core';
import { testDatabaseUrl } from './test-database.js';

/**
 * The app's config for tests: the migrated test database, no demo seeding, and a verbose log
 * written to this run's log file (globalTeardown scans it for every secret the tests minted).
 * Rate limits are so high they never trip, but still run (and cost their statement); the
 * limits suite sets its own.
 */
export async function testConfig(overrides: Record<string, string> = {}): Promise<AppConfig> {
  const logFile = process.env.ART30_TEST_LOG_FILE;
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: await testDatabaseUrl(),
    DATABASE_MIGRATE_ON_START: 'false',
    SEED_DEMO_TENANTS: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? (logFile ? 'debug' : 'silent'),
    ...(logFile ? { LOG_FILE: logFile } : {}),
    RATE_LIMIT_POINTS_PER_MINUTE: '1000000000',
    RATE_LIMIT_BURST_POINTS: '1000000000',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000000',
    PUBLIC_RATE_LIMIT_BURST: '1000000000',
    ...overrides,
  });
}

/** For app processes a test spawns (dist builds): log into this run's log, which the secret scan reads. */
export function spawnedLogEnv(): Record<string, string> {
  const logFile = process.env.ART30_TEST_LOG_FILE;
  return logFile ? { LOG_FILE: logFile } : {};
}
