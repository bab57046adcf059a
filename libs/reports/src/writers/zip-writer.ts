import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { TransformOptions, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw, type DeflateRaw, type ZlibOptions } from 'node:zlib';

/**
 * Deflate level of the zips: 1 takes half the CPU of zlib's default 6 for about 10% more bytes
 * (CSV of 20,000 activities: 0.43 s against 0.88 s, 10.2 MB against 9.3 MB).
 */
export const ZIP_LEVEL = 1;

/**
 * Bytes a file may have waiting for the compressor (zlib works on the thread pool) before its
 * writer waits: enough that the JavaScript producing the rows rarely stops for it.
 */
const DEFLATE_BUFFER = 1024 * 1024;

/** Deflated bytes are copied into the zip this many at a time. */
const COPY_CHUNK = 256 * 1024;

/** What a zip entry and the manifest say about one file. */
export interface FileDigest {
  sha256: string;
  size: number;
}

/** A file deflated ahead of its place in the zip (see DeflateSpool). */
export interface DeflatedFile extends FileDigest {
  path: string;
  crc32: number;
  compressedSize: number;
}

/** SHA-256 (the manifest's), CRC-32 (the zip's) and size of bytes going by, in one place. */
class Digest {
  private readonly sha = createHash('sha256');
  crc = 0;
  size = 0;

  update(chunk: string | Buffer): Buffer {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.sha.update(bytes);
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    return bytes;
  }

  sha256(): string {
    return this.sha.digest('hex');
  }
}

function deflater(): DeflateRaw {
  // zlib streams take the stream options too (not in @types/node's ZlibOptions).
  const options: ZlibOptions & TransformOptions = { level: ZIP_LEVEL, writableHighWaterMark: DEFLATE_BUFFER };
  return createDeflateRaw(options);
}

/**
 * One file written ahead of the zip: hashed and deflated as its text comes (the compressor on
 * the thread pool, next to the JavaScript that makes the rows) into a file of its own, which the
 * zip later copies as it is. Only the compressed bytes touch the disk, once.
 */
export class DeflateSpool {
  private readonly digest = new Digest();
  private readonly deflate = deflater();
  private readonly file;
  private readonly written: Promise<void>;

  constructor(readonly path: string) {
    this.file = createWriteStream(path);
    this.written = pipeline(this.deflate, this.file);
    this.written.catch(() => undefined); // reported by write() or end()
  }

  /**
   * Resolves at once unless the compressor is DEFLATE_BUFFER behind; `consumed`: called once the
   * compressor is done with `bytes` (they may be reused then).
   */
  async write(bytes: Buffer, consumed?: () => void): Promise<void> {
    const written = this.deflate.write(this.digest.update(bytes), (error) => error || consumed?.());
    if (!written) await once(this.deflate, 'drain');
  }

  async end(): Promise<DeflatedFile> {
    this.deflate.end();
    await this.written;
    return {
      path: this.path,
      sha256: this.digest.sha256(),
      size: this.digest.size,
      crc32: this.digest.crc,
      compressedSize: this.file.bytesWritten,
    };
  }

  /** Stops on a failed export (the caller removes the file). */
  destroy(): void {
    this.deflate.destroy();
  }
}

const UTF8_NAME = 1 << 11;
const SIZES_AFTER_DATA = 1 << 3;
const DEFLATED = 8;
const VERSION = 20; // 2.0: deflate, data descriptors
const MADE_BY_UNIX = (3 << 8) | VERSION;
const FILE_MODE = 0o100644;
const ZIP32_LIMIT = 0xffffffff;

interface CentralEntry {
  name: Buffer;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/**
 * A zip written to a stream as it goes (deflated entries, UTF-8 names, one modification time):
 * files deflated on the way in (sizes in a data descriptor after the data) or deflated ahead
 * (DeflateSpool: sizes in the local header, bytes copied). art30's bundles stay far below 4 GiB
 * (100,000 activities: 330 MB of CSV, 50 MB zipped), so there is no zip64: past its limits the
 * export fails rather than writing an archive readers would misread.
 *
 * Why art30's own: the zip libraries (yazl, which the exports used before) deflate what they are
 * given themselves, so a table had to be spooled plain, read back and deflated after the whole
 * cursor pass. Taking entries deflated ahead is what lets each table be hashed and compressed on
 * zlib's threads while its rows are made (CPU of a 100,000-activity export -27 %, docs/benchmarks.md).
 */
export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly time: number;
  private readonly date: number;

  constructor(
    private readonly out: Writable,
    mtime: Date,
  ) {
    this.time = (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | (mtime.getSeconds() >> 1);
    this.date = ((mtime.getFullYear() - 1980) << 9) | ((mtime.getMonth() + 1) << 5) | mtime.getDate();
  }

  /** A file whose bytes come now, deflated on the way in. */
  async addStream(
    name: string,
    source: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  ): Promise<FileDigest> {
    const entry = this.begin(name, SIZES_AFTER_DATA, 0, 0, 0);
    await this.send(this.localHeader(entry));
    const digest = new Digest();
    const deflate = deflater();
    const pumped = (async () => {
      try {
        for await (const chunk of deflate as AsyncIterable<Buffer>) {
          entry.compressedSize += chunk.length;
          await this.send(chunk);
        }
      } catch (error) {
        deflate.destroy(error as Error); // stops the writes below too
        throw error;
      }
    })();
    try {
      for await (const chunk of source) if (!deflate.write(digest.update(chunk))) await once(deflate, 'drain');
      deflate.end();
    } catch (error) {
      deflate.destroy(error as Error);
    }
    await pumped;
    entry.crc32 = digest.crc;
    entry.size = digest.size;
    await this.send(dataDescriptor(entry));
    return { sha256: digest.sha256(), size: digest.size };
  }

  /**
   * A file deflated ahead, copied into place. A fresh buffer per read: `out` may keep what it was
   * given (the GraphQL answer collects the chunks), so a buffer is never written to twice.
   */
  async addDeflated(name: string, file: DeflatedFile): Promise<FileDigest> {
    const entry = this.begin(name, 0, file.crc32, file.compressedSize, file.size);
    await this.send(this.localHeader(entry));
    for await (const chunk of createReadStream(file.path, { highWaterMark: COPY_CHUNK }) as AsyncIterable<Buffer>)
      await this.send(chunk);
    return { sha256: file.sha256, size: file.size };
  }

  /** The central directory and its end record; the caller ends the stream. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const entry of this.entries) await this.send(this.centralRecord(entry));
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(within32(start), 16);
    await this.send(end);
  }

  private begin(name: string, flags: number, crc: number, compressedSize: number, size: number): CentralEntry {
    const entry = {
      name: Buffer.from(name, 'utf8'),
      flags: UTF8_NAME | flags,
      crc32: crc,
      compressedSize,
      size,
      offset: this.offset,
    };
    this.entries.push(entry);
    return entry;
  }

  private localHeader(entry: CentralEntry): Buffer {
    const header = Buffer.alloc(30 + entry.name.length);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(entry.flags, 6);
    header.writeUInt16LE(DEFLATED, 8);
    header.writeUInt16LE(this.time, 10);
    header.writeUInt16LE(this.date, 12);
    header.writeUInt32LE(entry.crc32, 14);
    header.writeUInt32LE(within32(entry.compressedSize), 18);
    header.writeUInt32LE(within32(entry.size), 22);
    header.writeUInt16LE(entry.name.length, 26);
    entry.name.copy(header, 30);
    return header;
  }

  private centralRecord(entry: CentralEntry): Buffer {
    const record = Buffer.alloc(46 + entry.name.length);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(MADE_BY_UNIX, 4);
    record.writeUInt16LE(VERSION, 6);
    record.writeUInt16LE(entry.flags, 8);
    record.writeUInt16LE(DEFLATED, 10);
    record.writeUInt16LE(this.time, 12);
    record.writeUInt16LE(this.date, 14);
    record.writeUInt32LE(entry.crc32, 16);
    record.writeUInt32LE(within32(entry.compressedSize), 20);
    record.writeUInt32LE(within32(entry.size), 24);
    record.writeUInt16LE(entry.name.length, 28);
    record.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    record.writeUInt32LE(within32(entry.offset), 42);
    entry.name.copy(record, 46);
    return record;
  }

  private async send(bytes: Buffer): Promise<void> {
    if (this.out.destroyed) throw new Error('the output was closed before the zip was complete');
    this.offset += bytes.length;
    if (!this.out.write(bytes)) await drained(this.out);
  }
}

/** Resolves when `out` takes writes again; rejects when it fails or closes first. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain).off('error', settle).off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('the output was closed before the zip was complete'));
    out.on('drain', onDrain).on('error', settle).on('close', onClose);
  });
}

function dataDescriptor(entry: CentralEntry): Buffer {
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(entry.crc32, 4);
  descriptor.writeUInt32LE(within32(entry.compressedSize), 8);
  descriptor.writeUInt32LE(within32(entry.size), 12);
  return descriptor;
}

function within32(value: number): number {
  if (value >= ZIP32_LIMIT) throw new Error('the export is larger than a zip without zip64 holds (4 GiB)');
  return value;
}
