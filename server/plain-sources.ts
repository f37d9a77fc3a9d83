import { createSourceFile, type SourceFile } from '../core/artifacts/source';

/**
 * The pass worker hands its results to the main thread by structured clone, which copies plain
 * data, Maps and Sets but not a SourceFile: its `lines` is a lazy getter whose LineIndex would
 * arrive without its methods (and be built for every file just to be copied). A SourceFile
 * travels as this marker and is made again on arrival, lazy as before; shared ones stay shared.
 */
interface SourceMarker {
  flowguardSource: { path: string; text: string; hadBom: boolean };
}

function isSourceFile(value: object): value is SourceFile {
  const lines = Object.getOwnPropertyDescriptor(value, 'lines');
  return lines !== undefined && typeof (value as { text?: unknown }).text === 'string' && typeof (value as { path?: unknown }).path === 'string';
}

function isMarker(value: object): value is SourceMarker {
  return Object.hasOwn(value, 'flowguardSource');
}

/** A copy of `value` that structured clone carries whole: SourceFiles as markers, functions left out. */
export function toPlain<T>(value: T): T {
  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (typeof v === 'function') return undefined;
    if (typeof v !== 'object' || v === null) return v;
    const done = copies.get(v);
    if (done !== undefined) return done;
    if (isSourceFile(v)) {
      const marker: SourceMarker = { flowguardSource: { path: v.path, text: v.text, hadBom: v.hadBom } };
      copies.set(v, marker);
      return marker;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      copies.set(v, out);
      for (const item of v) out.push(copy(item));
      return out;
    }
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      copies.set(v, out);
      for (const [k, item] of v) out.set(copy(k), copy(item));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set<unknown>();
      copies.set(v, out);
      for (const item of v) out.add(copy(item));
      return out;
    }
    // RegExp, Date, typed arrays: structured clone knows them.
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return v;
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const key of Object.keys(v)) {
      const item = copy((v as Record<string, unknown>)[key]);
      if (item !== undefined) out[key] = item;
    }
    return out;
  };
  return copy(value) as T;
}

/** Undoes toPlain on the received clone, in place: every marker becomes a SourceFile again. */
export function fromPlain<T>(value: T): T {
  const sources = new Map<SourceMarker, SourceFile>();
  const seen = new Set<object>();
  const fix = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (isMarker(v)) {
      let source = sources.get(v);
      if (!source) {
        const { path, text, hadBom } = v.flowguardSource;
        source = createSourceFile(path, text, hadBom);
        sources.set(v, source);
      }
      return source;
    }
    if (seen.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = fix(v[i]);
    } else if (v instanceof Map) {
      for (const [k, item] of v) v.set(k, fix(item));
    } else if (v instanceof Set) {
      for (const item of v) fix(item);
    } else if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) {
      const record = v as Record<string, unknown>;
      for (const key of Object.keys(record)) record[key] = fix(record[key]);
    }
    return v;
  };
  return fix(value) as T;
}
