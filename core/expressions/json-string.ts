import type { JsonNode } from '../artifacts/json';
import type { OffsetMap } from './parser';

/** A JSON string's value with a way back from each of its characters to the file. */
export interface DecodedString {
  text: string;
  /** File offset of text[i]; at(text.length) is the offset of the closing quote. */
  at: OffsetMap;
}

const BACKSLASH = 92;

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes a string node from its raw text rather than taking `node.value`, because an escape
 * (\" \n \u0027) is one character of the value but several of the file: a span in the value
 * would land short of where it belongs in the file unless each character keeps its raw offset.
 */
export function decodeJsonString(node: JsonNode, sourceText: string): DecodedString {
  const base = node.offset + 1;
  const end = node.offset + node.length - 1;
  const raw = sourceText.slice(base, end);
  // Nearly every string in an export has no escape: then value and file agree one to one.
  if (raw.indexOf('\\') < 0) return { text: raw, at: (i) => base + i };

  const offsets: number[] = [];
  let text = '';
  let i = base;
  while (i < end) {
    offsets.push(i);
    if (sourceText.charCodeAt(i) !== BACKSLASH) {
      text += sourceText[i];
      i++;
      continue;
    }
    const kind = sourceText[i + 1] ?? '';
    if (kind === 'u') {
      const hex = sourceText.slice(i + 2, i + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        // One UTF-16 unit per \u escape; a surrogate pair is two escapes and two units, as in the value.
        text += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
    }
    // An unknown escape cannot reach here from parseJson; keep the character rather than fail.
    text += SIMPLE_ESCAPES[kind] ?? kind;
    i += 2;
  }
  offsets.push(end);
  return { text, at: (index) => offsets[index] ?? end };
}
