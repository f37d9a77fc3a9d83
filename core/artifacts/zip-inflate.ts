import type * as Zlib from 'node:zlib';
import { limitBroken, RATIO_FLOOR, type ZipLimits } from './zip-limits';

// An entry's bytes, inflated in one call from the archive already in memory. Through yauzl's
// read stream each entry cost a zlib stream, a thread-pool round trip per chunk and the events
// between: on ../shared/corpus (29 zips, 563 entries, 13.5 MB inflated) the main thread sat idle
// about 150 ms waiting, and spent CPU on the stream machinery besides. yauzl still reads the
// central directory and the local header (where the data starts, within the file's bounds); only
// the inflating is ours, bounded the same way: the output may never grow past the first limit
// the entry would break, so a bomb stops at that size.

export interface EntryPlace {
  name: string;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
}

/** The entry's bytes, or the end of a message ('entry X ...') saying why they are not read. */
export type Inflated = { data: Uint8Array } | { refused: string } | { damaged: unknown };

/** The most bytes the entry may inflate to before a limit breaks, given what the nest read already. */
function outputCap(entry: EntryPlace, max: ZipLimits, usedBytes: number): number {
  let cap = Math.min(max.maxEntryBytes, max.maxTotalBytes - usedBytes);
  const ratioCap = Math.max(RATIO_FLOOR, Math.max(entry.compressedSize, 1) * max.maxRatio);
  cap = Math.min(cap, ratioCap);
  return Math.max(0, cap);
}

function isTooLarge(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError;
}

/**
 * Inflates (or copies, when stored) the `compressedSize` bytes at `start` of `archive`. Sizes
 * that differ from the declared ones are damage, as yauzl's validateEntrySizes reports them.
 */
export function inflateEntry(archive: Buffer, start: number, entry: EntryPlace, max: ZipLimits, usedBytes: number): Inflated {
  const raw = archive.subarray(start, start + entry.compressedSize);
  const cap = outputCap(entry, max, usedBytes);
  const over = (size: number): Inflated => ({
    refused: limitBroken({ name: entry.name, uncompressed: size, compressed: entry.compressedSize, total: usedBytes + size }, max, true) ?? `entry ${entry.name} inflates past what FlowGuard reads.`,
  });
  // The declared size passed the limits before this (zip.ts), so past it the entry is either
  // damaged (it says one size and holds more, as yauzl's validateEntrySizes tells) or breaks one.
  const bound = Math.min(cap, entry.uncompressedSize);
  const past = (size: number): Inflated =>
    entry.uncompressedSize < cap ? { damaged: new Error(`too many bytes in the stream: expected ${entry.uncompressedSize}, got more`) } : over(size);
  let data: Buffer;
  if (entry.compressionMethod === 0) {
    if (raw.length > bound) return past(raw.length);
    data = Buffer.from(raw);
  } else {
    try {
      // One byte past the bound, so that reaching it is told from stopping exactly at it.
      data = zlib().inflateRawSync(raw, { maxOutputLength: bound + 1 });
    } catch (error) {
      if (isTooLarge(error)) return past(bound + 1);
      return { damaged: error };
    }
    if (data.length > bound) return past(data.length);
  }
  if (data.length !== entry.uncompressedSize) return { damaged: new Error(`not enough bytes in the stream: expected ${entry.uncompressedSize}, got ${data.length}`) };
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/**
 * node:zlib, loaded when a zip is first read: most runs read none, and loading it (with yauzl, zip.ts)
 * was 1 to 3 ms of each start, a share of an unchanged --cache rerun worth keeping.
 */
function zlib(): typeof Zlib {
  return require('node:zlib') as typeof Zlib;
}
