import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AppConfig } from '#core';
import { DataSource } from 'typeorm';
import { deriveAppUrl, ensureAppRole } from './app-role.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres.js';
import { MIGRATIONS } from './migrations/index.js';

export interface PreparedDatabase {
  /** Where the app role connects. */
  appUrl: string;
  /** The owner connection (migrations, privileged maintenance). Never used to serve requests. */
  ownerUrl: string;
  embedded: EmbeddedDatabase | undefined;
}

/**
 * Gets a database ready to serve: starts the embedded server when no DATABASE_URL is set, makes
 * sure the least-privilege app role exists, and runs pending migrations as the owner.
 */
export async function prepareDatabase(
  config: AppConfig['database'],
  log: (message: string) => void,
): Promise<PreparedDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl = config.ownerUrl;
  let appPassword = config.appPassword;
  if (!ownerUrl) {
    embedded = await startEmbeddedPostgres({ dir: config.embedded.dir, port: config.embedded.port, log });
    ownerUrl = embedded.ownerUrl;
    appPassword ??= await persistedSecret(join(dirname(config.embedded.dir), 'pg-app-password'));
  }
  try {
    await ensureAppRole(ownerUrl, appPassword);
    if (config.migrateOnStart) await runMigrations(ownerUrl, log);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { appUrl: config.appUrl ?? deriveAppUrl(ownerUrl, appPassword), ownerUrl, embedded };
}

/** Runs pending migrations; an advisory lock lets several processes start at once safely. */
export async function runMigrations(ownerUrl: string, log: (message: string) => void): Promise<void> {
  const owner = new DataSource({
    type: 'postgres',
    url: ownerUrl,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    poolSize: 2,
    applicationName: 'art30-migrate',
  });
  await owner.initialize();
  const lock = owner.createQueryRunner();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('art30:migrations'))`);
    const applied = await owner.runMigrations();
    if (applied.length > 0) log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext('art30:migrations'))`).catch(() => undefined);
    await lock.release();
    await owner.destroy();
  }
}

async function persistedSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(24).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}
