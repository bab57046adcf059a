import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { loadConfig } from '#core';
import { deriveAppUrl, preparedStatements } from '#database';
import { freshBenchDatabase } from './bench-database.js';
import { startServer, type ServerProcess } from './processes.js';
import { createRegisterDataset, type RegisterDataset } from './register-dataset.js';
import { SqlCounter } from './sql-counter.js';

export interface BenchDataset {
  /** The tenant every read scenario queries: the large one. */
  big: RegisterDataset;
  /** The other tenants (100 activities each by default). */
  others: RegisterDataset[];
  tenants: number;
  activitiesInAll: number;
  generatedInMs: number;
}

/** BENCH_PORT_BASE (default 3990) moves every port, so that two runs on one machine do not collide. */
const BASE = Number(process.env.BENCH_PORT_BASE ?? 3990);
const PORTS = {
  inProcess: BASE,
  api: BASE + 1,
  postgraphile: BASE + 2,
  rawPg: BASE + 3,
  baseline: BASE + 5 /* and up */,
};

/**
 * What scenarios share in one run, each started on first use: the database with the multi-tenant
 * dataset, an in-process API instance (to generate data and count SQL), the API in its own process,
 * PostGraphile in its own process, and the raw `pg` floor. `close()` stops everything started.
 */
export class BenchContext {
  readonly seconds = Number(process.env.BENCH_SECONDS ?? 10);
  postgresVersion = '';
  private database?: Promise<Awaited<ReturnType<typeof freshBenchDatabase>>>;
  private app?: Promise<INestApplication>;
  private data?: Promise<BenchDataset>;
  private readonly servers = new Map<string, Promise<ServerProcess>>();

  constructor(
    private readonly size = {
      tenants: Number(process.env.BENCH_TENANTS ?? 100),
      bigActivities: Number(process.env.BENCH_ACTIVITIES ?? 10_000),
      smallActivities: Number(process.env.BENCH_SMALL_ACTIVITIES ?? 100),
    },
  ) {}

  db() {
    return (this.database ??= freshBenchDatabase().then((d) => {
      this.postgresVersion = d.serverVersion;
      return d;
    }));
  }

  async appUrl(): Promise<string> {
    return deriveAppUrl((await this.db()).ownerUrl, undefined);
  }

  /** The API in this process: data generation and SQL counting only (load goes to the API process). */
  inProcessApp(): Promise<INestApplication> {
    return (this.app ??= this.db().then(async (database) => {
      const app = await createApiApp(
        loadConfig({
          NODE_ENV: 'production',
          DATABASE_URL: database.ownerUrl,
          LOG_LEVEL: 'warn',
          GRAPHQL_MAX_DEPTH: '12',
          APP_SECRET: BENCH_APP_SECRET,
          // Load generators would be throttled within seconds; the limiter is measured by its own test.
          RATE_LIMIT_POINTS_PER_MINUTE: '0',
        }),
      );
      await app.listen(PORTS.inProcess, '127.0.0.1');
      return app;
    }));
  }

  inProcessUrl(): string {
    return `http://127.0.0.1:${PORTS.inProcess}/graphql`;
  }

  /** 100 tenants: one large one (10,000 activities) and 99 of 100 activities, all in one database. */
  dataset(): Promise<BenchDataset> {
    return (this.data ??= (async () => {
      const app = await this.inProcessApp();
      const began = performance.now();
      const big = await createRegisterDataset(app, this.size.bigActivities);
      const others: RegisterDataset[] = [];
      for (let i = 1; i < this.size.tenants; i++)
        others.push(await createRegisterDataset(app, this.size.smallActivities));
      const owner = new pg.Client({ connectionString: (await this.db()).ownerUrl });
      await owner.connect();
      await owner.query('VACUUM ANALYZE');
      await owner.end();
      return {
        big,
        others,
        tenants: this.size.tenants,
        activitiesInAll: this.size.bigActivities + (this.size.tenants - 1) * this.size.smallActivities,
        generatedInMs: performance.now() - began,
      };
    })());
  }

  /**
   * Other builds of art30 to compare with in the same run (same data, same machine load):
   * BENCH_BASELINES="<checkout with a built dist>=<label>;…", e.g. the commits before a change.
   */
  readonly baselines = (process.env.BENCH_BASELINES ?? '')
    .split(';')
    .filter(Boolean)
    .map((entry, i) => {
      const [dir, label] = entry.split('=');
      return { index: i, dir: dir!, label: `art30 ${label ?? dir}` };
    });

  /** The built API (dist/apps/api/src/main.js) in its own process, on the benchmark database. */
  api(baseline?: { index: number; dir: string }): Promise<ServerProcess> {
    const port = baseline ? PORTS.baseline + baseline.index : PORTS.api;
    return this.server(baseline ? `api-baseline-${baseline.index}` : 'api', async () => ({
      script: baseline ? `${baseline.dir}/dist/apps/api/src/main.js` : 'dist/apps/api/src/main.js',
      port,
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: (await this.db()).ownerUrl,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        GRAPHQL_MAX_DEPTH: '12',
        APP_SECRET: BENCH_APP_SECRET,
        RATE_LIMIT_POINTS_PER_MINUTE: '0',
        SEED_DEMO_TENANTS: 'false',
      },
    }));
  }

  postgraphile(): Promise<ServerProcess> {
    return this.server('postgraphile', async () => {
      await this.prepareForPostGraphile();
      return {
        script: 'dist/bench/servers/postgraphile-server.js',
        port: PORTS.postgraphile,
        env: {
          NODE_ENV: 'production',
          GRAPHILE_ENV: 'production',
          PORT: String(PORTS.postgraphile),
          BENCH_APP_URL: await this.appUrl(),
        },
      };
    });
  }

  /** The raw `pg` floor; answers `POST /<name>` by replaying what {@link replayable} registered. */
  rawPg(): Promise<ServerProcess> {
    return this.server('raw-pg', async () => ({
      script: 'dist/bench/servers/raw-pg-server.js',
      port: PORTS.rawPg,
      env: { NODE_ENV: 'production', PORT: String(PORTS.rawPg), BENCH_APP_URL: await this.appUrl() },
    }));
  }

  /**
   * Sends one GraphQL request to the in-process API while recording its SQL; registers that SQL
   * with the raw `pg` server under `name` and returns the statement counts and the raw URL.
   */
  async replayable(name: string, body: string, token: string) {
    await this.inProcessApp();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    await fetch(this.inProcessUrl(), { method: 'POST', headers, body }); // warm (first-use work)
    const counter = new SqlCounter();
    counter.start();
    let answer: string;
    try {
      answer = await (await fetch(this.inProcessUrl(), { method: 'POST', headers, body })).text();
    } finally {
      counter.stop();
    }
    const raw = await this.rawPg();
    // The raw floor prepares what art30 prepares: the statements' definitions go with the script.
    const script = { statements: counter.perConnection(), prepared: Object.fromEntries(preparedStatements()) };
    const put = await fetch(`${raw.url}/${name}`, { method: 'PUT', body: JSON.stringify(script) });
    if (!put.ok) throw new Error(`raw pg server refused the ${name} script`);
    return {
      answer,
      total: counter.total,
      data: counter.data,
      statements: counter.statements,
      rawUrl: `${raw.url}/${name}`,
    };
  }

  async close(): Promise<void> {
    for (const server of this.servers.values()) await (await server.catch(() => undefined))?.stop();
    await (await this.app?.catch(() => undefined))?.close();
    await (await this.database?.catch(() => undefined))?.stop();
  }

  private server(
    name: string,
    options: () => Promise<{ script: string; port: number; env: Record<string, string | undefined> }>,
  ): Promise<ServerProcess> {
    let server = this.servers.get(name);
    if (!server) {
      server = options().then((o) => startServer({ name, ...o }));
      this.servers.set(name, server);
    }
    return server;
  }

  /**
   * PostGraphile follows foreign keys, not ids kept in arrays or JSON: the benchmark database (and
   * only it) gets three computed columns for the nested lists art30 resolves from those. They run
   * as the caller (SECURITY INVOKER), so row-level security applies inside them too.
   */
  private async prepareForPostGraphile(): Promise<void> {
    const owner = new pg.Client({ connectionString: (await this.db()).ownerUrl });
    await owner.connect();
    try {
      await owner.query(`
        CREATE OR REPLACE FUNCTION activities_engagement_list(a activities) RETURNS SETOF engagements
          LANGUAGE sql STABLE AS $$
          SELECT e.* FROM engagements e WHERE e.tenant_id = a.tenant_id AND e.id = ANY (a.engagement_ids) $$;
        CREATE OR REPLACE FUNCTION activities_controller_parties(a activities) RETURNS SETOF parties
          LANGUAGE sql STABLE AS $$
          SELECT p.* FROM parties p WHERE p.tenant_id = a.tenant_id
             AND p.id IN (SELECT (c->>'partyId')::uuid FROM jsonb_array_elements(a.controllers) c) $$;
        CREATE OR REPLACE FUNCTION activities_recipient_parties(a activities) RETURNS SETOF parties
          LANGUAGE sql STABLE AS $$
          SELECT p.* FROM parties p WHERE p.tenant_id = a.tenant_id
             AND p.id IN (SELECT (r->>'partyId')::uuid FROM jsonb_array_elements(a.recipients) r) $$;
        GRANT EXECUTE ON FUNCTION activities_engagement_list(activities), activities_controller_parties(activities),
          activities_recipient_parties(activities) TO art30_app;`);
    } finally {
      await owner.end();
    }
  }
}

/** Production mode refuses the public development secret; the benchmark signs nothing that matters. */
const BENCH_APP_SECRET = 'benchmark-only-secret-0123456789abcdef';
