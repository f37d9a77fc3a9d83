import type { Range } from '../../core/text/range';
import type { UnitOutcome } from '../units/types';
import { EAGER_OUTLINE } from './pack';
import { BadCache, expect, isBoolean, isCount, isObject, isPlain, isString, MAX_ITEMS, MAX_STRING } from './validate';

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

// The cache file is data someone else may have written (a repository can carry one): everything
// read from it is checked here, shape and sizes, before any of it reaches a report, and its paths
// and ranges unpacked in the same pass (pack.ts says how they are packed). A field this code reads
// is checked for its type, any other for being plain bounded JSON. The checks are written out
// field by field, one loop over each object's fields: an unchanged rerun checks every finding it
// reports, in a process that has just started, and the generic checks they replace (a table of
// checks per shape, hasOwn on every field) took 16 ms for the 1,000 generated flows' 4,000
// findings and 24,000 related locations, their unpacking 11 ms more.

/** The body's tables of files and of messages, while its entries are read. */
let files: readonly string[] = [];
let texts: readonly string[] = [];

function text(v: unknown): string | undefined {
  return typeof v === 'number' && v >= 0 && v < texts.length && v % 1 === 0 ? texts[v] : undefined;
}

const str = isString;
const count = isCount;

function file(v: unknown): string | undefined {
  return typeof v === 'number' && v >= 0 && v < files.length && v % 1 === 0 ? files[v] : undefined;
}

// Written out, not calls to isCount: until V8 optimises them these loops run in its interpreter and
// baseline code, where each call costs as much as the checks it makes.
function rangeOf(a: unknown, b: unknown, c: unknown, d: unknown): Range | undefined {
  if (typeof a !== 'number' || !(a >= 0 && a <= Number.MAX_SAFE_INTEGER && a % 1 === 0)) return undefined;
  if (typeof b !== 'number' || !(b >= 0 && b <= Number.MAX_SAFE_INTEGER && b % 1 === 0)) return undefined;
  if (typeof c !== 'number' || !(c >= 0 && c <= Number.MAX_SAFE_INTEGER && c % 1 === 0)) return undefined;
  if (typeof d !== 'number' || !(d >= 0 && d <= Number.MAX_SAFE_INTEGER && d % 1 === 0)) return undefined;
  return { start: { line: a, character: b }, end: { line: c, character: d } };
}

function range(v: unknown): Range | undefined {
  return Array.isArray(v) && v.length === 4 ? rangeOf(v[0], v[1], v[2], v[3]) : undefined;
}

function list(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length <= MAX_ITEMS;
}

function strings(v: unknown): boolean {
  if (!list(v)) return false;
  for (let i = 0; i < v.length; i++) if (!str(v[i])) return false;
  return true;
}

/**
 * {file, range, `textKey`: string} and nothing else but plain fields: an unreadable file's place
 * (`message`) or a fix's edit (`newText`).
 */
function placed(v: unknown, textKey: 'message' | 'newText'): boolean {
  if (!isObject(v)) return false;
  let required = 0;
  for (const key in v) {
    const x = v[key];
    if (key === 'file') {
      const f = file(x);
      if (f === undefined) return false;
      v.file = f;
      required++;
    } else if (key === 'range') {
      const r = range(x);
      if (!r) return false;
      v.range = r;
      required++;
    } else if (key === textKey) {
      if (!str(x)) return false;
      required++;
    } else if (!isPlain(x, 1)) {
      return false;
    }
  }
  return required === 3;
}

/** A related location: a tuple [file, start line, start character, end line, end character, message, hop?] or {file, range, message, hop?}. */
function related(v: unknown): unknown {
  if (Array.isArray(v)) {
    const n = v.length;
    if (n !== 6 && n !== 7) return undefined;
    const f = file(v[0]);
    const message = text(v[5]);
    if (f === undefined || message === undefined) return undefined;
    const r = rangeOf(v[1], v[2], v[3], v[4]);
    if (!r) return undefined;
    if (n === 6) return { file: f, range: r, message };
    const hop: unknown = v[6];
    return typeof hop === 'number' && hop >= 0 && hop <= Number.MAX_SAFE_INTEGER && hop % 1 === 0 ? { file: f, range: r, message, hop } : undefined;
  }
  if (!isObject(v)) return undefined;
  let fields = 0;
  for (const key in v) {
    const x = v[key];
    if (key === 'file') {
      const f = file(x);
      if (f === undefined) return undefined;
      v.file = f;
    } else if (key === 'range') {
      const r = range(x);
      if (!r) return undefined;
      v.range = r;
    } else if (key === 'message') {
      if (!str(x)) return undefined;
    } else if (key === 'hop') {
      if (!count(x)) return undefined;
    } else {
      return undefined;
    }
    fields++;
  }
  return fields >= 3 && v.file !== undefined && v.range !== undefined && v.message !== undefined ? v : undefined;
}

function relatedList(v: unknown): boolean {
  if (!list(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const r = related(v[i]);
    if (r === undefined) return false;
    v[i] = r;
  }
  return true;
}

function fix(v: unknown): boolean {
  if (!isObject(v)) return false;
  let required = 0;
  for (const key in v) {
    const x = v[key];
    if (key === 'title') {
      if (!str(x)) return false;
    } else if (key === 'safe') {
      if (!isBoolean(x)) return false;
    } else if (key === 'edits') {
      if (!list(x)) return false;
      for (const e of x) if (!placed(e, 'newText')) return false;
    } else {
      if (!isPlain(x, 1)) return false;
      continue;
    }
    required++;
  }
  return required === 3;
}

function suppression(v: unknown): boolean {
  if (!isObject(v)) return false;
  let required = 0;
  for (const key in v) {
    const x = v[key];
    if (key === 'kind') {
      if (x !== 'config' && x !== 'note') return false;
      required++;
    } else if (key === 'file') {
      const f = file(x);
      if (f === undefined) return false;
      v.file = f;
      required++;
    } else if (key === 'range') {
      const r = range(x);
      if (!r) return false;
      v.range = r;
      required++;
    } else if (key === 'reason') {
      if (!str(x)) return false;
    } else if (!isPlain(x, 1)) {
      return false;
    }
  }
  return required === 3;
}

function data(v: unknown): boolean {
  if (!isObject(v)) return false;
  for (const key in v) {
    const x = v[key];
    if (!(str(x) || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x)))) return false;
  }
  return true;
}

function finding(v: unknown): boolean {
  if (!isObject(v)) return false;
  let required = 0;
  for (const key in v) {
    const x = v[key];
    switch (key) {
      case 'ruleId':
        if (typeof x !== 'string' || x.length > MAX_STRING) return false;
        required++;
        break;
      case 'message': {
        const m = text(x);
        if (m === undefined) return false;
        v.message = m;
        required++;
        break;
      }
      case 'severity':
        if (x !== 'error' && x !== 'warning' && x !== 'info') return false;
        required++;
        break;
      case 'file': {
        const f = file(x);
        if (f === undefined) return false;
        v.file = f;
        required++;
        break;
      }
      case 'range': {
        const r = range(x);
        if (!r) return false;
        v.range = r;
        required++;
        break;
      }
      case 'flow':
      case 'action':
      case 'connector':
        if (typeof x !== 'string' || x.length > MAX_STRING) return false;
        break;
      case 'related':
        if (!relatedList(x)) return false;
        break;
      case 'fixes':
        if (!list(x)) return false;
        for (const f of x) if (!fix(f)) return false;
        break;
      case 'data':
        if (!data(x)) return false;
        break;
      case 'suppressed':
        if (!suppression(x)) return false;
        break;
      default:
        if (!isPlain(x, 1)) return false;
    }
  }
  return required === 5;
}

/** What one lint of a flow, solution or settings file gave: {findings, unreadable, notices}. */
function part(v: unknown): boolean {
  if (!isObject(v)) return false;
  let required = 0;
  for (const key in v) {
    const x = v[key];
    if (key === 'findings') {
      if (!list(x)) return false;
      for (let i = 0; i < x.length; i++) if (!finding(x[i])) return false;
    } else if (key === 'unreadable') {
      if (!list(x)) return false;
      for (let i = 0; i < x.length; i++) if (!placed(x[i], 'message')) return false;
    } else if (key === 'notices') {
      if (!strings(x)) return false;
    } else {
      if (!isPlain(x, 1)) return false;
      continue;
    }
    required++;
  }
  return required === 3;
}

function notice(v: unknown): boolean {
  if (!isObject(v)) return false;
  let message = false;
  for (const key in v) {
    const x = v[key];
    if (key === 'message') {
      if (!str(x)) return false;
      message = true;
    } else if (key === 'file') {
      const f = file(x);
      if (f === undefined) return false;
      v.file = f;
    } else if (!isPlain(x, 1)) {
      return false;
    }
  }
  return message;
}

/** A place of an outline: {file, range}, packed unless the file keeps outlines as they are. */
function place(v: unknown, packed: boolean): boolean {
  if (!isObject(v)) return false;
  let required = 0;
  for (const key in v) {
    const x = v[key];
    if (key === 'file') {
      if (packed) {
        const f = file(x);
        if (f === undefined) return false;
        v.file = f;
      } else if (!str(x)) {
        return false;
      }
      required++;
    } else if (key === 'range') {
      if (packed) {
        const r = range(x);
        if (!r) return false;
        v.range = r;
      } else if (!isPlain(x, 1)) {
        return false;
      }
      required++;
    } else if (!isPlain(x, 1)) {
      return false;
    }
  }
  return required === 2;
}

function call(v: unknown, packed: boolean): boolean {
  if (!isObject(v)) return false;
  let required = 0;
  for (const key in v) {
    const x = v[key];
    if (key === 'step' || key === 'workflowId') {
      if (!str(x)) return false;
    } else if (key === 'place') {
      if (!place(x, packed)) return false;
    } else if (key === 'unconditional') {
      if (!isBoolean(x)) return false;
    } else {
      if (!isPlain(x, 1)) return false;
      continue;
    }
    required++;
  }
  return required === 4;
}

/** A flow's outline as the body has it: what the index reads, and null where the third line keeps a field (`later`). */
function eagerOutline(v: unknown, later: ReadonlySet<string>, packed: boolean): boolean {
  if (!isObject(v)) return false;
  let required = 0;
  let held = 0;
  for (const key in v) {
    const x = v[key];
    if (later.has(key)) {
      if (x !== null) return false;
      held++;
      continue;
    }
    switch (key) {
      case 'key':
      case 'name':
        if (!str(x)) return false;
        required++;
        break;
      case 'ids':
        if (!strings(x)) return false;
        required++;
        break;
      case 'calls':
        if (!list(x)) return false;
        for (let i = 0; i < x.length; i++) if (!call(x[i], packed)) return false;
        required++;
        break;
      case 'solution':
        if (!str(x)) return false;
        break;
      default:
        if (!isPlain(x, 1)) return false;
    }
  }
  return required === 4 && held === later.size;
}

/** One flow of the third line, when it is read; undefined when it is out of shape. */
interface Held {
  flow: Record<string, unknown>;
  kept: Record<string, unknown>;
  outline: Record<string, unknown>;
  keys: readonly string[];
}

/** The third line of a cache file: read (parsed, checked, unpacked) when a run first asks for a field it keeps. */
export interface LaterSource {
  text: () => string;
  /** Whether its places are packed. */
  packed: boolean;
}

/**
 * A plain bounded JSON value, in which every object with a number for `file` is a packed place
 * (pack.ts packs every place of an outline, and only those), unpacked in place.
 */
function plainWithPlaces(v: unknown, packed: boolean, depth = 0): boolean {
  if (!packed) return isPlain(v, depth);
  if (typeof v !== 'object' || v === null) return isPlain(v, depth);
  if (depth >= 64) return false;
  if (Array.isArray(v)) {
    if (v.length > MAX_ITEMS) return false;
    for (let i = 0; i < v.length; i++) if (!plainWithPlaces(v[i], packed, depth + 1)) return false;
    return true;
  }
  const object = v as Record<string, unknown>;
  if (typeof object.file === 'number') return place(object, true);
  for (const key in object) if (!plainWithPlaces(object[key], packed, depth + 1)) return false;
  return true;
}

function objects(v: unknown): boolean {
  if (!list(v)) return false;
  for (const x of v) if (!isObject(x)) return false;
  return true;
}

function write(v: unknown): boolean {
  if (!isObject(v)) return false;
  const p = v.place as { file?: unknown; range?: unknown } | undefined;
  return str(v.step) && isObject(v.target) && isObject(p) && typeof p.file === 'string' && isObject(p.range);
}

/** Checks and unpacks the third line (with `files` the body's table), then gives each flow its fields as plain data; throws BadCache. */
function readLater(source: LaterSource, held: readonly Held[]): void {
  let parts: unknown;
  try {
    parts = JSON.parse(source.text());
  } catch {
    throw new BadCache('its third line is not valid JSON');
  }
  expect(Array.isArray(parts) && parts.length === held.length, 'its third line does not match its flows');
  const list = parts as unknown[];
  for (let i = 0; i < list.length; i++) {
    const part = list[i];
    const { keys } = held[i]!;
    const ok =
      isObject(part) &&
      isObject(part.outline) &&
      keys.every((k) => Object.hasOwn(part.outline as object, k)) &&
      plainWithPlaces(part.outline, source.packed, 1) &&
      Array.isArray(part.outline.writes) &&
      part.outline.writes.every(write) &&
      (part.outline.trigger === undefined || isObject(part.outline.trigger)) &&
      isObject(part.transfers) &&
      plainWithPlaces(part.transfers, source.packed, 1) &&
      objects(part.transfers.sources) &&
      objects(part.transfers.transfers) &&
      str(part.fingerprint);
    expect(ok, `flow ${i + 1} of its third line is out of shape`);
  }
  for (let i = 0; i < list.length; i++) {
    const part = list[i] as { outline: Record<string, unknown>; transfers: unknown; fingerprint: string };
    const { flow, kept, outline, keys } = held[i]!;
    for (const k of keys) settle(outline, k, part.outline[k]);
    settle(kept, 'transfers', part.transfers);
    settle(flow, 'fingerprint', part.fingerprint);
  }
}

function settle(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Fields the third line keeps: read, all of them, the first time a run asks for any. Reading
 * one (JSON.stringify, a structured clone to a thread) or setting one makes them plain fields.
 */
function deferred(object: Record<string, unknown>, key: string, load: () => void): void {
  Object.defineProperty(object, key, {
    get() {
      load();
      // load() made it a plain field; were it still this getter, reading it again would never end.
      if (Object.getOwnPropertyDescriptor(object, key)?.get) throw new BadCache(`its third line does not hold '${key}'`);
      return object[key];
    },
    set(value: unknown) {
      settle(object, key, value);
    },
    enumerable: true,
    configurable: true,
  });
}

function flowOf(v: unknown, later: unknown, packed: boolean, held: Held[]): boolean {
  if (!isObject(v) || !strings(later)) return false;
  const keys = later as string[];
  const laterKeys = new Set(keys);
  // Every outline has writes, and pack.ts leaves them to the third line.
  if (laterKeys.size !== keys.length || !laterKeys.has('writes') || keys.some((k) => EAGER_OUTLINE.has(k))) return false;
  let required = 0;
  for (const key in v) {
    const x = v[key];
    switch (key) {
      case 'key':
        if (!str(x)) return false;
        break;
      case 'kept': {
        if (!isObject(x)) return false;
        let fields = 0;
        for (const k in x) {
          if (k === 'outline') {
            if (!eagerOutline(x[k], laterKeys, packed)) return false;
          } else if (k === 'transfers') {
            if (x[k] !== null) return false;
          } else {
            if (!isPlain(x[k], 2)) return false;
            continue;
          }
          fields++;
        }
        if (fields !== 2) return false;
        break;
      }
      case 'fingerprint':
        if (x !== null) return false;
        break;
      case 'result':
        if (!part(x)) return false;
        break;
      default:
        if (!isPlain(x, 1)) return false;
        continue;
    }
    required++;
  }
  if (required !== 4) return false;
  // The index files a flow under its outline's key: it must be the flow's own.
  const kept = v.kept as Record<string, unknown>;
  const outline = kept.outline as Record<string, unknown>;
  if (outline.key !== v.key) return false;
  held.push({ flow: v, kept, outline, keys });
  return true;
}

function outcomeOf(v: unknown, later: unknown[], next: { flow: number }, packed: boolean, held: Held[]): boolean {
  if (!isObject(v)) return false;
  let required = 0;
  for (const key in v) {
    const x = v[key];
    switch (key) {
      case 'files':
      case 'connectors':
        if (!count(x)) return false;
        break;
      case 'unreadable':
        if (!list(x)) return false;
        for (let i = 0; i < x.length; i++) if (!placed(x[i], 'message')) return false;
        break;
      case 'notices':
        if (!list(x)) return false;
        for (let i = 0; i < x.length; i++) if (!notice(x[i])) return false;
        break;
      case 'flows':
        if (!list(x)) return false;
        for (let i = 0; i < x.length; i++) if (!flowOf(x[i], later[next.flow++], packed, held)) return false;
        break;
      case 'solutions':
        if (!list(x)) return false;
        for (const s of x) if (!isObject(s) || !str(s.path) || !part(s.result) || Object.keys(s).some((k) => k !== 'path' && k !== 'result' && !isPlain(s[k], 2))) return false;
        break;
      case 'settings':
        if (!list(x)) return false;
        for (let i = 0; i < x.length; i++) if (!part(x[i])) return false;
        break;
      default:
        if (!isPlain(x, 1)) return false;
        continue;
    }
    required++;
  }
  return required === 7;
}

function entryOf(v: unknown, later: unknown[], next: { flow: number }, packed: boolean, held: Held[]): boolean {
  if (!isObject(v)) return false;
  let required = 0;
  for (const key in v) {
    const x = v[key];
    if (key === 'id' || key === 'hash' || key === 'signature' || key === 'context') {
      if (!str(x)) return false;
    } else if (key === 'outcome') {
      if (!outcomeOf(x, later, next, packed, held)) return false;
    } else {
      if (!isPlain(x, 1)) return false;
      continue;
    }
    required++;
  }
  return required === 5;
}

/**
 * The entries of a cache file's parsed body ({files, texts, outlines, later, units}), each checked and
 * unpacked; throws BadCache when one is out of shape. The fields the third line keeps are read
 * from `source` when first asked for; a third line out of shape then throws BadCache, which a
 * run takes as it takes any cached result that does not add up: it lints everything again.
 */
export function checkEntries(body: unknown, source: () => string): CacheEntry[] {
  expect(isObject(body), 'its body is not an object');
  const { files: table, texts: messages, outlines, later, units } = body as Record<string, unknown>;
  expect(strings(table), 'its table of files is out of shape');
  expect(strings(messages), 'its table of messages is out of shape');
  expect(isBoolean(outlines), 'it does not say how it keeps outlines');
  expect(list(later), 'its list of outline fields is out of shape');
  expect(list(units), 'its units are not a list');
  const held: Held[] = [];
  const saved = files;
  const savedTexts = texts;
  files = table as string[];
  texts = messages as string[];
  try {
    const next = { flow: 0 };
    const entries = units as unknown[];
    for (let i = 0; i < entries.length; i++) expect(entryOf(entries[i], later as unknown[], next, outlines as boolean, held), `unit ${i + 1} is out of shape`);
    expect(next.flow === (later as unknown[]).length, 'its list of outline fields does not match its flows');
  } finally {
    files = saved;
    texts = savedTexts;
  }
  let loaded: BadCache | true | undefined;
  const laterSource: LaterSource = { text: source, packed: outlines as boolean };
  const load = (): void => {
    if (loaded === true) return;
    if (loaded) throw loaded;
    const saved2 = files;
    files = table as string[];
    try {
      readLater(laterSource, held);
      loaded = true;
    } catch (error) {
      loaded = error instanceof BadCache ? error : new BadCache(String(error));
      throw loaded;
    } finally {
      files = saved2;
    }
  };
  for (const { flow, kept, outline, keys } of held) {
    for (const k of keys) deferred(outline, k, load);
    deferred(kept, 'transfers', load);
    deferred(flow, 'fingerprint', load);
  }
  return units as CacheEntry[];
}
