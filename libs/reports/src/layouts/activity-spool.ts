import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { RegisterSnapshotReader } from '../exports/register-stream.js';
import type { Cell } from '../reports.types.js';
import { csvLine } from '../writers/csv.writer.js';
import { type DeflatedFile, DeflateSpool } from '../writers/zip-writer.js';
import type { TableSpec } from './table-spec.js';

/**
 * How the spooled rows are kept: as the CSV file the CSV export writes, hashed and deflated on the
 * way (the zip copies it as it is), or as JSON lines of cells for the writers that need cells
 * (XLSX, JSON).
 */
export type SpoolEncoding = 'csv' | 'json';

/** Encoded rows are written to a table's file in chunks of this many bytes, not line by line. */
const CHUNK = 64 * 1024;

/**
 * The tables made from the activities (activities, purposes, recipients, transfers, findings …)
 * filled in ONE pass over the activities' cursor, with each activity's health evaluated once:
 * the rows go to one temporary file per table (for CSV the table's file already deflated, with
 * its SHA-256 and CRC-32, so the zip copies it), which the writers then take one table after the
 * other. Memory stays bounded (a batch of activities, a chunk per table) whatever the register's
 * size, and the database is read once instead of once per table.
 */
export class ActivitySpool {
  private readonly specs: Array<{ spec: TableSpec<never>; head: string }> = [];
  private filled: Promise<Map<string, DeflatedFile | string>> | null = null;
  private dir: string | null = null;

  constructor(
    private readonly reader: RegisterSnapshotReader,
    readonly encoding: SpoolEncoding,
  ) {}

  /** `head`: what a CSV file starts with (byte-order mark and header line). */
  register(spec: TableSpec<never>, head = ''): void {
    this.specs.push({ spec, head });
  }

  /** A JSON-spooled table's rows. */
  async *rows(table: string): AsyncIterable<Cell[]> {
    if (this.encoding !== 'json') throw new Error(`table ${table} was spooled as ${this.encoding}, not as cells`);
    const path = (await (this.filled ??= this.fill())).get(table) as string;
    const lines = createInterface({ input: createReadStream(path, { highWaterMark: CHUNK }), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as Cell[];
  }

  /** A CSV-spooled table's whole file, deflated. */
  async deflated(table: string): Promise<DeflatedFile> {
    if (this.encoding !== 'csv') throw new Error(`table ${table} was spooled as ${this.encoding}, not as CSV`);
    return (await (this.filled ??= this.fill())).get(table) as DeflatedFile;
  }

  async dispose(): Promise<void> {
    if (this.filled) await this.filled.catch(() => undefined);
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  private async fill(): Promise<Map<string, DeflatedFile | string>> {
    const dir = (this.dir = await mkdtemp(join(tmpdir(), 'art30-export-')));
    const csv = this.encoding === 'csv';
    const encode = csv ? csvLine : (cells: Cell[]) => JSON.stringify(cells) + '\n';
    const outs = this.specs.map(({ spec, head }) => {
      const path = join(dir, `${spec.name}.spool`);
      return new SpooledTable<DeflatedFile | string>(spec, csv ? new DeflateSpool(path) : new PlainSpool(path), head);
    });
    try {
      for (const out of outs) for (const row of out.spec.head?.(this.reader) ?? []) out.add(encode(out.cells(row)));
      for await (const activity of this.reader.activities()) {
        for (const out of outs) {
          for (const row of out.spec.fromActivity!(activity)) out.add(encode(out.cells(row)));
          if (out.full) await out.flush();
        }
      }
      const files = new Map<string, DeflatedFile | string>();
      for (const out of outs) files.set(out.spec.name, await out.end());
      return files;
    } catch (error) {
      for (const out of outs) out.file.destroy();
      throw error;
    }
  }
}

/** Spooled text kept as it is (JSON lines read back by rows()). */
class PlainSpool {
  private readonly file;
  private readonly closed: Promise<void>;

  constructor(readonly path: string) {
    this.file = createWriteStream(path);
    this.closed = once(this.file, 'close').then(() => undefined);
    this.closed.catch(() => undefined);
  }

  async write(bytes: Buffer, written: () => void): Promise<void> {
    if (!this.file.write(bytes, (error) => error || written())) await once(this.file, 'drain');
  }

  async end(): Promise<string> {
    this.file.end();
    await this.closed;
    return this.path;
  }

  destroy(): void {
    this.file.destroy();
  }
}

/**
 * One table's spool file and the encoded rows not yet written to it, as UTF-8 bytes: each line is
 * encoded as it is made and dies young, instead of living on in a growing string until the flush
 * (long-lived strings survive the young generation's collections and fill the old one).
 */
class SpooledTable<F> {
  private pending: Buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  /** Chunks to write, in order, each with the buffer it fills (to be used again once written). */
  private readonly ready: Array<{ bytes: Buffer; buffer: Buffer | null }> = [];
  /**
   * Buffers the file's writer is done with. Reused: a buffer let go lives on outside the heap until
   * its garbage-collected handle goes, and at 100,000 activities 70 MB of them were waiting so.
   */
  private readonly spare: Buffer[] = [];
  private readonly getters: Array<(row: never) => Cell>;

  constructor(
    readonly spec: TableSpec<never>,
    readonly file: { write(bytes: Buffer, written: () => void): Promise<void>; end(): Promise<F>; destroy(): void },
    head: string,
  ) {
    this.getters = spec.columns.map((c) => c.get);
    this.add(head);
  }

  /** A chunk is ready to be written. */
  get full(): boolean {
    return this.ready.length > 0;
  }

  cells(row: never): Cell[] {
    return this.getters.map((get) => get(row));
  }

  add(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (line.length * 3 > CHUNK - this.used) {
      this.seal();
      if (line.length * 3 > CHUNK) return void this.ready.push({ bytes: Buffer.from(line, 'utf8'), buffer: null });
    }
    this.used += this.pending.write(line, this.used, 'utf8');
  }

  async flush(): Promise<void> {
    for (const { bytes, buffer } of this.ready.splice(0))
      await this.file.write(bytes, () => buffer && this.spare.push(buffer));
  }

  async end(): Promise<F> {
    this.seal();
    await this.flush();
    return this.file.end();
  }

  /** The buffer so far becomes a chunk (the file's writer keeps it until written): new lines go to a new one. */
  private seal(): void {
    if (this.used === 0) return;
    this.ready.push({ bytes: this.pending.subarray(0, this.used), buffer: this.pending });
    this.pending = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK);
    this.used = 0;
  }
}
