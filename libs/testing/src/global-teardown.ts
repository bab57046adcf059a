import pg from 'pg';

/** Drops this run's database (kept when ART30_KEEP_TEST_DATABASE=1, for a look afterwards). */
export default async function teardown(): Promise<void> {
  const { ART30_TEST_ADMIN_URL: adminUrl, ART30_TEST_DATABASE: database } = process.env;
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
