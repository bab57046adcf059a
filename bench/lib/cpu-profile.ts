import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

type Profile = Awaited<ReturnType<Session['post']>> & {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
};

/** Starts the V8 CPU profiler in this process; `stop` writes `.cache/<name>.cpuprofile` and returns a summary. */
export async function startCpuProfile(name: string): Promise<{ stop(): Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
      session.disconnect();
      await writeFile(`.cache/${name}.cpuprofile`, JSON.stringify(profile));
      return summarise(name, profile);
    },
  };
}

/** Top self time by function and by package (node_modules/<package>, node internals, the project). */
function summarise(name: string, profile: Profile): string {
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const where = url.replace(/.*node_modules\//, '').replace(`file://${process.cwd()}/`, '');
    const fn = `${functionName || '(anonymous)'} ${where}:${lineNumber}`;
    const pkg = url.includes('node_modules/')
      ? /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)![1]!
      : url.startsWith('node:')
        ? 'node internals'
        : url === ''
          ? functionName
          : 'art30';
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + (deltas[i] ?? 0));
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + (deltas[i] ?? 0));
  });
  const total = [...byFunction.values()].reduce((a, b) => a + b, 0);
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}% ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  return `${name}: ${(total / 1e6).toFixed(1)} s sampled\n by package:\n${top(byPackage, 12)}\n by function (self):\n${top(byFunction, 25)}`;
}
