import type { FileRecord } from './records';
import type { FileIdentity } from './file-span';
import type { ReportHead } from './report-head';

// A --cache run calls, in this order, cacheLocation (store.ts), hashUnits (hash.ts), readCache and
// perhaps writeCache (store.ts), from cli/units/lint-units.ts. Hashing needs the file stats the last
// run kept, which are in the cache file, and writing needs the stats this run took: so the cache
// file is read once, when its location is known (before the units are planned), and what the calls
// share is kept here, for the last run that named its location. Two runs of one process at once
// only cost each other digests taken again: a record is a fact about a file (its path, its stat,
// its content), whichever run took it.

/** The cache file as read when its location was known. */
export type Loaded =
  /** No file there. */
  | { state: 'missing' }
  /** Not readable as a cache: the one-line note says why. */
  | { state: 'problem'; problem: string }
  /** A FlowGuard cache of another format: a cold run, said nothing of. */
  | { state: 'other' }
  | {
      state: 'read';
      key: string;
      /** The cache file and, once read, its body, a newline and its third line (readSpan, file-span.ts). */
      abs: string;
      file: FileIdentity;
      /** Byte offsets: the body (the entries) starts at `body`, the third line at `later` and ends at `laterEnd`. */
      body: number;
      later: number;
      laterEnd: number;
      laterSha1: string;
      /** The report kept after the third line: from `laterEnd` and a newline to the end of the file. */
      report?: ReportHead;
    };

/** The body and third line of a cache file as a run found them, or wrote them: a report is kept with them. */
export interface CacheContent {
  key: string;
  /** The body, a newline and the third line, as bytes: read from the file when first asked for (a kept report is printed without them). */
  rest(): Uint8Array;
  /** The byte lengths of the body and the third line, and the third line's sha1, as the head gives them. */
  body: number;
  later: number;
  laterSha1: string;
  /** The key of the report the file keeps with them (report-head.ts), if any. */
  report?: string;
}

export interface Session {
  /** The cache file; undefined when hashUnits ran with no location (a test calling it alone). */
  abs?: string;
  cwd: string;
  loaded?: Loaded;
  /** The last run's file records, by path. */
  known: ReadonlyMap<string, FileRecord>;
  /** This run's, once hashUnits has run: those it took again from `known` and those it read. */
  records?: Map<string, FileRecord>;
  /** How many files this run read and hashed (the others' digests came from their stat). */
  hashed: string[];
  reused: number;
  /** The entries this run's findings come from, once read or written: a report is kept with them. */
  content?: CacheContent;
  /** The kept report (with the newline before it) being read in the background (readReportAhead, store.ts); undefined when it could not be. */
  reportAhead?: Promise<Buffer | undefined>;
}

let current: Session | undefined;

/** The session of a run whose cache is `abs`, the file read as `loaded`. */
export function startSession(abs: string, cwd: string, loaded: Loaded, known: ReadonlyMap<string, FileRecord>): Session {
  current = { abs, cwd, loaded, known, hashed: [], reused: 0 };
  return current;
}

/** The session hashUnits works in: the last one started in `cwd`, else a new one with no records. */
export function hashingSession(cwd: string): Session {
  if (current?.cwd === cwd) return current;
  current = { cwd, known: new Map(), hashed: [], reused: 0 };
  return current;
}

/** The session of the cache file `abs`, when one was started for it (and, given `cwd`, in it). */
export function sessionOf(abs: string, cwd?: string): Session | undefined {
  if (!current || (cwd !== undefined && current.cwd !== cwd)) return undefined;
  return current.abs === abs || current.abs === undefined ? current : undefined;
}

/** For tests: which files the last hashUnits read and hashed, and how many digests it took from their stat. */
export function lastHashing(): { hashed: readonly string[]; reused: number } {
  return { hashed: current?.hashed ?? [], reused: current?.reused ?? 0 };
}
