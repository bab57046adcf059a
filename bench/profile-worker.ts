import { startCpuProfile } from './lib/cpu-profile.js';

/**
 * The worker process under the V8 profiler (the fan-out benchmark spawns it with BENCH_PROFILE=1):
 * starts apps/worker and, after BENCH_PROFILE_MS, writes .cache/worker.cpuprofile and prints where
 * the time went. (--cpu-prof would not do: the worker ends by re-raising SIGTERM, so it never writes.)
 */
const profiler = await startCpuProfile('worker');
await import('../apps/worker/src/main.js');
setTimeout(
  () => void profiler.stop().then((summary) => process.stderr.write(`${summary}\n`)),
  Number(process.env.BENCH_PROFILE_MS ?? 20_000),
);
