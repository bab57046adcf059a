import { ensureAppRole, runMigrations } from '#database';

let migrated: Promise<string> | undefined;

/**
 * The owner URL of the test database, migrated. jest's globalSetup made the database empty; the
 * first test file to ask runs the migrations (they are idempotent and take an advisory lock).
 */
export function testDatabaseUrl(): Promise<string> {
  return (migrated ??= (async () => {
    const url = process.env.ART30_TEST_DATABASE_URL;
    if (!url) throw new Error('ART30_TEST_DATABASE_URL is not set: run the tests through `npm test`.');
    await ensureAppRole(url, undefined);
    await runMigrations(url, () => undefined);
    return url;
  })());
}
