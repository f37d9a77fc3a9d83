import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { formatLimitBytes, MAX_FILE_BYTES } from '../limits';

/**
 * Reads a file named by the user or a configuration (flowguard.json, a policy, a flow on the
 * command line), only when it is a regular file no larger than `maxBytes`. The file is opened
 * non-blocking and checked on the open descriptor, so a FIFO cannot block the open, /dev/zero
 * cannot fill memory, and a file swapped after the check is still the one measured. The bytes
 * read are bounded too, for a file that grows while read. Throws ReadRefused, whose message
 * ends a sentence that starts with the file's name ("... is not a regular file").
 */
export class ReadRefused extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'ReadRefused';
  }
}

// O_NONBLOCK does not exist on Windows, where FIFOs are not files either.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function refuse(error: unknown): never {
  if (error instanceof ReadRefused) throw error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') throw new ReadRefused('does not exist', code);
  if (code === 'EACCES' || code === 'EPERM') throw new ReadRefused('cannot be read: permission denied', code);
  if (code === 'EISDIR') throw new ReadRefused('is a folder, not a file', code);
  throw new ReadRefused(`cannot be read (${code ?? String(error)})`, code);
}

function checkStat(stat: { isFile(): boolean; isDirectory(): boolean; size: number }, maxBytes: number): void {
  if (stat.isDirectory()) throw new ReadRefused('is a folder, not a file', 'EISDIR');
  if (!stat.isFile()) throw new ReadRefused('is not a regular file (a device, a FIFO or a socket); FlowGuard reads regular files only', 'ENOTREG');
  if (stat.size > maxBytes) throw new ReadRefused(`is ${formatLimitBytes(stat.size)}; FlowGuard reads at most ${formatLimitBytes(maxBytes)} from one file`, 'EFBIG');
}

// The callback API, promisified: `fs.promises` would load node's promise-based file system, its
// file handles and readline at a run's start (about ten internal modules) for the few files read here.
const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const readAsync = promisify(read);
const closeAsync = promisify(close);

export async function readRegularFile(abs: string, maxBytes = MAX_FILE_BYTES): Promise<Uint8Array> {
  let fd: number | undefined;
  try {
    fd = await openAsync(abs, FLAGS);
    const stat = await fstatAsync(fd);
    checkStat(stat, maxBytes);
    // One byte more than the file's size, to notice a file that grows while read.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await readAsync(fd, buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > maxBytes) throw new ReadRefused(`grew past ${formatLimitBytes(maxBytes)} while being read; FlowGuard reads at most ${formatLimitBytes(maxBytes)} from one file`, 'EFBIG');
    return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
  } catch (error) {
    return refuse(error);
  } finally {
    if (fd !== undefined) await closeAsync(fd).catch(() => undefined);
  }
}

export function readRegularFileSync(abs: string, maxBytes = MAX_FILE_BYTES): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(abs, FLAGS);
    const stat = fstatSync(fd);
    checkStat(stat, maxBytes);
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > maxBytes) throw new ReadRefused(`grew past ${formatLimitBytes(maxBytes)} while being read; FlowGuard reads at most ${formatLimitBytes(maxBytes)} from one file`, 'EFBIG');
    return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
  } catch (error) {
    return refuse(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
