import type { TextEdit } from '../findings';
import type { Position, Range } from '../text/range';
import { LineIndex } from '../text/line-index';

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Edits that cannot both be applied: they overlap, or insert at the same place (in no defined order). */
export function overlaps(a: Range, b: Range): boolean {
  return (compare(a.start, b.end) < 0 && compare(b.start, a.end) < 0) || compare(a.start, b.start) === 0;
}

/** Edits that overlap or merely meet; fixes chosen to run together keep clear of each other by this test. */
export function touches(a: Range, b: Range): boolean {
  return compare(a.start, b.end) <= 0 && compare(b.start, a.end) <= 0;
}

/**
 * Applies edits to a text, from the last to the first so earlier offsets stay valid. Positions
 * are read against the text as it is before any edit. Overlapping edits are an error.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => compare(a.range.start, b.range.start));
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1];
    const after = sorted[i];
    if (before && after && overlaps(before.range, after.range)) throw new Error('Edits overlap; apply them one fix at a time.');
  }
  let out = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const edit = sorted[i];
    if (!edit) continue;
    const start = lines.offsetAt(edit.range.start);
    const end = lines.offsetAt(edit.range.end);
    out = out.slice(0, start) + edit.newText + out.slice(end);
  }
  return out;
}
