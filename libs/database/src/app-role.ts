import pg from 'pg';

/** The role the application logs in as: owns nothing, cannot bypass row-level security. */
export const APP_ROLE = 'art30_app';

/**
 * Creates (or corrects) the app role, idempotently. Roles are cluster-wide and several processes
 * may start at once, hence the advisory lock. Runs on the owner connection, which needs CREATEROLE
 * the first time; where a DBA created the role beforehand, only its attributes are checked.
 */
export async function ensureAppRole(ownerUrl: string, password: string | undefined): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('art30:app-role'))`);
    const found = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
      'SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1',
      [APP_ROLE],
    );
    const attributes = 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION';
    const passwordClause = password ? ` PASSWORD ${client.escapeLiteral(password)}` : '';
    const existing = found.rows[0];
    if (!existing) {
      await client.query(`CREATE ROLE ${APP_ROLE} ${attributes}${passwordClause}`);
    } else if (existing.rolsuper || existing.rolbypassrls || !existing.rolcanlogin || password) {
      await client.query(`ALTER ROLE ${APP_ROLE} ${attributes}${passwordClause}`);
    }
    const db = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(db.rows[0]!.db)} TO ${APP_ROLE}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('art30:app-role'))`).catch(() => undefined);
    await client.end();
  }
}

/** The runtime URL: the owner URL with the app role as user (and its password, when set). */
export function deriveAppUrl(ownerUrl: string, password: string | undefined): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}
