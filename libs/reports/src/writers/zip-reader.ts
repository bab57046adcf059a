import { inflateRawSync } from 'node:zlib';

/**
 * Reads the entries of a zip held in memory: what verification needs of the bundles art30 writes
 * (stored or deflated entries, sizes in the central directory; no zip64, no encryption).
 * Returns null when the bytes are not a zip it can read.
 */
export function readZip(buffer: Buffer): Map<string, Buffer> | null {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > buffer.length) return null;
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  try {
    for (let i = 0; i < count; i++) {
      if (buffer.readUInt32LE(at) !== 0x02014b50) return null;
      const method = buffer.readUInt16LE(at + 10);
      const compressedSize = buffer.readUInt32LE(at + 20);
      const nameLength = buffer.readUInt16LE(at + 28);
      const extraLength = buffer.readUInt16LE(at + 30);
      const commentLength = buffer.readUInt16LE(at + 32);
      const localHeader = buffer.readUInt32LE(at + 42);
      const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
      at += 46 + nameLength + extraLength + commentLength;
      if (buffer.readUInt32LE(localHeader) !== 0x04034b50) return null;
      const dataStart =
        localHeader + 30 + buffer.readUInt16LE(localHeader + 26) + buffer.readUInt16LE(localHeader + 28);
      const data = buffer.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) files.set(name, Buffer.from(data));
      else if (method === 8) files.set(name, inflateRawSync(data));
      else return null;
    }
  } catch {
    return null;
  }
  return files;
}
