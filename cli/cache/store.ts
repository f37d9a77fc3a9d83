import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { displayPath } from '../../core/artifacts/paths';
import { readRegularFile, ReadRefused } from '../../core/artifacts/read-file';
import { writeRefusal, writeRegularFile } from '../../core/fixes/write-guard';
import { CACHE_FORMAT } from './key';
import { checkEntries, type CacheEntry } from './entry';
import { packedText } from './pack';
import { BadCache, isObject } from './validate';

/** Where --cache keeps its file when --cache-location does not say. */
export const DEFAULT_CACHE_FILE = '.flowguardcache';

/** A cache file larger than this is not read (nor written): a real one holds a few KiB per flow. */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;

export interface CacheLocation {
  abs: string;
  /** True when --cache-location named it; the default one must stay inside the working folder. */
  named: boolean;
}

/** --cache-location as ESLint reads it: a folder (one that exists, or a path ending in a separator) holds .flowguardcache. */
export async function cacheLocation(given: string | undefined, cwd: string): Promise<CacheLocation> {
  if (given === undefined) return { abs: path.join(cwd, DEFAULT_CACHE_FILE), named: false };
  const abs = path.resolve(cwd, given);
  const folder = /[\\/]$/.test(given) || (await fs.stat(abs).then((s) => s.isDirectory(), () => false));
  return { abs: folder ? path.join(abs, DEFAULT_CACHE_FILE) : abs, named: true };
}

export type CacheRead = { entries: CacheEntry[] } | { problem?: string };

function describe(error: unknown): string {
  if (error instanceof BadCache) return `its content is not what FlowGuard writes (${error.message})`;
  if (error instanceof SyntaxError) return 'it is not valid JSON (cut short, or not written by FlowGuard)';
  if (error instanceof ReadRefused) return `it ${error.message}`;
  return String((error as NodeJS.ErrnoException).code ?? error);
}

/**
 * The entries of the cache file when it was written for `key`. A missing file, or one written for
 * another key (another version, configuration, policy or flag), is a cold run and says nothing;
 * anything else wrong with it (a link, a folder, too large, cut short, not FlowGuard's) is a cold
 * run with the reason, for a one-line note.
 */
export async function readCache(location: CacheLocation, key: string): Promise<CacheRead> {
  let stat;
  try {
    stat = await fs.lstat(location.abs);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? {} : { problem: describe(error) };
  }
  if (stat.isSymbolicLink()) return { problem: 'it is a symbolic link, which FlowGuard does not follow' };
  if (!stat.isFile()) return { problem: 'it is not a regular file' };
  if (stat.size > MAX_CACHE_BYTES) return { problem: `it is larger than ${MAX_CACHE_BYTES / 1024 / 1024} MiB` };
  try {
    const bytes = await readRegularFile(location.abs, MAX_CACHE_BYTES);
    const file: unknown = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    if (!isObject(file) || typeof file.flowguardCache !== 'number') return { problem: 'it is not a FlowGuard cache' };
    // Written by another version of FlowGuard, which keys its cache differently anyway.
    if (file.flowguardCache !== CACHE_FORMAT) return {};
    if (file.key !== key) return {};
    return { entries: checkEntries(file.files, file.units) };
  } catch (error) {
    return { problem: describe(error) };
  }
}

/**
 * Writes the cache: to a new file beside it, renamed over it, so a run that stops halfway leaves
 * the last good cache and a reader never sees half of one. Never through a symbolic link, never
 * over a folder or a device, and the default location only inside the working folder. Returns
 * why it was not written, or undefined.
 */
export async function writeCache(location: CacheLocation, key: string, entries: readonly CacheEntry[], cwd: string): Promise<string | undefined> {
  const text = packedText({ flowguardCache: CACHE_FORMAT, key }, entries);
  if (Buffer.byteLength(text) > MAX_CACHE_BYTES) return `it would be larger than ${MAX_CACHE_BYTES / 1024 / 1024} MiB`;
  const refusal = await writeRefusal(location.abs, location.named ? undefined : [cwd]);
  if (refusal) return refusal;
  const temporary = `${location.abs}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.mkdir(path.dirname(location.abs), { recursive: true });
    await writeRegularFile(temporary, text);
    await fs.rename(temporary, location.abs);
    return undefined;
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    return `cannot write it (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
}

export function cacheDisplay(location: CacheLocation, cwd: string): string {
  return displayPath(location.abs, cwd);
}
