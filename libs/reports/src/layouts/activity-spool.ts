import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import type { Cell } from '../reports.types.js';
import type { TableSpec } from './table-spec.js';

/**
 * The tables made from the activities (activities, purposes, recipients, transfers, findings …)
 * filled in ONE pass over the activities' cursor, with each activity's health evaluated once:
 * the rows go to one temporary file per table (JSON lines), which the writers then read back one
 * table after the other. Memory stays bounded (a batch of activities, the write buffers) whatever
 * the register's size, and the database is read once instead of once per table.
 */
export class ActivitySpool {
  private readonly specs: Array<TableSpec<never>> = [];
  private filled: Promise<string> | null = null;
  private dir: string | null = null;

  constructor(private readonly reader: RegisterSnapshotReader) {}

  register(spec: TableSpec<never>): void {
    this.specs.push(spec);
  }

  async *rows(table: string): AsyncIterable<Cell[]> {
    const dir = await (this.filled ??= this.fill());
    const lines = createInterface({ input: createReadStream(join(dir, `${table}.jsonl`)), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as Cell[];
  }

  async dispose(): Promise<void> {
    if (this.filled) await this.filled.catch(() => undefined);
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  private async fill(): Promise<string> {
    const dir = (this.dir = await mkdtemp(join(tmpdir(), 'art30-export-')));
    const outs = this.specs.map((spec) => ({ spec, out: createWriteStream(join(dir, `${spec.name}.jsonl`)) }));
    const write = async (out: WriteStream, cells: Cell[]) => {
      if (!out.write(JSON.stringify(cells) + '\n')) await once(out, 'drain');
    };
    try {
      for (const { spec, out } of outs)
        for (const row of spec.head?.(this.reader) ?? [])
          await write(
            out,
            spec.columns.map((c) => c.get(row)),
          );
      for await (const activity of this.reader.activities()) {
        for (const { spec, out } of outs)
          for (const row of spec.fromActivity!(activity))
            await write(
              out,
              spec.columns.map((c) => c.get(row)),
            );
      }
    } finally {
      await Promise.all(outs.map(({ out }) => new Promise((resolve) => out.end(resolve))));
    }
    return dir;
  }
}
