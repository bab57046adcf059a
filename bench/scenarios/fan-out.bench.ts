import { cpus } from 'node:os';
import type { Scenario } from '../lib/scenario.js';
import { benchFanOut } from './fan-out-run.js';

/** Issues 4 and 6: one announced change to 10,000 email subscribers and 100 webhook endpoints. */
export const fanOut: Scenario = {
  name: 'fan-out',
  summary: 'commit of one subprocessor change to the last email and webhook received (10,000 subscribers)',
  async run() {
    const r = await benchFanOut(
      Number(process.env.BENCH_SUBSCRIBERS ?? 10_000),
      Number(process.env.BENCH_ENDPOINTS ?? 100),
    );
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    return {
      title: 'Fan-out of one subprocessor change (issue 4)',
      figures: r,
      markdown: `One announced change in a tenant with ${r.subscribers.toLocaleString('en')} confirmed email subscribers and ${r.endpoints} webhook
endpoints (\`bench/scenarios/fan-out-run.ts\`). The worker runs as its own process (\`apps/worker\` from dist, default
settings: batch 200, concurrency 50, 5 pooled SMTP connections; \`BENCH_PROFILE=1\` profiles it); email goes over SMTP to a local sink (smtp-server),
webhooks to a local HTTP receiver, both in the benchmark process. The clock starts when the event's transaction commits.

| measure | value |
| --- | --- |
| deliveries | ${r.deliveries.toLocaleString('en')} (${r.subscribers.toLocaleString('en')} emails, ${r.endpoints} webhooks) |
| commit to fan-out done (all deliveries written) | ${s(r.fanOutMs)} |
| commit to last delivery received | ${s(r.lastDeliveryMs)} |
| throughput | ${(r.deliveries / (r.lastDeliveryMs / 1000)).toFixed(0)} deliveries/s |
| attempts logged | ${r.attempts.toLocaleString('en')} |
| CPU per delivery: worker / benchmark process (sink, receiver) / PostgreSQL | ${r.cpuMsPerDelivery.worker.toFixed(2)} / ${r.cpuMsPerDelivery.benchmark.toFixed(2)} / ${r.cpuMsPerDelivery.postgres.toFixed(2)} ms |
| load average (1 min) at the end | ${r.loadAverage.toFixed(1)} on ${cpus().length} cores |
`,
    };
  },
};
