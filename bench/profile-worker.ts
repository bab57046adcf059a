import { startCpuProfile } from './lib/cpu-profile.js';

/**
 * The worker process under the V8 profiler (the fan-out benchmark spawns it with BENCH_PROFILE=1):
 * apps/worker, profiled between the benchmark's 'start' and 'stop' messages (IPC: at the commit and
 * after the last delivery), then .cache/worker.cpuprofile is written and a summary printed.
 * (--cpu-prof would not do: the worker ends by re-raising SIGTERM, so it never writes; and NestJS
 * shutdown hooks take every signal, SIGUSR2 included.)
 */
let profiler: Promise<Awaited<ReturnType<typeof startCpuProfile>>> | undefined;
process.on('message', (message) => {
  if (message === 'start') profiler = startCpuProfile('worker');
  if (message === 'stop')
    void profiler
      ?.then((p) => p.stop())
      .then((summary) => process.stderr.write(`${summary}\n`))
      .finally(() => process.send?.('stopped'));
});
process.channel?.unref(); // the channel alone does not keep the worker alive
await import('../apps/worker/src/main.js');
