import { LineIndex } from '../text/line-index';
import type { Range, Span } from '../text/range';

/** The decoded text of one file or zip entry, with the means to turn offsets into positions. */
export interface SourceFile {
  /** Display path: relative with '/', zip entries as 'archive.zip!Workflows/X.json'. */
  readonly path: string;
  /** Decoded text with any byte order mark removed, as an editor shows it. */
  readonly text: string;
  /** True when the bytes began with a byte order mark (kept when a fix writes the file back). */
  readonly hadBom: boolean;
  readonly lines: LineIndex;
}

export function createSourceFile(path: string, text: string, hadBom = false): SourceFile {
  let lines: LineIndex | undefined;
  return {
    path,
    text,
    hadBom,
    get lines() {
      lines ??= new LineIndex(text);
      return lines;
    },
  };
}

export function rangeOf(source: SourceFile, span: Span): Range {
  return source.lines.rangeOf(span);
}

/** A problem met while reading a file; becomes an `unreadable` entry or a notice. */
export class ArtifactError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly span: Span = { offset: 0, length: 0 },
    readonly source?: SourceFile,
  ) {
    super(message);
    this.name = 'ArtifactError';
  }

  get range(): Range {
    return this.source ? rangeOf(this.source, this.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  }
}
