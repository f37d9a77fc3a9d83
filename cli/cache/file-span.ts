import { close, closeSync, constants, fstatSync, openSync, read, readSync } from 'node:fs';
import { BadCache } from './validate';

// The cache file is read in parts (store.ts): its head line always, its entries only when a unit
// must be decoded, the report it keeps only when it would be printed. An unchanged rerun of 1,000
// generated flows read, and hashed, the 2.7 MB of entries it never used. Each part is read from
// the file the head came from: a file replaced meanwhile (another run renamed its cache over it)
// is a cold run, not a mix of two files.

/** The cache file as its head was read: a later part is read only from this very file. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

// Non-blocking, so a FIFO put in its place cannot block the open; never through a link.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** How much of the file the first read takes: a head holds a record per file of the run (about 200 bytes each). */
const FIRST_READ = 256 * 1024;

function identityOf(stat: { dev: number; ino: number; size: number; mtimeMs: number }): FileIdentity {
  return { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

function fill(fd: number, buffer: Buffer, at: number): void {
  let filled = 0;
  while (filled < buffer.length) {
    const read = readSync(fd, buffer, filled, buffer.length - filled, at + filled);
    if (read === 0) throw new SyntaxError('cut short');
    filled += read;
  }
}

function opened<T>(abs: string, use: (fd: number, identity: FileIdentity) => T): T {
  const fd = openSync(abs, FLAGS);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new BadCache('it is not a regular file');
    return use(fd, identityOf(stat));
  } finally {
    closeSync(fd);
  }
}

/**
 * The file's first line (without its newline; the whole file when it has none) and the file's
 * identity. Files larger than `maxBytes` are refused before anything is read.
 */
export function readFirstLine(abs: string, maxBytes: number): { line: Buffer; identity: FileIdentity } {
  return opened(abs, (fd, identity) => {
    if (identity.size > maxBytes) throw new BadCache(`it is larger than ${maxBytes / 1024 / 1024} MiB`);
    let length = Math.min(identity.size, FIRST_READ);
    let bytes = Buffer.allocUnsafe(length);
    fill(fd, bytes, 0);
    let end = bytes.indexOf(0x0a);
    while (end < 0 && length < identity.size) {
      // A head longer than what was read (a run of some thousand files: ../shared/corpus makes a
      // 289 KB head): as much again, up to the end. Reading the rest of the file at once read and
      // copied the 3.6 MB behind that head, 7 ms of the corpus's unchanged rerun.
      const more = Buffer.allocUnsafe(Math.min(identity.size - length, length));
      fill(fd, more, length);
      const from = length;
      bytes = Buffer.concat([bytes, more]);
      length += more.length;
      end = bytes.indexOf(0x0a, from);
    }
    return { line: bytes.subarray(0, end < 0 ? bytes.length : end), identity };
  });
}

/** Bytes [from, to) of the file the head was read from; BadCache when it is another file now. */
export function readSpan(abs: string, identity: FileIdentity, from: number, to: number): Buffer {
  return opened(abs, (fd, now) => {
    if (!sameFile(identity, now)) throw new BadCache('it changed while FlowGuard read it');
    const bytes = Buffer.allocUnsafe(to - from);
    fill(fd, bytes, from);
    return bytes;
  });
}

/**
 * readSpan, its read done by libuv's thread pool: the file is opened and checked now, and its
 * bytes read in one pread while the main thread goes on (an unchanged rerun stats every file
 * meanwhile). Resolves to the bytes, or to undefined when the file is not the one the head came
 * from or the read fails; never rejects.
 */
export function readSpanAhead(abs: string, identity: FileIdentity, from: number, to: number): Promise<Buffer | undefined> {
  let fd: number;
  try {
    fd = openSync(abs, FLAGS);
  } catch {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const done = (bytes: Buffer | undefined): void => close(fd, () => resolve(bytes));
    let bytes: Buffer;
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile() || !sameFile(identity, identityOf(stat))) return done(undefined);
      bytes = Buffer.allocUnsafe(to - from);
    } catch {
      return done(undefined);
    }
    const more = (filled: number): void => {
      if (filled === bytes.length) return done(bytes);
      read(fd, bytes, filled, bytes.length - filled, from + filled, (error, count) => (error || count === 0 ? done(undefined) : more(filled + count)));
    };
    more(0);
  });
}
