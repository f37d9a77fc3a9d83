import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MAX_FILE_BYTES } from '../../core/limits';
import type { Unit } from '../units/plan';

// An unchanged rerun reads and hashes every file it would lint and parses none: this is most of
// what it costs, so files are read synchronously into one buffer (the run has nothing else to do
// meanwhile, and the disk cache answers faster than a thread pool round trip).

let buffer = Buffer.alloc(1 << 20);

/**
 * The sha1 of a file's bytes, or for one larger than FlowGuard reads, its size (what the loader
 * says of it depends on nothing else). Undefined when it cannot be read, or is not a regular
 * file: its unit is then linted, not reused.
 */
function fileDigest(abs: string): string | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, so that a FIFO put in place of a file cannot hang the run.
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (stat.size > MAX_FILE_BYTES) return `size ${stat.size}`;
    const hash = createHash('sha1');
    for (;;) {
      if (buffer.length < stat.size + 1) buffer = Buffer.alloc(Math.min(MAX_FILE_BYTES + 1, 2 * (stat.size + 1)));
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A 'path' unit's files: the file named (a folder that could not be walked, or a missing path, is never reused). */
async function pathFiles(unit: Unit, cwd: string): Promise<string[] | undefined> {
  const abs = path.resolve(cwd, unit.given);
  const stat = await fs.stat(abs).catch(() => undefined);
  return stat?.isFile() ? [abs] : undefined;
}

/**
 * Each unit's hash: its id, then every file it may read, by path and content. Only bytes are read
 * and hashed here, nothing is parsed. Undefined for a unit that cannot be cached.
 */
export async function hashUnits(units: readonly Unit[], cwd: string): Promise<(string | undefined)[]> {
  const lists = await Promise.all(units.map((u) => (u.files ? Promise.resolve(u.files) : pathFiles(u, cwd))));
  const digests = new Map<string, string | undefined>();
  return units.map((unit, i) => {
    const list = lists[i];
    if (!list) return undefined;
    const hash = createHash('sha256').update(unit.id);
    for (const file of list) {
      let digest = digests.get(file);
      if (digest === undefined && !digests.has(file)) digests.set(file, (digest = fileDigest(file)));
      if (digest === undefined) return undefined;
      hash.update(`\0${file}\0${digest}`);
    }
    return hash.digest('hex');
  });
}
