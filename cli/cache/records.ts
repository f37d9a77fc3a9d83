import type { BigIntStats } from 'node:fs';
import { BadCache } from './validate';

// An unchanged rerun used to read and hash every file it would lint: 18.6 MB for ../shared/corpus,
// 23 ms of a 139 ms warm run (and more in the collector). The cache now keeps, for each file it
// hashed, the file's stat then and its digest: a rerun takes the digest again for a file whose stat
// is the same, at the cost of one stat (2 to 6 ms for the corpus's 942 files). The digest is still
// what keys a unit's results, so a fresh clone (every stat new) still hits the cache by content.

/**
 * What the cache keeps of one file it hashed: its absolute path; its size, modification and change
 * times (nanoseconds), inode and device as stat gave them when it was read; its digest
 * (cli/cache/hash.ts); and when it was read (milliseconds since the epoch, taken before the read).
 */
export type FileRecord = [path: string, size: number, mtimeNs: string, ctimeNs: string, ino: string, dev: string, digest: string, readAt: number];

/**
 * A file changed within this long before it was read may change again with no new timestamp:
 * its timestamps only move in steps (a few milliseconds of kernel clock on Linux, 2 s on FAT), so a
 * write just after the read can leave the stat as it was (git's "racy" files). Such a file's digest
 * is not taken again from its stat: it is read and hashed once more. 2 s covers the coarsest
 * common filesystem, and the clock of a network share a little off this machine's.
 */
export const RACY_MARGIN_MS = 2000;

export function recordOf(abs: string, stat: BigIntStats, digest: string, readAt: number): FileRecord {
  return [abs, Number(stat.size), String(stat.mtimeNs), String(stat.ctimeNs), String(stat.ino), String(stat.dev), digest, readAt];
}

/** Whether `record`'s digest holds for the file as `stat` shows it now. */
export function stillHolds(record: FileRecord, stat: BigIntStats): boolean {
  if (record[1] !== Number(stat.size) || record[2] !== String(stat.mtimeNs) || record[3] !== String(stat.ctimeNs)) return false;
  if (record[4] !== String(stat.ino) || record[5] !== String(stat.dev)) return false;
  // Both times: utimes can set the modification time back, never the change time.
  const settled = record[7] - RACY_MARGIN_MS;
  return Number(record[2]) / 1e6 < settled && Number(record[3]) / 1e6 < settled;
}

const DIGITS = /^\d{1,24}$/;
const DIGEST = /^(?:[0-9a-f]{40}|size \d{1,20})$/;
const MAX_PATH = 32 * 1024;
const MAX_RECORDS = 1_000_000;

function isRecord(v: unknown): v is FileRecord {
  if (!Array.isArray(v) || v.length !== 8) return false;
  const [file, size, mtime, ctime, ino, dev, digest, readAt] = v as unknown[];
  return (
    typeof file === 'string' && file.length > 0 && file.length <= MAX_PATH &&
    typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 &&
    typeof mtime === 'string' && DIGITS.test(mtime) &&
    typeof ctime === 'string' && DIGITS.test(ctime) &&
    typeof ino === 'string' && DIGITS.test(ino) &&
    typeof dev === 'string' && DIGITS.test(dev) &&
    typeof digest === 'string' && DIGEST.test(digest) &&
    typeof readAt === 'number' && Number.isSafeInteger(readAt) && readAt >= 0
  );
}

/** The records of a cache file's head, by path; throws BadCache when they are out of shape. */
export function checkRecords(value: unknown): Map<string, FileRecord> {
  if (!Array.isArray(value) || value.length > MAX_RECORDS) throw new BadCache('its table of file stats is out of shape');
  const records = new Map<string, FileRecord>();
  for (let i = 0; i < value.length; i++) {
    const record: unknown = value[i];
    if (!isRecord(record)) throw new BadCache(`file stat ${i + 1} is out of shape`);
    records.set(record[0], record);
  }
  return records;
}
