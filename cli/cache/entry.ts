import type { UnitOutcome } from '../units/types';
import { expect, isArrayOf, isBoolean, isCount, isFinding, isNotice, isObject, isPlain, isShaped, isString, isStrings, isUnreadable, withFileTable, type Check } from './validate';
import { unpack } from './pack';

/** One unit's results as the cache keeps them. */
export interface CacheEntry {
  id: string;
  /** The unit's files, by path and content (cli/cache/hash.ts). */
  hash: string;
  /** The ids and hashes of every unit of the run it was linted in: the same run again reuses it as it is. */
  signature: string;
  /** The custom connectors of that run, unit by unit: flows link to any of them. */
  context: string;
  outcome: UnitOutcome;
}

const isPlace: Check = (v) => isShaped(v, { file: isString, range: isPlain });
const isCall: Check = (v) => isShaped(v, { step: isString, workflowId: isString, place: isPlace, unconditional: isBoolean });
const isWrite: Check = (v) => isShaped(v, { step: isString, place: isPlace, target: isObject });
const isOutline: Check = (v) =>
  isShaped(v, { key: isString, name: isString, ids: isStrings, calls: (c) => isArrayOf(c, isCall), writes: (w) => isArrayOf(w, isWrite) }, { solution: isString, trigger: isObject });
const isTransfers: Check = (v) => isShaped(v, { sources: (s) => isArrayOf(s, isObject), transfers: (t) => isArrayOf(t, isObject) });

/**
 * A flow's outline and transfers (core/analysis/flow-outline.ts, flow-transfers.ts): the fields
 * the workspace index reads are checked for their types, the rest for being plain bounded JSON.
 */
const isKept: Check = (v) => isShaped(v, { outline: isOutline, transfers: isTransfers });

const isPart: Check = (v) => isShaped(v, { findings: (f) => isArrayOf(f, isFinding), unreadable: (u) => isArrayOf(u, isUnreadable), notices: isStrings });

// The index files a flow under its outline's key: it must be the flow's own.
const isFlow: Check = (v) =>
  isShaped(v, { key: isString, kept: isKept, fingerprint: isString, result: isPart }) && (v as { key: string; kept: { outline: { key: string } } }).kept.outline.key === (v as { key: string }).key;

const isOutcome: Check = (v) =>
  isShaped(v, {
    files: isCount,
    unreadable: (u) => isArrayOf(u, isUnreadable),
    notices: (n) => isArrayOf(n, isNotice),
    flows: (f) => isArrayOf(f, isFlow),
    solutions: (s) => isArrayOf(s, (x) => isShaped(x, { path: isString, result: isPart })),
    settings: (s) => isArrayOf(s, isPart),
    connectors: isCount,
  });

const isEntry: Check = (v) => isShaped(v, { id: isString, hash: isString, signature: isString, context: isString, outcome: isOutcome });

/** The entries of a parsed cache file (its table of files and its units), each checked; throws BadCache when one is out of shape. */
export function checkEntries(files: unknown, units: unknown): CacheEntry[] {
  expect(isStrings(files), 'its table of files is out of shape');
  expect(Array.isArray(units), 'its units are not a list');
  const table = files as string[];
  const entries = units as unknown[];
  withFileTable(table.length, () => entries.forEach((entry, i) => expect(isEntry(entry), `unit ${i + 1} is out of shape`)));
  return unpack(table, entries as CacheEntry[]);
}
