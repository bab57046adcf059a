import pg from 'pg';
import { ensureAppRole, runMigrations, startEmbeddedPostgres } from '#database';

/**
 * A fresh, migrated database for one benchmark run: `art30_bench_<pid>` on the server of
 * DATABASE_URL, else the local PostgreSQL on 127.0.0.1:5432, else an embedded one under
 * .data/bench-pg. Named per process and dropped afterwards, so benchmarks run side by side (by
 * several people or agents on one server) never drop each other's database mid-run.
 */
export async function freshBenchDatabase(): Promise<{
  ownerUrl: string;
  serverVersion: string;
  stop(): Promise<void>;
}> {
  let adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  let stop = async () => undefined as void;
  if (!process.env.DATABASE_URL && !(await reachable(adminUrl))) {
    const embedded = await startEmbeddedPostgres({
      dir: `${process.cwd()}/.data/bench-pg`,
      port: 54349,
      log: () => undefined,
    });
    adminUrl = embedded.ownerUrl;
    stop = () => embedded.stop();
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const version = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
  const name = `art30_bench_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const ownerUrl = url.toString();
  await ensureAppRole(ownerUrl, undefined);
  await runMigrations(ownerUrl, () => undefined);
  const drop = async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => client.end());
  };
  return {
    ownerUrl,
    serverVersion: version,
    stop: async () => {
      await drop().catch(() => undefined);
      await stop();
    },
  };
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
