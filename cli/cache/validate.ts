// The cache file is data someone else may have written (a repository can carry one): everything
// read from it is checked (cli/cache/entry.ts, records.ts), shape and sizes, before any of it
// reaches a report. A check that fails throws BadCache naming what was wrong; the caller then
// lints everything, as if there were no cache. These are the checks every part of it uses.

export class BadCache extends Error {
  override name = 'BadCache';
}

export type Check = (value: unknown) => boolean;

export const MAX_STRING = 4 * 1024 * 1024;
export const MAX_ITEMS = 1_000_000;
const MAX_DEPTH = 64;

export function expect(ok: boolean, what: string): void {
  if (!ok) throw new BadCache(what);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString: Check = (value) => typeof value === 'string' && value.length <= MAX_STRING;
export const isCount: Check = (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
export const isBoolean: Check = (value) => typeof value === 'boolean';

/** Any JSON value, bounded in depth and string size: for fields this code passes on without reading. */
export function isPlain(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= MAX_STRING;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    if (value.length > MAX_ITEMS) return false;
    for (const item of value) if (!isPlain(item, depth + 1)) return false;
    return true;
  }
  if (typeof value !== 'object') return false;
  for (const key in value) if (Object.hasOwn(value, key) && !isPlain((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}
