import type { JsonNode } from '../artifacts/json';

/** How a JSON file is laid out, so that inserted text looks as if the file's own writer wrote it. */
export interface JsonStyle {
  eol: '\n' | '\r\n';
  /** One level of indentation ('  ', '    ', '\t'); undefined for one-line (minified) JSON. */
  indent?: string;
}

/** Separators of one-line JSON: minified (',' ':') or spaced (', ' ': ') as some tools write it. */
export interface CompactSeparators {
  comma: string;
  colon: string;
}

const LINE_BREAK = /\r\n|\r|\n/;

/** Enough of a file to tell its layout; reading the rest of a large flow would only cost time. */
const SAMPLE = 64 * 1024;

export function detectStyle(text: string): JsonStyle {
  const eol = LINE_BREAK.exec(text)?.[0] === '\r\n' ? '\r\n' : '\n';
  if (!LINE_BREAK.test(text.trimEnd())) return { eol };
  const lines = text.slice(0, SAMPLE).split(LINE_BREAK);
  if (lines.length < 2) return { eol };
  let smallest = Infinity;
  for (const line of lines) {
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (lead === '' || lead.length === line.length) continue;
    if (lead.startsWith('\t')) return { eol, indent: '\t' };
    smallest = Math.min(smallest, lead.length);
  }
  return { eol, indent: ' '.repeat(Number.isFinite(smallest) ? Math.min(smallest, 8) : 2) };
}

/** The separators a container already uses between its members, else those of the root, else minified ones. */
export function compactSeparators(text: string, container: JsonNode, root: JsonNode): CompactSeparators {
  const found: Partial<CompactSeparators> = {};
  for (const node of [container, root]) {
    const children = node.children ?? [];
    const [first, second] = children;
    if (found.comma === undefined && first && second) found.comma = text.slice(first.offset + first.length, second.offset);
    const key = first?.type === 'property' ? first.children?.[0] : undefined;
    const value = first?.type === 'property' ? first.children?.[1] : undefined;
    if (found.colon === undefined && key && value) found.colon = text.slice(key.offset + key.length, value.offset);
  }
  const oneLine = (s: string | undefined, fallback: string): string => (s !== undefined && !LINE_BREAK.test(s) ? s : fallback);
  return { comma: oneLine(found.comma, ','), colon: oneLine(found.colon, ':') };
}

/** The whitespace a line starts with, for the line holding `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const start = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** Whether a line break separates `from` and `to`. */
export function breaksBetween(text: string, from: number, to: number): boolean {
  return LINE_BREAK.test(text.slice(from, to));
}
