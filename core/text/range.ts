/** A position as LSP counts it: zero-based line, zero-based UTF-16 code unit within the line. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A span of the decoded text (BOM removed) in UTF-16 code units. */
export interface Span {
  offset: number;
  length: number;
}
