// The cache file is data someone else may have written (a repository can carry one): everything
// read from it is checked here, shape and sizes, before any of it reaches a report. A check that
// fails throws BadCache naming what was wrong; the caller then lints everything, as if there were
// no cache. The checks are plain loops: an unchanged rerun checks every finding it reports.

export class BadCache extends Error {
  override name = 'BadCache';
}

export type Check = (value: unknown) => boolean;

const MAX_STRING = 4 * 1024 * 1024;
const MAX_ITEMS = 1_000_000;
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

export function isArrayOf(value: unknown, each: Check): boolean {
  if (!Array.isArray(value) || value.length > MAX_ITEMS) return false;
  for (let i = 0; i < value.length; i++) if (!each(value[i])) return false;
  return true;
}

export const isStrings: Check = (value) => isArrayOf(value, isString);

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

export type Shape = Readonly<Record<string, Check>>;

/**
 * An object whose `required` fields pass their checks, whose `optional` ones do when present
 * (undefined never is: JSON has none), and whose other fields are plain bounded JSON.
 */
export function isShaped(value: unknown, required: Shape, optional: Shape = {}): boolean {
  if (!isObject(value)) return false;
  for (const key in required) if (!Object.hasOwn(value, key) || !required[key]!(value[key])) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || Object.hasOwn(required, key)) continue;
    const check = Object.hasOwn(optional, key) ? optional[key]! : undefined;
    if (check ? !check(value[key]) : !isPlain(value[key], 1)) return false;
  }
  return true;
}

/** How many own fields an object parsed from JSON has (it has no others). */
function fieldCount(value: object): number {
  let n = 0;
  for (const key in value) if (Object.hasOwn(value, key)) n++;
  return n;
}

// A cache file names paths by their place in its table of files, and ranges as four numbers
// (cli/cache/pack.ts). The table's length is set while one file's entries are checked.
let files = 0;

/** Runs `check` on the entries of a cache file whose table holds `count` files. */
export function withFileTable<T>(count: number, check: () => T): T {
  const outer = files;
  files = count;
  try {
    return check();
  } finally {
    files = outer;
  }
}

export const isFile: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < files;

// Ranges and related locations are most of what a cache holds: checked field by field.
export function isRange(v: unknown): boolean {
  return Array.isArray(v) && v.length === 4 && isCount(v[0]) && isCount(v[1]) && isCount(v[2]) && isCount(v[3]);
}

const located: Shape = { file: isFile, range: isRange, message: isString };

function isRelated(v: unknown): boolean {
  if (!isObject(v) || !isFile(v.file) || !isRange(v.range) || !isString(v.message)) return false;
  return Object.hasOwn(v, 'hop') ? isCount(v.hop) && fieldCount(v) === 4 : fieldCount(v) === 3;
}
export const isUnreadable: Check = (v) => isShaped(v, located);
export const isNotice: Check = (v) => isShaped(v, { message: isString }, { file: isFile });

const isEdit: Check = (v) => isShaped(v, { file: isFile, range: isRange, newText: isString });
const isFix: Check = (v) => isShaped(v, { title: isString, safe: isBoolean, edits: (e) => isArrayOf(e, isEdit) });
const isDataValue: Check = (v) => isString(v) || isBoolean(v) || (typeof v === 'number' && Number.isFinite(v));
const isData: Check = (v) => {
  if (!isObject(v)) return false;
  for (const key in v) if (Object.hasOwn(v, key) && !isDataValue(v[key])) return false;
  return true;
};
const isKind: Check = (v) => v === 'config' || v === 'note';
const isSuppression: Check = (v) => isShaped(v, { kind: isKind, file: isFile, range: isRange }, { reason: isString });
const isSeverity: Check = (v) => v === 'error' || v === 'warning' || v === 'info';

const finding: Shape = { ruleId: isString, severity: isSeverity, message: isString, file: isFile, range: isRange };
const findingOptional: Shape = {
  flow: isString,
  action: isString,
  connector: isString,
  related: (v) => isArrayOf(v, isRelated),
  fixes: (v) => isArrayOf(v, isFix),
  data: isData,
  suppressed: isSuppression,
};
export const isFinding: Check = (v) => isShaped(v, finding, findingOptional);
