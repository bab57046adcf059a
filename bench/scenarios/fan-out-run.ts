import { spawn } from 'node:child_process';
import type { INestApplication } from '@nestjs/common';
import { TenantsService } from '#accounts';
import { loadConfig } from '#core';
import { TenantDb } from '#database';
import { SecretBox } from '#notifications';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { addSubscribers, enqueueTestEvent } from '../../libs/testing/src/notification-factories.js';
import { startSmtpSink, waitUntil } from '../../libs/testing/src/smtp-sink.js';
import { startWebhookReceiver } from '../../libs/testing/src/webhook-receiver.js';
import { freshBenchDatabase } from '../lib/bench-database.js';
import { startCpuProfile } from '../lib/cpu-profile.js';

export interface FanOutResult {
  subscribers: number;
  endpoints: number;
  deliveries: number;
  /** From the commit of the event to the fan-out (deliveries written). */
  fanOutMs: number;
  /** From the commit of the event to the last email and webhook received. */
  lastDeliveryMs: number;
  attempts: number;
  postgres: string;
}

/**
 * Issue 4's benchmark: one announced change in a tenant with `subscribers` confirmed email
 * subscribers and `endpoints` webhook endpoints. The worker runs as its own process (dist, as
 * deployed), email goes over SMTP to a local sink, webhooks to a local HTTP receiver; the clock
 * runs from the commit of the event to the last message received.
 */
export async function benchFanOut(subscribers = 10_000, endpoints = 100): Promise<FanOutResult> {
  const database = await freshBenchDatabase();
  const sink = await startSmtpSink();
  const receiver = await startWebhookReceiver();
  const appSecret = 'benchmark-app-secret-0123456789abcdef';
  let app: INestApplication | undefined;
  let worker: ReturnType<typeof spawn> | undefined;
  try {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: database.ownerUrl,
      APP_SECRET: appSecret,
      LOG_LEVEL: 'warn',
      SMTP_URL: sink.url,
      WEBHOOKS_ALLOW_LOOPBACK: 'true',
      SEED_DEMO_TENANTS: 'false',
      WORKER_INLINE: 'false',
    };
    app = await createApiApp(loadConfig(env));
    await app.init();
    const { tenant } = await app.get(TenantsService).create({
      slug: 'bench-fan-out',
      name: 'Benchmark organisation',
      defaultLocale: 'en',
      owner: { email: 'owner@bench.test', displayName: 'Bench', password: 'benchmark-password' },
    });
    await addSubscribers(app, tenant.id, subscribers);
    const sealed = new SecretBox(appSecret).seal('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    await app.get(TenantDb).run(tenant.id, (tx) =>
      tx.em.query(
        `INSERT INTO webhook_endpoints (tenant_id, url, secret_ciphertext, created_by)
           SELECT $1, $2 || '/e/' || i, $3, 'benchmark' FROM generate_series(1, $4) AS i`,
        [tenant.id, receiver.url, sealed, endpoints],
      ),
    );

    // The worker process, started and idle before the clock starts.
    // BENCH_PROFILE=1: both processes under the CPU profiler for BENCH_PROFILE_MS from the commit.
    const profiling = process.env.BENCH_PROFILE === '1';
    const profileMs = process.env.BENCH_PROFILE_MS ?? '20000';
    worker = spawn(process.execPath, [profiling ? 'dist/bench/profile-worker.js' : 'dist/apps/worker/src/main.js'], {
      env: {
        PATH: process.env.PATH,
        ...env,
        ...workerTuning(),
        LOG_LEVEL: 'info',
        WORKER_POLL_MS: '100',
        BENCH_PROFILE_MS: profileMs,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      worker!.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes(' started')) resolve();
      });
      worker!.once('exit', () => reject(new Error('the worker exited')));
    });

    const total = subscribers + endpoints;
    await enqueueTestEvent(app, { id: tenant.id, slug: 'bench-fan-out' });
    const committed = performance.now();
    const profiler = profiling ? await startCpuProfile('fan-out-bench') : undefined;
    if (profiler) setTimeout(() => void profiler.stop().then((summary) => console.error(summary)), Number(profileMs));
    let fanOutMs = 0;
    const db = app.get(TenantDb);
    const poll = setInterval(() => {
      void db
        .run(tenant.id, (tx) => tx.em.query(`SELECT fanned_out_at IS NOT NULL AS done FROM outbox_events`), {
          readOnly: true,
        })
        .then((rows: Array<{ done: boolean }>) => {
          if (fanOutMs || !rows[0]?.done) return;
          fanOutMs = performance.now() - committed;
          clearInterval(poll); // polling on would take CPU from the delivery it measures
        });
    }, 5);
    await waitUntil(
      () => sink.messages.length + receiver.requests.length >= total,
      600_000,
      () => undefined,
    );
    const lastDeliveryMs = performance.now() - committed;
    clearInterval(poll);
    await new Promise((resolve) => setTimeout(resolve, 50)); // a fan-out check still in flight
    const attempts = (await db.run(tenant.id, (tx) => tx.em.query(`SELECT count(*)::int AS n FROM delivery_attempts`), {
      readOnly: true,
    })) as Array<{ n: number }>;
    return {
      subscribers,
      endpoints,
      deliveries: total,
      fanOutMs,
      lastDeliveryMs,
      attempts: attempts[0]!.n,
      postgres: database.serverVersion,
    };
  } finally {
    worker?.kill('SIGTERM');
    await app?.close();
    await Promise.all([sink.close(), receiver.close()]);
    await database.stop();
  }
}

/** The worker's tuning knobs, passed on when set (to compare settings); unset, the defaults apply. */
function workerTuning(): Record<string, string> {
  const knobs = ['WORKER_BATCH_SIZE', 'WORKER_CONCURRENCY', 'SMTP_MAX_CONNECTIONS'];
  return Object.fromEntries(knobs.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
}
