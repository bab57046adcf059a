export default async function teardown(): Promise<void> {
  const embedded = (globalThis as { __embeddedTestServer?: { stop(): Promise<void> } }).__embeddedTestServer;
  await embedded?.stop();
}
