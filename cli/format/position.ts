import type { Range } from '../../core/text/range';

/** A range as people and CI tools count: lines and columns from 1, the end column exclusive. */
export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

// The engine keeps LSP's 0-based UTF-16 positions; every output format shifts by one here, once.
export function oneBased(range: Range): OneBasedRange {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}
