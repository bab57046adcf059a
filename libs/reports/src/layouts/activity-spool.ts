import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import type { Cell } from '../reports.types.js';
import { csvLine } from '../writers/csv.writer.js';
import type { TableSpec } from './table-spec.js';

/**
 * How the spooled rows are kept: as the CSV lines the CSV export writes anyway (read back as bytes,
 * never parsed again), or as JSON lines of cells for the writers that need cells (XLSX, JSON).
 */
export type SpoolEncoding = 'csv' | 'json';

/** Encoded rows are written to a table's file in chunks of this many characters, not line by line. */
const CHUNK = 64 * 1024;

/**
 * The tables made from the activities (activities, purposes, recipients, transfers, findings …)
 * filled in ONE pass over the activities' cursor, with each activity's health evaluated once:
 * the rows go to one temporary file per table, which the writers then read back one table after
 * the other. Memory stays bounded (a batch of activities, a chunk per table) whatever the
 * register's size, and the database is read once instead of once per table.
 */
export class ActivitySpool {
  private readonly specs: Array<TableSpec<never>> = [];
  private filled: Promise<string> | null = null;
  private dir: string | null = null;

  constructor(
    private readonly reader: RegisterSnapshotReader,
    readonly encoding: SpoolEncoding,
  ) {}

  register(spec: TableSpec<never>): void {
    this.specs.push(spec);
  }

  /** A JSON-spooled table's rows. */
  async *rows(table: string): AsyncIterable<Cell[]> {
    if (this.encoding !== 'json') throw new Error(`table ${table} was spooled as ${this.encoding}, not as cells`);
    const lines = createInterface({ input: await this.file(table), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as Cell[];
  }

  /** A CSV-spooled table's lines (without its header), as bytes. */
  async *csv(table: string): AsyncIterable<Buffer> {
    if (this.encoding !== 'csv') throw new Error(`table ${table} was spooled as ${this.encoding}, not as CSV`);
    yield* (await this.file(table)) as AsyncIterable<Buffer>;
  }

  async dispose(): Promise<void> {
    if (this.filled) await this.filled.catch(() => undefined);
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  private async file(table: string) {
    const dir = await (this.filled ??= this.fill());
    return createReadStream(join(dir, `${table}.spool`), { highWaterMark: CHUNK });
  }

  private async fill(): Promise<string> {
    const dir = (this.dir = await mkdtemp(join(tmpdir(), 'art30-export-')));
    const encode = this.encoding === 'csv' ? csvLine : (cells: Cell[]) => JSON.stringify(cells) + '\n';
    const outs = this.specs.map((spec) => new SpooledTable(spec, createWriteStream(join(dir, `${spec.name}.spool`))));
    try {
      for (const out of outs) for (const row of out.spec.head?.(this.reader) ?? []) out.add(encode(out.cells(row)));
      for await (const activity of this.reader.activities()) {
        for (const out of outs) {
          for (const row of out.spec.fromActivity!(activity)) out.add(encode(out.cells(row)));
          if (out.pending.length >= CHUNK) await out.flush();
        }
      }
      for (const out of outs) await out.flush();
    } finally {
      await Promise.all(outs.map(({ file }) => new Promise((resolve) => file.end(resolve))));
    }
    return dir;
  }
}

/** One table's spool file and the encoded rows not yet written to it. */
class SpooledTable {
  pending = '';
  private readonly getters: Array<(row: never) => Cell>;

  constructor(
    readonly spec: TableSpec<never>,
    readonly file: WriteStream,
  ) {
    this.getters = spec.columns.map((c) => c.get);
  }

  cells(row: never): Cell[] {
    return this.getters.map((get) => get(row));
  }

  add(line: string): void {
    this.pending += line;
  }

  async flush(): Promise<void> {
    if (!this.pending) return;
    const chunk = this.pending;
    this.pending = '';
    if (!this.file.write(chunk)) await once(this.file, 'drain');
  }
}
