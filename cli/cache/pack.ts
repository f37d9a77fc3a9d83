import type { Range } from '../../core/text/range';
import type { CacheEntry } from './entry';

// A cache is mostly file paths and ranges: every finding and each of its related locations names
// both, and an unchanged rerun parses all of them. So the file keeps each path once, in a table,
// and a range as four numbers: [start line, start character, end line, end character]. The rest
// is as the outcome is. packedText() writes the entries so; unpack() turns a checked file back.

export type PackedRange = [number, number, number, number];

/** The objects of an outcome that name a file and a range (a notice names a file only). */
interface Placed {
  file: string | number;
  range?: Range | PackedRange;
}

type Visit = (placed: Placed) => void;

function each(list: unknown, visit: Visit): void {
  if (Array.isArray(list)) for (const item of list) visit(item as Placed);
}

function visitFinding(finding: Record<string, unknown>, visit: Visit): void {
  visit(finding as unknown as Placed);
  each(finding.related, visit);
  if (Array.isArray(finding.fixes)) for (const fix of finding.fixes as { edits?: unknown }[]) each(fix.edits, visit);
  if (finding.suppressed) visit(finding.suppressed as Placed);
}

function visitPart(part: { findings: unknown[]; unreadable: unknown[] }, visit: Visit): void {
  for (const finding of part.findings) visitFinding(finding as Record<string, unknown>, visit);
  each(part.unreadable, visit);
}

/** Every file and range of the entries' outcomes (not of the flows' outlines, which stay as they are). */
function visitEntries(entries: readonly CacheEntry[], visit: Visit): void {
  for (const { outcome } of entries) {
    each(outcome.unreadable, visit);
    for (const notice of outcome.notices) if (notice.file !== undefined) visit(notice as Placed);
    for (const flow of outcome.flows) visitPart(flow.result, visit);
    for (const solution of outcome.solutions) visitPart(solution.result, visit);
    for (const settings of outcome.settings) visitPart(settings, visit);
  }
}

/**
 * The JSON of `head` and the entries, with their paths in a table and ranges as four numbers. The
 * entries are the run's own outcomes, whose findings the report is about to show: they are
 * packed in place for JSON.stringify and put back as they were (a copy would cost more than the
 * writing), each field given back its very value.
 */
export function packedText(head: Record<string, unknown>, entries: readonly CacheEntry[]): string {
  const files: string[] = [];
  const indexes = new Map<string, number>();
  const saved: { placed: Placed; file: string | number; range?: Range | PackedRange }[] = [];
  // Rules may hand two findings the same related locations: each object is packed once.
  const seen = new Set<Placed>();
  visitEntries(entries, (placed) => {
    if (seen.has(placed)) return;
    seen.add(placed);
    saved.push({ placed, file: placed.file, ...(placed.range ? { range: placed.range } : {}) });
    const file = placed.file as string;
    let index = indexes.get(file);
    if (index === undefined) {
      index = files.length;
      files.push(file);
      indexes.set(file, index);
    }
    placed.file = index;
    const range = placed.range as Range | undefined;
    if (range) placed.range = [range.start.line, range.start.character, range.end.line, range.end.character];
  });
  try {
    return JSON.stringify({ ...head, files, units: entries });
  } finally {
    for (const { placed, file, range } of saved) {
      placed.file = file;
      if (range) placed.range = range;
    }
  }
}

/** Back in place: `units` is a checked file's (cli/cache/entry.ts checks packed paths and ranges). */
export function unpack(files: readonly string[], units: CacheEntry[]): CacheEntry[] {
  visitEntries(units, (placed) => {
    placed.file = files[placed.file as number]!;
    const range = placed.range as PackedRange | undefined;
    if (range) placed.range = { start: { line: range[0], character: range[1] }, end: { line: range[2], character: range[3] } };
  });
  return units;
}
