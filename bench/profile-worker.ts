import { startCpuProfile } from './lib/cpu-profile.js';

/**
 * The worker process under the V8 profiler (the fan-out benchmark spawns it with BENCH_PROFILE=1):
 * apps/worker, profiled from one SIGUSR2 to the next (the benchmark sends them at the commit and
 * after the last delivery), then .cache/worker.cpuprofile is written and a summary printed.
 * (--cpu-prof would not do: the worker ends by re-raising SIGTERM, so it never writes.)
 */
let profiler: Awaited<ReturnType<typeof startCpuProfile>> | undefined;
process.on('SIGUSR2', () => {
  if (!profiler) {
    void startCpuProfile('worker').then((p) => (profiler = p));
    return;
  }
  void profiler.stop().then((summary) => process.stderr.write(`${summary}\n`));
});
await import('../apps/worker/src/main.js');
