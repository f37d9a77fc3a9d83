import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../core/artifacts/crc32';

/** Knobs for writing broken or hostile archives on purpose. */
export interface MakeZipOptions {
  /** Deflate every entry (default) or store it as is. */
  method?: 'deflate' | 'store';
  /** Sizes to declare instead of the true uncompressed size, by entry name. */
  declaredSize?: Record<string, number>;
  /** Extra general-purpose flag bits by entry name (1 = encrypted). */
  flags?: Record<string, number>;
  /** Compression method numbers to write instead of the real one, by entry name. */
  methodId?: Record<string, number>;
  /** CRC values to write instead of the true one, by entry name. */
  crc?: Record<string, number>;
  /** The entries' modification time (default 1980-01-01 00:00, the earliest a zip can say). */
  modified?: Date;
}

/** A Date as the MS-DOS time and date fields of a zip header. */
function dosDateTime(date: Date | undefined): { time: number; date: number } {
  if (!date) return { time: 0, date: 0x21 };
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

const UTF8_NAMES = 0x800;

/**
 * A minimal zip writer for tests: local headers, data, central directory, end record. Names
 * are written as given (backslashes, '..' and all) so the reader's defences can be tested.
 */
export function makeZip(files: Record<string, string | Uint8Array>, opts: MakeZipOptions = {}): Uint8Array {
  const stamp = dosDateTime(opts.modified);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const deflate = (opts.method ?? 'deflate') === 'deflate' && !name.endsWith('/');
    const body = deflate ? deflateRawSync(data) : data;
    const method = opts.methodId?.[name] ?? (deflate ? 8 : 0);
    const flags = UTF8_NAMES | (opts.flags?.[name] ?? 0);
    const crc = opts.crc?.[name] ?? crc32(data);
    const size = opts.declaredSize?.[name] ?? data.length;
    const nameBytes = Buffer.from(name, 'utf8');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(stamp.time, 10);
    local.writeUInt16LE(stamp.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(stamp.time, 12);
    central.writeUInt16LE(stamp.date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const count = Object.keys(files).length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
