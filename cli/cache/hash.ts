import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type BigIntStats } from 'node:fs';
import * as path from 'node:path';
import { MAX_FILE_BYTES } from '../../core/limits';
import type { Unit } from '../units/plan';
import { recordOf, stillHolds, type FileRecord } from './records';
import { hashingSession, type Session } from './session';

// An unchanged rerun hashes every file it would lint and parses none. A file whose stat is what the
// last run kept (cli/cache/records.ts) takes its digest from there; any other is read synchronously
// into one buffer (the run has nothing else to do meanwhile, and the disk cache answers faster than
// a thread pool round trip) and hashed.

let buffer = Buffer.alloc(1 << 20);

function statOf(abs: string): BigIntStats | undefined {
  try {
    return statSync(abs, { bigint: true, throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * The sha1 of a file's bytes, or for one larger than FlowGuard reads, its size (what the loader
 * says of it depends on nothing else). Undefined when it cannot be read, or is not a regular
 * file: its unit is then linted, not reused.
 */
function readDigest(abs: string, readAt: number, session: Session): string | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, so that a FIFO put in place of a file cannot hang the run.
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    // The stat of the very file read, taken before reading it: a change while it is read leaves
    // its record with the times of before, so the next run reads it again.
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) return undefined;
    const size = Number(stat.size);
    let digest: string;
    if (size > MAX_FILE_BYTES) {
      digest = `size ${size}`;
    } else {
      const hash = createHash('sha1');
      for (;;) {
        if (buffer.length < size + 1) buffer = Buffer.alloc(Math.min(MAX_FILE_BYTES + 1, 2 * (size + 1)));
        const read = readSync(fd, buffer, 0, buffer.length, null);
        if (read === 0) break;
        hash.update(buffer.subarray(0, read));
      }
      digest = hash.digest('hex');
    }
    session.records!.set(abs, recordOf(abs, stat, digest, readAt));
    session.hashed.push(abs);
    return digest;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A file's digest: the last run's when its stat says it is the same file, unchanged; else read. */
function fileDigest(abs: string, readAt: number, session: Session): string | undefined {
  const stat = statOf(abs);
  if (!stat?.isFile()) return undefined;
  const known: FileRecord | undefined = session.known.get(abs);
  if (known && stillHolds(known, stat)) {
    session.records!.set(abs, known);
    session.reused++;
    return known[6];
  }
  return readDigest(abs, readAt, session);
}

/** A 'path' unit's files: the file named (a folder that could not be walked, or a missing path, is never reused). */
function pathFiles(unit: Unit, cwd: string): string[] | undefined {
  const abs = path.resolve(cwd, unit.given);
  return statOf(abs)?.isFile() ? [abs] : undefined;
}

/**
 * Each unit's hash: its id, then every file it may read, by path and content. Only bytes are read
 * and hashed here, nothing is parsed. Undefined for a unit that cannot be cached.
 */
export async function hashUnits(units: readonly Unit[], cwd: string): Promise<(string | undefined)[]> {
  const session = hashingSession(cwd);
  session.records = new Map();
  session.hashed = [];
  session.reused = 0;
  // Taken before any file is read: a file changed after its read has a later time than this.
  const readAt = Date.now();
  const digests = new Map<string, string | undefined>();
  return Promise.resolve(
    units.map((unit) => {
      const list = unit.files ?? pathFiles(unit, cwd);
      if (!list) return undefined;
      return unitHash(unit.id, list, (file) => {
        let digest = digests.get(file);
        if (digest === undefined && !digests.has(file)) digests.set(file, (digest = fileDigest(file, readAt, session)));
        return digest;
      });
    }),
  );
}

/** A unit's hash: its id, then each file by path and digest; undefined when a file has no digest. */
export function unitHash(id: string, files: readonly string[], digestOf: (file: string) => string | undefined): string | undefined {
  const hash = createHash('sha256').update(id);
  for (const file of files) {
    const digest = digestOf(file);
    if (digest === undefined) return undefined;
    hash.update(`\0${file}\0${digest}`);
  }
  return hash.digest('hex');
}
