import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../apps/api/src/create-api-app.js';
import { loadConfig } from '#core';
import { freshBenchDatabase } from './lib/bench-database.js';
import { load, type LoadResult } from './lib/load.js';
import { createRegisterDataset } from './lib/register-dataset.js';
import { SqlCounter } from './lib/sql-counter.js';

/** A page of 50 activities with every nested list a register view shows. */
export const DEEP_REGISTER_QUERY = `query DeepRegister($after: String) {
  activities(first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name status role department reviewDate
      purposes { description legalBasis legalReference }
      dataCategoryCodes dataSubjectCodes
      controllers { processingCategories party { id name country } }
      recipients { kind name country party { id name country } }
      transfers { country mechanism tiaReference }
      retention { dataCategoryCode duration trigger action }
      engagements { id purpose processingLocations vendor { id name country } }
    } }
  }
}`;

export interface DeepQueryResult {
  activities: number;
  statementsPerRequest: { total: number; data: number };
  throughput: LoadResult;
  at100rps: LoadResult;
  postgres: string;
}

/** Issue 3's benchmark: the deep register query over a 1,000-activity tenant. */
export async function benchDeepRegisterQuery(activities = 1000, seconds = 10): Promise<DeepQueryResult> {
  const database = await freshBenchDatabase();
  const port = 3990;
  let app: INestApplication | undefined;
  try {
    app = await createApiApp(
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: database.ownerUrl,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        GRAPHQL_MAX_DEPTH: '12',
        // The benchmark measures throughput; a real client would be rate limited by cost.
        RATE_LIMIT_POINTS_PER_MINUTE: '0',
      }),
    );
    await app.listen(port, '127.0.0.1');
    const dataset = await createRegisterDataset(app, activities);
    const url = `http://127.0.0.1:${port}/graphql`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${dataset.token}` };
    const body = JSON.stringify({ query: DEEP_REGISTER_QUERY });

    // Correctness first: a full page, no errors.
    const check = (await (await fetch(url, { method: 'POST', headers, body })).json()) as {
      data?: { activities: { totalCount: number; edges: unknown[] } };
      errors?: unknown[];
    };
    if (check.errors || check.data?.activities.edges.length !== 50 || check.data.activities.totalCount !== activities) {
      throw new Error(`deep query did not answer as expected: ${JSON.stringify(check).slice(0, 500)}`);
    }

    const counter = new SqlCounter();
    counter.start();
    const samples = 20;
    for (let i = 0; i < samples; i++) await fetch(url, { method: 'POST', headers, body });
    counter.stop();
    const statementsPerRequest = { total: counter.total / samples, data: counter.data / samples };

    await load({ url, body, headers, connections: 4, seconds: 3 }); // warm-up
    const throughput = await load({ url, body, headers, connections: 8, seconds });
    const at100rps = await load({ url, body, headers, connections: 8, seconds, rate: 100 });
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let requests still in flight finish
    return { activities, statementsPerRequest, throughput, at100rps, postgres: database.serverVersion };
  } finally {
    await app?.close();
    await database.stop();
  }
}
