import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { readZip } from './zip-reader.js';
import { DeflateSpool, ZipWriter } from './zip-writer.js';

class Collect extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
}

/** The central directory's records: name, CRC-32, sizes, local header offset and flags. */
function centralDirectory(zip: Buffer) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const records = [];
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    records.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      flags: zip.readUInt16LE(at + 8),
      crc32: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength;
  }
  return records;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('ZipWriter', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'zip-writer-spec-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes streamed and spooled entries that read back byte for byte, with their CRC-32, sizes and SHA-256', async () => {
    const text = '\uFEFFnaam,beschrijving\r\n' + 'Ünïcødé "quoted", €\r\n'.repeat(20_000);
    const random = randomBytes(300_000); // does not compress: deflated larger than it is
    const spool = new DeflateSpool(join(dir, 'spooled'));
    for (let i = 0; i < random.length; i += 65_536) await spool.write(random.subarray(i, i + 65_536));
    const spooled = await spool.end();

    const out = new Collect();
    const zip = new ZipWriter(out, new Date('2026-11-22T10:11:12Z'));
    const streamed = await zip.addStream('tabel één.csv', [text.slice(0, 1000), Buffer.from(text.slice(1000))]);
    const copied = await zip.addDeflated('random.bin', spooled);
    await zip.addStream('empty.csv', []);
    await zip.finish();
    const bytes = Buffer.concat(out.chunks);

    const files = readZip(bytes)!;
    expect([...files.keys()]).toEqual(['tabel één.csv', 'random.bin', 'empty.csv']);
    expect(files.get('tabel één.csv')!.equals(Buffer.from(text))).toBe(true);
    expect(files.get('random.bin')!.equals(random)).toBe(true);
    expect(files.get('empty.csv')!.length).toBe(0);
    expect(streamed).toEqual({ sha256: sha256(Buffer.from(text)), size: Buffer.byteLength(text) });
    expect(copied).toEqual({ sha256: sha256(random), size: random.length });

    for (const record of centralDirectory(bytes)) {
      const content = files.get(record.name)!;
      expect({ name: record.name, crc: record.crc32, size: record.size }).toEqual({
        name: record.name,
        crc: crc32(content),
        size: content.length,
      });
      const local = record.offset;
      expect(bytes.readUInt32LE(local)).toBe(0x04034b50);
      const dataStart = local + 30 + bytes.readUInt16LE(local + 26);
      if (record.flags & 0b1000) {
        // Streamed: sizes in the data descriptor after the data.
        const descriptor = dataStart + record.compressedSize;
        expect(bytes.readUInt32LE(descriptor)).toBe(0x08074b50);
        expect(bytes.readUInt32LE(descriptor + 4)).toBe(record.crc32);
        expect(bytes.readUInt32LE(descriptor + 12)).toBe(record.size);
      } else {
        expect(bytes.readUInt32LE(local + 14)).toBe(record.crc32);
        expect(bytes.readUInt32LE(local + 18)).toBe(record.compressedSize);
      }
    }
  });

  it('fails, rather than waiting for ever, when the output closes or the source fails', async () => {
    const closed = new Collect();
    closed.destroy();
    await expect(new ZipWriter(closed, new Date()).addStream('a.csv', ['x'])).rejects.toThrow(/closed/);

    async function* failing() {
      yield 'a,b\r\n';
      throw new Error('the cursor broke');
    }
    await expect(new ZipWriter(new Collect(), new Date()).addStream('a.csv', failing())).rejects.toThrow(
      'the cursor broke',
    );
  });
});
