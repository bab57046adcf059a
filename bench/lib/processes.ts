import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a Node script in its own process (so the server under test shares no event loop with the
 * benchmark or the load generator) and waits until `ready` answers 200. Output goes to .cache/<name>.log.
 */
export async function startServer(opts: {
  name: string;
  script: string;
  env: Record<string, string | undefined>;
  port: number;
  readyPath?: string;
  timeoutMs?: number;
}): Promise<ServerProcess & { startedInMs: number }> {
  await mkdir('.cache', { recursive: true });
  const log = createWriteStream(`.cache/bench-${opts.name}.log`, { flags: 'a' });
  const began = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(opts.env)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, [opts.script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const base = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  for (;;) {
    if (exited !== null)
      throw new Error(`${opts.name} exited with ${exited} while starting (see .cache/bench-${opts.name}.log)`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${opts.name} did not answer ${opts.readyPath ?? '/health'} in time`);
    }
    try {
      const res = await fetch(base + (opts.readyPath ?? '/health'), { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const startedInMs = performance.now() - began;
  return {
    url: base,
    child,
    startedInMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
