import type { Range } from '../../core/text/range';
import type { FlowOutcome, PartFindings, UnitOutcome } from '../units/types';
import type { CacheEntry } from './entry';

// How the cache file keeps its entries, written here and read by entry.ts. Measured on an
// unchanged rerun over ../shared/corpus (3.7 MB of cache as the outcomes are) and 1,000 generated
// flows (4.8 MB): reading the file, in a process that has just started, cost 30 and 48 ms, as
// much as the rest of the run. What made it so, and what the file does instead:
// - Paths and ranges are most of it: every finding and related location names both, and so do
//   5,000 places of the corpus's outlines. Each path is kept once, in a table, and a range as four
//   numbers: [start line, start character, end line, end character].
// - A related location, of which the generated flows have 24,000, is a tuple: [file, start line,
//   start character, end line, end character, message] and the hop, when it has one.
// - The messages of findings and of related locations are kept once each, in a table of texts,
//   and named by their place in it: flows made from one template say the same things (the
//   generated flows' 24,000 related locations have 24 messages, 0.9 of the cache's 3.7 MB).
// - Most of a flow's outline and transfers, and its fingerprint (WorkspaceIndex.fingerprint, 1.1
//   MB of the corpus's cache) are read only when some unit changed: a run that reuses every unit
//   builds the index from the outlines' keys, ids, solutions and calls, and never reads the rest.
//   That rest is the file's third line, parsed only when a run reads any of it (entry.ts).
// - The file is ASCII, any other character a JSON escape: a string of one-byte characters
//   decodes from UTF-8 at memory speed, where the corpus's few accented names and quotation marks
//   took 6 ms to decode and made every string of it two-byte.

export type PackedRange = [number, number, number, number];

/** What the index reads of an outline when every unit is reused (WorkspaceIndex's constructor): the rest waits for the third line. */
export const EAGER_OUTLINE = new Set(['key', 'name', 'ids', 'solution', 'calls']);

/** Of one flow, what the third line keeps: the rest of its outline, its transfers, its fingerprint. */
export interface LaterPart {
  outline: Record<string, unknown>;
  transfers: unknown;
  fingerprint: string;
}

export interface PackedText {
  /** {files, texts, outlines, later, units}: `later` holds, flow by flow, the outline keys the third line keeps. */
  body: string;
  /** The LaterPart of every flow, in the order of the body's flows. */
  later: string;
}

interface Placed {
  file: string | number;
  range?: Range | PackedRange;
}

function isRangeObject(v: unknown): v is Range {
  const r = v as Range | null;
  return typeof r === 'object' && r !== null && typeof r.start === 'object' && r.start !== null && typeof r.end === 'object' && r.end !== null;
}

/** Whether an outline holds an object with a `file` that is neither a path nor an object: its places are then written as they are. */
function ambiguous(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => ambiguous(item, depth + 1));
  const object = value as Record<string, unknown>;
  if (Object.hasOwn(object, 'file') && typeof object.file !== 'string' && (typeof object.file !== 'object' || object.file === null)) return true;
  for (const key in object) if (Object.hasOwn(object, key) && ambiguous(object[key], depth + 1)) return true;
  return false;
}

export function ascii(text: string): string {
  // A text of one-byte characters has as many UTF-8 bytes as characters when all are ASCII.
  if (Buffer.byteLength(text) === text.length) return text;
  return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

class Packer {
  readonly files: string[] = [];
  private readonly indexes = new Map<string, number>();
  readonly texts: string[] = [];
  private readonly textIndexes = new Map<string, number>();
  /** Puts back what was packed in place, each field given back its very value. */
  private readonly undo: (() => void)[] = [];
  // Rules may hand two findings the same related locations: each object is packed once.
  private readonly seen = new Set<object>();

  constructor(readonly outlines: boolean) {}

  fileIndex(file: string): number {
    let index = this.indexes.get(file);
    if (index === undefined) {
      index = this.files.length;
      this.files.push(file);
      this.indexes.set(file, index);
    }
    return index;
  }

  textIndex(text: string): number {
    let index = this.textIndexes.get(text);
    if (index === undefined) {
      index = this.texts.length;
      this.texts.push(text);
      this.textIndexes.set(text, index);
    }
    return index;
  }

  /** `placed.file` as its index, its range (when it has one) as four numbers. */
  place(placed: Placed): void {
    if (this.seen.has(placed) || typeof placed.file !== 'string') return;
    this.seen.add(placed);
    const { file, range } = placed;
    this.undo.push(() => {
      placed.file = file;
      if (range) placed.range = range;
    });
    placed.file = this.fileIndex(file);
    if (isRangeObject(range)) placed.range = [range.start.line, range.start.character, range.end.line, range.end.character];
  }

  each(list: unknown): void {
    if (Array.isArray(list)) for (const item of list) this.place(item as Placed);
  }

  private set<T extends object, K extends keyof T>(object: T, key: K, value: T[K]): void {
    const before = object[key];
    this.undo.push(() => {
      object[key] = before;
    });
    object[key] = value;
  }

  /** A related location as a tuple when it is exactly {file, range, message[, hop]}, in that order; else packed as an object. */
  private related(item: unknown): unknown {
    const r = item as { file: unknown; range: unknown; message: unknown; hop?: unknown };
    const keys = Object.keys(r);
    const plain = keys.length >= 3 && keys.length <= 4 && keys[0] === 'file' && keys[1] === 'range' && keys[2] === 'message' && (keys.length === 3 || keys[3] === 'hop');
    if (plain && typeof r.file === 'string' && isRangeObject(r.range) && typeof r.message === 'string' && (keys.length === 3 || typeof r.hop === 'number')) {
      const { start, end } = r.range;
      const tuple = [this.fileIndex(r.file), start.line, start.character, end.line, end.character, this.textIndex(r.message)];
      if (keys.length === 4) tuple.push(r.hop as number);
      return tuple;
    }
    this.place(r as Placed);
    return r;
  }

  part(part: PartFindings): void {
    for (const finding of part.findings) {
      if (this.seen.has(finding)) continue;
      this.place(finding as unknown as Placed);
      if (typeof finding.message === 'string') this.set(finding, 'message', this.textIndex(finding.message) as never);
      if (Array.isArray(finding.related)) this.set(finding, 'related', finding.related.map((r) => this.related(r)) as typeof finding.related);
      if (Array.isArray(finding.fixes)) for (const fix of finding.fixes) this.each(fix.edits);
      if (finding.suppressed) this.place(finding.suppressed as unknown as Placed);
    }
    this.each(part.unreadable);
  }

  /** What the unit's loads recorded: files it could not read, notes that name a file. */
  own(outcome: UnitOutcome): void {
    this.each(outcome.unreadable);
    for (const notice of outcome.notices) if (notice.file !== undefined) this.place(notice as Placed);
  }

  /** The places of an outline's parts, at any depth: any object with a path for `file` and a range. */
  places(value: unknown, depth = 0): void {
    if (!this.outlines || typeof value !== 'object' || value === null || depth > 64) return;
    if (Array.isArray(value)) {
      for (const item of value) this.places(item, depth + 1);
      return;
    }
    const object = value as Record<string, unknown>;
    if (typeof object.file === 'string' && isRangeObject(object.range)) {
      this.place(object as unknown as Placed);
      return;
    }
    for (const key in object) if (Object.hasOwn(object, key)) this.places(object[key], depth + 1);
  }

  /** The flows of an outcome with what waits for the third line taken out, into `later`. */
  flows(outcome: UnitOutcome, laterKeys: string[][], later: LaterPart[]): void {
    const flows = outcome.flows.map((flow): FlowOutcome => {
      this.part(flow.result);
      const outline = flow.kept.outline as unknown as Record<string, unknown>;
      const eager: Record<string, unknown> = {};
      const rest: Record<string, unknown> = {};
      const keys: string[] = [];
      for (const key of Object.keys(outline)) {
        if (EAGER_OUTLINE.has(key)) {
          eager[key] = outline[key];
        } else {
          // Held in its place, so that the outline read back has its fields in their order.
          eager[key] = null;
          rest[key] = outline[key];
          keys.push(key);
        }
      }
      this.places(eager.calls);
      const part: LaterPart = { outline: rest, transfers: flow.kept.transfers, fingerprint: flow.fingerprint };
      this.places(part.outline);
      this.places(part.transfers);
      laterKeys.push(keys);
      later.push(part);
      return { ...flow, kept: { ...flow.kept, outline: eager as never, transfers: null as never }, fingerprint: null as never };
    });
    this.set(outcome, 'flows', flows);
  }

  restore(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
  }
}

/**
 * The body and third line of a cache file for the entries. The entries are the run's own
 * outcomes, whose findings the report is about to show: they are packed in place for
 * JSON.stringify and put back as they were (a copy would cost more than the writing).
 */
export function packedText(entries: readonly CacheEntry[]): PackedText {
  const outlines = !entries.some((e) => e.outcome.flows.some((f) => ambiguous(f.kept)));
  const packer = new Packer(outlines);
  const laterKeys: string[][] = [];
  const later: LaterPart[] = [];
  try {
    for (const { outcome } of entries) {
      packer.own(outcome);
      packer.flows(outcome, laterKeys, later);
      for (const solution of outcome.solutions) packer.part(solution.result);
      for (const settings of outcome.settings) packer.part(settings);
    }
    const body = ascii(JSON.stringify({ files: packer.files, texts: packer.texts, outlines, later: laterKeys, units: entries }));
    return { body, later: ascii(JSON.stringify(later)) };
  } finally {
    packer.restore();
  }
}
