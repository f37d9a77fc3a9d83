import { closeSync, constants, fstatSync, openSync, promises as fs, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';

/**
 * The file system calls a folder tree makes, in one of two kinds. Asynchronous calls keep the
 * language server's event loop free while a workspace is read; blocking ones cost a third of the
 * CPU per file (no hop to libuv's pool, no promise per call), which is what the CLI, doing nothing
 * else meanwhile, wants. Both check and read a file the same way: one open, then the checks on the
 * open file, so the file measured is the file read.
 */
export interface TreeIO {
  realpath(abs: string): Promise<string>;
  readdir(abs: string): Promise<Dirent[]>;
  isFile(abs: string): Promise<boolean>;
  /**
   * The bytes of a regular file, all of them (read to its end, as fs.readFile reads, should it
   * have grown since its stat) but never more than `maxBytes`: past it, `tooLarge(size)` is thrown;
   * `notFile()` is thrown for anything else than a regular file.
   */
  readFile(abs: string, maxBytes: number, tooLarge: (size: number) => Error, notFile: () => Error): Promise<Uint8Array>;
}

// Non-blocking, so that a FIFO put in a file's place cannot hang the open; O_NONBLOCK does not
// exist on Windows, where FIFOs are not files either.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Reads into `buffer` (one byte larger than the file's size, so the read that fills it tells a file that grew) to the end. */
async function readAll(read: (buffer: Buffer, at: number) => Promise<number> | number, size: number, maxBytes: number, tooLarge: (size: number) => Error): Promise<Uint8Array> {
  let buffer = Buffer.allocUnsafe(size + 1);
  let filled = 0;
  for (;;) {
    const bytesRead = await read(buffer, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
    if (filled < buffer.length) continue;
    if (filled > maxBytes) throw tooLarge(filled);
    const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
    buffer.copy(larger, 0, 0, filled);
    buffer = larger;
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
}

export const ASYNC_TREE_IO: TreeIO = {
  realpath: (abs) => fs.realpath(abs),
  readdir: (abs) => fs.readdir(abs, { withFileTypes: true }),
  isFile: async (abs) => (await fs.stat(abs)).isFile(),
  async readFile(abs, maxBytes, tooLarge, notFile) {
    const handle = await fs.open(abs, READ_FLAGS);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw notFile();
      if (stat.size > maxBytes) throw tooLarge(stat.size);
      return await readAll(async (buffer, at) => (await handle.read(buffer, at, buffer.length - at, at)).bytesRead, stat.size, maxBytes, tooLarge);
    } finally {
      await handle.close().catch(() => undefined);
    }
  },
};

export const SYNC_TREE_IO: TreeIO = {
  realpath: async (abs) => realpathSync.native(abs),
  readdir: async (abs) => readdirSync(abs, { withFileTypes: true }),
  isFile: async (abs) => statSync(abs).isFile(),
  async readFile(abs, maxBytes, tooLarge, notFile) {
    const fd = openSync(abs, READ_FLAGS);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw notFile();
      if (stat.size > maxBytes) throw tooLarge(stat.size);
      return await readAll((buffer, at) => readSync(fd, buffer, at, buffer.length - at, at), stat.size, maxBytes, tooLarge);
    } finally {
      closeSync(fd);
    }
  },
};
