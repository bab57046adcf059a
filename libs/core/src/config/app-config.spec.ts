import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment (embedded database, port 3000)', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.ownerUrl).toBeUndefined();
    expect(config.database.embedded.dir).toMatch(/\.data\/pg$/);
    expect(config.graphql.introspection).toBe(true);
    expect(config.demo.seedWhenEmpty).toBe(true);
  });

  it('switches off introspection, the landing page and demo seeding in production', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u@db/x',
      APP_SECRET: 'p'.repeat(40),
    });
    expect(config.graphql).toMatchObject({ introspection: false, landingPage: false });
    expect(config.demo.seedWhenEmpty).toBe(false);
  });

  it('refuses to run in production with the public development secret or a short one', () => {
    const base = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db/x' };
    expect(() => loadConfig(base)).toThrow(/APP_SECRET must be set in production/);
    expect(() => loadConfig({ ...base, APP_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('runs the delivery worker inside the API only on the embedded default', () => {
    expect(loadConfig({}).worker.inline).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }).worker.inline).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x', WORKER_INLINE: 'true' }).worker.inline).toBe(true);
  });

  it('lists every invalid setting at once, by name', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', GRAPHQL_INTROSPECTION: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'GRAPHQL_INTROSPECTION'])
        expect(problems).toContain(name);
    }
  });

  it('keeps the rate-limit burst at least the largest allowed operation cost', () => {
    expect(() => loadConfig({ GRAPHQL_MAX_COST: '5000', RATE_LIMIT_BURST_POINTS: '4999' })).toThrow(
      /RATE_LIMIT_BURST_POINTS \(4999\) must be at least GRAPHQL_MAX_COST \(5000\)/,
    );
    expect(
      loadConfig({ GRAPHQL_MAX_COST: '5000', RATE_LIMIT_BURST_POINTS: '4999', RATE_LIMIT_POINTS_PER_MINUTE: '0' }),
    ).toBeTruthy();
    expect(loadConfig({}).rateLimit).toEqual({ pointsPerMinute: 60_000, burstPoints: 20_000, store: 'postgres' });
    expect(loadConfig({}).graphql).toMatchObject({ maxCost: 10_000, maxAliases: 30, maxBatch: 0 });
  });

  it('reads HTTP_TRUST_PROXY as off, on, a hop count or a list of subnets', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ HTTP_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ HTTP_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ HTTP_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });
});
