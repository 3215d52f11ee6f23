import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

/** One entry as it lies in the archive: its stored bytes and whatever sizes and CRC it declares. */
export interface RawEntry {
  name: string;
  /** 8 = deflate (data is raw deflate), 0 = stored. */
  method: 0 | 8;
  data: Buffer;
  crc: number;
  /** Declared uncompressed size (central directory and local header); a hostile archive may lie. */
  size: number;
}

/** An honest deflated entry. */
export function deflated(name: string, content: Buffer): RawEntry {
  return { name, method: 8, data: deflateRawSync(content), crc: crc32(content), size: content.length };
}

/** `count` entries of `size` zero bytes, all sharing one deflated blob (~1 KB per MiB): an archive bomb in milliseconds. */
export function zeroEntries(count: number, size: number, prefix = 'evidence/k/'): RawEntry[] {
  const content = Buffer.alloc(size);
  const data = deflateRawSync(content, { level: 9 });
  const crc = crc32(content);
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}${String(i).padStart(5, '0')}.json`, method: 8 as const, data, crc, size }));
}

/**
 * Writes a ZIP from entries' stored bytes (regular files, mode 0644, no ZIP64), so a test can build a hostile
 * archive — thousands of entries sharing one deflated blob, sizes that lie — in milliseconds, without inflating it.
 */
export function writeRawZip(path: string, entries: Iterable<RawEntry>): void {
  const fd = openSync(path, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  const write = (b: Buffer) => {
    writeSync(fd, b);
    offset += b.length;
  };
  try {
    for (const e of entries) {
      const name = Buffer.from(e.name, 'utf8');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6);
      local.writeUInt16LE(e.method, 8);
      local.writeUInt32LE(e.crc >>> 0, 14);
      local.writeUInt32LE(e.data.length, 18);
      local.writeUInt32LE(e.size, 22);
      local.writeUInt16LE(name.length, 26);
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE((3 << 8) | 20, 4);
      cd.writeUInt16LE(20, 6);
      cd.writeUInt16LE(0x0800, 8);
      cd.writeUInt16LE(e.method, 10);
      cd.writeUInt32LE(e.crc >>> 0, 16);
      cd.writeUInt32LE(e.data.length, 20);
      cd.writeUInt32LE(e.size, 24);
      cd.writeUInt16LE(name.length, 28);
      cd.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      cd.writeUInt32LE(offset, 42);
      central.push(cd, name);
      write(Buffer.concat([local, name]));
      write(e.data);
      count += 1;
    }
    const cdOffset = offset;
    const cdBytes = Buffer.concat(central);
    write(cdBytes);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(count, 8);
    end.writeUInt16LE(count, 10);
    end.writeUInt32LE(cdBytes.length, 12);
    end.writeUInt32LE(cdOffset, 16);
    write(end);
  } finally {
    closeSync(fd);
  }
}
