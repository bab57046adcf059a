import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';

/**
 * After the whole run: fails it if any secret the tests minted (secrets-recorder.ts) appears in
 * the app's log, in an error a client received or in plain text in any table; then drops this
 * run's database (kept when ART30_KEEP_TEST_DATABASE=1, for a look afterwards).
 */
export default async function teardown(): Promise<void> {
  const { ART30_TEST_ADMIN_URL: adminUrl, ART30_TEST_DATABASE: database } = process.env;
  let leaks: string[] = [];
  try {
    if (process.env.ART30_TEST_DATABASE_URL) leaks = await scanForSecrets(process.env.ART30_TEST_DATABASE_URL);
  } finally {
    if (adminUrl && database && process.env.ART30_KEEP_TEST_DATABASE !== '1') {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    }
    const embedded = (globalThis as { __embeddedTestServer?: { stop(): Promise<void> } }).__embeddedTestServer;
    await embedded?.stop();
  }
  if (leaks.length > 0) {
    throw new Error(
      `Secrets leaked (logs and files kept in ${dirname(process.env.ART30_TEST_LOG_FILE!)}):\n  ${leaks.join('\n  ')}`,
    );
  }
  const log = process.env.ART30_TEST_LOG_FILE;
  if (log) rmSync(dirname(log), { recursive: true, force: true });
}

async function scanForSecrets(databaseUrl: string): Promise<string[]> {
  const file = (name: string) => {
    const path = process.env[name];
    return path && existsSync(path) ? readFileSync(path, 'utf8') : '';
  };
  const secrets = [
    ...new Set(
      file('ART30_TEST_SECRETS_FILE')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string),
    ),
  ];
  if (secrets.length === 0) return [];
  const log = file('ART30_TEST_LOG_FILE');
  // A scan of an empty log would prove nothing: the apps must have logged at debug level.
  if (log.trim() === '') return ['the app log is empty: the scan needs the tests to log to ART30_TEST_LOG_FILE'];
  const sources = [
    { name: 'app log', text: log },
    { name: 'errors returned to clients', text: file('ART30_TEST_ERRORS_FILE') },
    ...(await tableTexts(databaseUrl)),
  ];
  return findLeaks(secrets, sources);
}

/** Every table of the test database as text, read as the owner. */
async function tableTexts(databaseUrl: string): Promise<Array<{ name: string; text: string }>> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ t: string }>(
      `SELECT quote_ident(table_name) AS t FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const texts = [];
    for (const { t } of rows) {
      const res = await db.query<{ text: string | null }>(`SELECT string_agg(x::text, E'\\n') AS text FROM ${t} x`);
      texts.push({ name: `table ${t}`, text: res.rows[0]?.text ?? '' });
    }
    return texts;
  } finally {
    await db.end();
  }
}

/**
 * Which secrets occur in which source. Credential secrets (43 base64url characters) are looked
 * up in a set of every 43-character window of the source's base64url runs; other secrets
 * (passwords) are searched for as they are.
 */
export function findLeaks(secrets: string[], sources: Array<{ name: string; text: string }>): string[] {
  const tokenLike = /^[A-Za-z0-9_-]{43}$/;
  const tokens = new Set(secrets.filter((s) => tokenLike.test(s)));
  const others = secrets.filter((s) => !tokenLike.test(s));
  const leaks: string[] = [];
  for (const { name, text } of sources) {
    for (const [run] of text.matchAll(/[A-Za-z0-9_-]{43,}/g)) {
      for (let i = 0; i + 43 <= run.length && i < 400; i++) {
        const window = run.slice(i, i + 43);
        if (tokens.has(window)) leaks.push(`${name}: a credential secret (${window.slice(0, 6)}…)`);
      }
    }
    for (const secret of others) if (text.includes(secret)) leaks.push(`${name}: "${secret.slice(0, 4)}…"`);
  }
  return [...new Set(leaks)];
}
