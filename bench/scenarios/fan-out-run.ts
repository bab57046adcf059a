import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import pg from 'pg';
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
  /**
   * CPU time (user + system) per delivery, from the commit to the last delivery: the worker process,
   * this process (SMTP sink, webhook receiver) and the PostgreSQL backends of the benchmark database.
   * Unlike the wall-clock figures, it does not depend on what else the machine is running.
   */
  cpuMsPerDelivery: { worker: number; benchmark: number; postgres: number };
  /** The 1-minute load average at the end (the machine may be shared). */
  loadAverage: number;
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
    // BENCH_PROFILE=1: both processes under the CPU profiler from the commit to the last delivery.
    const profiling = process.env.BENCH_PROFILE === '1';
    worker = spawn(process.execPath, [profiling ? 'dist/bench/profile-worker.js' : 'dist/apps/worker/src/main.js'], {
      env: {
        PATH: process.env.PATH,
        ...env,
        ...workerTuning(),
        LOG_LEVEL: 'info',
        WORKER_POLL_MS: '100',
      },
      stdio: profiling ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      worker!.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes(' started')) resolve();
      });
      worker!.once('exit', () => reject(new Error('the worker exited')));
    });

    const total = subscribers + endpoints;
    const db = app.get(TenantDb);
    const profiler = profiling ? await startCpuProfile('fan-out-bench') : undefined;
    if (profiling) worker.send('start');
    const cpuBefore = await cpuTimes(worker.pid!, database.ownerUrl);
    await enqueueTestEvent(app, { id: tenant.id, slug: 'bench-fan-out' });
    const committed = performance.now();
    let fanOutMs = 0;
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
    const perDelivery = (ms: number) => Math.round((1000 * ms) / total) / 1000;
    const cpuAfter = await cpuTimes(worker.pid!, database.ownerUrl);
    if (profiler) {
      const stopped = new Promise((resolve) => worker!.once('message', resolve));
      worker.send('stop');
      console.error(await profiler.stop());
      await stopped;
    }
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
      cpuMsPerDelivery: {
        worker: perDelivery(cpuAfter.worker - cpuBefore.worker),
        benchmark: perDelivery(cpuAfter.benchmark - cpuBefore.benchmark),
        postgres: perDelivery(
          [...cpuAfter.postgres].reduce((sum, [pid, ms]) => sum + ms - (cpuBefore.postgres.get(pid) ?? 0), 0),
        ),
      },
      loadAverage: loadavg()[0]!,
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

/** Milliseconds of CPU used so far by the worker, this process and each backend of the database (Linux /proc). */
async function cpuTimes(
  workerPid: number,
  databaseUrl: string,
): Promise<{ worker: number; benchmark: number; postgres: Map<number, number> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const backends = await client
    .query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    )
    .finally(() => client.end());
  const own = process.cpuUsage();
  const postgres = new Map<number, number>();
  for (const { pid } of backends.rows) postgres.set(pid, await processCpuMs(pid));
  return { worker: await processCpuMs(workerPid), benchmark: (own.user + own.system) / 1000, postgres };
}

async function processCpuMs(pid: number): Promise<number> {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime and stime in clock ticks (100/s).
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0; // a backend that ended in between
  }
}
