import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from './load.js';

/**
 * Announces subprocessor additions as fast as the server takes them: request n goes to tenant
 * `targets[n % targets.length]`, names one of that tenant's vendors, and has the purpose
 * `<purposePrefix> <n>`, so no two requests are the same write.
 */
export interface WriteLoadSpec {
  url: string;
  query: string;
  targets: Array<{ token: string; vendorIds: string[] }>;
  /** The engagement's other fields, the same for every request. */
  engagement: Record<string, unknown>;
  purposePrefix: string;
  connections: number;
  seconds: number;
  /** Requests per second offered; omit for as fast as the server answers. */
  rate?: number;
}

export interface WriteLoadResult extends LoadResult {
  timeouts: number;
  /** 2xx answers that carried GraphQL errors (or no id): failed writes the status code hides. */
  graphqlErrors: number;
  errorSamples: string[];
  /** Every acknowledged write: [target index, change id, engagement id]. */
  acknowledged: Array<[number, string, string]>;
}

const child = fileURLToPath(new URL('./write-load-process.js', import.meta.url));

/** Runs the load generator in its own process (it must not share the server's or the benchmark's CPU time slices). */
export async function writeLoad(spec: WriteLoadSpec): Promise<WriteLoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'art30-write-load-'));
  const file = join(dir, 'spec.json');
  await writeFile(file, JSON.stringify(spec));
  try {
    return await new Promise<WriteLoadResult>((resolve, reject) => {
      const proc = spawn(process.execPath, [child, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      proc.on('error', reject);
      proc.on('close', (code) =>
        code === 0 ? resolve(JSON.parse(out) as WriteLoadResult) : reject(new Error(`write load exited with ${code}`)),
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
