// A part of a string may keep the whole of it alive: V8 makes a slice of 13 characters or more a
// view into the string it was cut from, and a concatenation a pair of references to its parts. A
// flow's name, an action's name, a message quoting them are such views into the flow's file text,
// so whatever outlives the flow (a finding, the outline other flows are linted against, a memo)
// would keep the whole file in memory. These make such strings their own.

/** Below this V8 copies the characters anyway, so a short string never keeps another alive. */
const SHARED_MIN_LENGTH = 13;

/** `text` as a string that shares no memory with any other (equal to it, of course). */
export function ownString(text: string): string {
  if (text.length < SHARED_MIN_LENGTH) return text;
  // Slicing a concatenation flattens it into a new string first: the slice is a view of that copy.
  return (' ' + text).slice(1);
}

/**
 * Makes every string held by a plain-data value (objects, arrays, strings, numbers, booleans) its
 * own, in place, and returns the value: kept summaries stay the same objects, without their text.
 */
export function ownStrings<T>(value: T): T {
  const seen = new Set<object>();
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return ownString(v);
    if (typeof v !== 'object' || v === null || seen.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = visit(v[i]);
    } else {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = 0; i < keys.length; i++) record[keys[i] as string] = visit(record[keys[i] as string]);
    }
    return v;
  };
  return visit(value) as T;
}
