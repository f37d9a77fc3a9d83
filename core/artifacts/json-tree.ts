import type { Node } from 'jsonc-parser';

/**
 * A faster builder of the very tree jsonc-parser's `parseTree` returns, for strict JSON only.
 *
 * Exports are machine-written strict JSON, and parsing them was a fifth of a run: jsonc-parser
 * walks a visitor with a callback per token and grows every `children` array by push, so a
 * property's two children sit in room for seventeen (a third of a run's heap). This builds the
 * same nodes (same fields, in the same order, same offsets, lengths, values and colon offsets)
 * with exact-size arrays, in one pass that also bounds the nesting.
 *
 * It accepts only what it is sure of: RFC 8259 JSON, with space, tab, CR and LF between tokens,
 * nested at most `maxDepth` deep. On anything else (a syntax error, a comment, an unusual space,
 * a control character in a string) it returns undefined without a word, and the caller parses
 * with jsonc-parser as before, which finds and words the error: so for every input the result,
 * or the error reported, is what it always was. test/unit/json/json-tree.test.ts holds the two
 * parsers to the same trees.
 */
export function buildJsonTree(text: string, maxDepth: number): Node | undefined {
  try {
    return new TreeBuilder(text, maxDepth).root();
  } catch (error) {
    if (error === NOT_STRICT) return undefined;
    throw error;
  }
}

/**
 * The node of the one value that `text` holds from `start` to `end` exactly (no space around it),
 * built as buildJsonTree builds it, with offsets of `text`, `parent` as its parent and nested as
 * deep as `depth` containers already are; undefined when that span is anything else. For an edit
 * (json-reparse.ts): the rest of the text is the same, so only the edited value is built again.
 */
export function buildJsonValue(text: string, start: number, end: number, depth: number, parent: Node, maxDepth: number): Node | undefined {
  try {
    return new TreeBuilder(text, maxDepth).valueAt(start, end, depth, parent);
  } catch (error) {
    if (error === NOT_STRICT) return undefined;
    throw error;
  }
}

/** Thrown to give up; caught by buildJsonTree and buildJsonValue only. */
const NOT_STRICT = new Error('not strict JSON');

// Character codes.
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** jsonc-parser's Node, as it is while being built. */
type Building = { -readonly [K in keyof Node]: Node[K] };

/** A reused array per depth, so that children are gathered without growing a fresh array each time (stale entries past the count are never read). */
type Scratch = Node[];

class TreeBuilder {
  private pos = 0;
  private depth = 0;
  private readonly scratch: Scratch[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  valueAt(start: number, end: number, depth: number, parent: Node): Node {
    const c = this.text.charCodeAt(start);
    // A value, not space before it (value() would skip it).
    if (c === SPACE || c === LF || c === CR || c === TAB) throw NOT_STRICT;
    this.pos = start;
    this.depth = depth;
    const node = this.value(parent);
    if (this.pos !== end) throw NOT_STRICT;
    return node;
  }

  root(): Node {
    // jsonc-parser hangs the top value under an artificial root, then deletes the link.
    const node: Building = this.value(undefined);
    this.skipSpace();
    if (this.pos !== this.text.length) throw NOT_STRICT;
    delete node.parent;
    return node;
  }

  private skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === SPACE || c === LF || c === CR || c === TAB) pos++;
      else break;
    }
    this.pos = pos;
  }

  /** A value starting at the next token; `parent` is undefined only for the top value. */
  private value(parent: Node | undefined): Node {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    if (c === OPEN_BRACE) return this.object(parent as Node);
    if (c === OPEN_BRACKET) return this.array(parent as Node);
    if (c === QUOTE) {
      const offset = this.pos;
      const value = this.string();
      return { type: 'string', offset, length: this.pos - offset, parent: parent as Node, value };
    }
    if ((c >= ZERO && c <= NINE) || c === MINUS) return this.number(parent as Node);
    return this.keyword(parent as Node);
  }

  private enter(): Scratch {
    if (++this.depth > this.maxDepth) throw NOT_STRICT;
    let list = this.scratch[this.depth];
    if (!list) this.scratch[this.depth] = list = [];
    return list;
  }

  /** The `count` children gathered at this depth, in an array of their exact size. */
  private leave(list: Scratch, count: number): Node[] {
    this.depth--;
    return list.slice(0, count);
  }

  private object(parent: Node): Node {
    const text = this.text;
    const node: Building = { type: 'object', offset: this.pos, length: -1, parent, children: [] };
    const list = this.enter();
    let count = 0;
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpace();
        if (text.charCodeAt(this.pos) !== QUOTE) throw NOT_STRICT;
        const keyOffset = this.pos;
        const name = this.string();
        const property: Building = { type: 'property', offset: keyOffset, length: -1, parent: node, children: undefined, colonOffset: -1 };
        const key: Node = { type: 'string', value: name, offset: keyOffset, length: this.pos - keyOffset, parent: property };
        this.skipSpace();
        if (text.charCodeAt(this.pos) !== COLON) throw NOT_STRICT;
        property.colonOffset = this.pos++;
        const value = this.value(property);
        property.children = [key, value];
        property.length = value.offset + value.length - keyOffset;
        list[count++] = property;
        this.skipSpace();
        const next = text.charCodeAt(this.pos++);
        if (next === CLOSE_BRACE) break;
        if (next !== COMMA) throw NOT_STRICT;
      }
    }
    node.children = this.leave(list, count);
    node.length = this.pos - node.offset;
    return node;
  }

  private array(parent: Node): Node {
    const text = this.text;
    const node: Building = { type: 'array', offset: this.pos, length: -1, parent, children: [] };
    const list = this.enter();
    let count = 0;
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) === CLOSE_BRACKET) {
      this.pos++;
    } else {
      for (;;) {
        list[count++] = this.value(node);
        this.skipSpace();
        const next = text.charCodeAt(this.pos++);
        if (next === CLOSE_BRACKET) break;
        if (next !== COMMA) throw NOT_STRICT;
      }
    }
    node.children = this.leave(list, count);
    node.length = this.pos - node.offset;
    return node;
  }

  /** The decoded string at the opening quote under `pos`, leaving `pos` past its closing quote. */
  private string(): string {
    const text = this.text;
    const start = this.pos + 1;
    let pos = start;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (c === BACKSLASH) break;
      // A control character (or the end of the text: NaN) is an error jsonc-parser words.
      if (!(c >= SPACE)) throw NOT_STRICT;
      pos++;
    }
    return this.escapedString(start, pos);
  }

  /** The slow path of string(): `pos` is at the first backslash. */
  private escapedString(start: number, from: number): string {
    const text = this.text;
    let result = text.slice(start, from);
    let pos = from;
    let run = from;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        this.pos = pos + 1;
        return result + text.slice(run, pos);
      }
      if (c === BACKSLASH) {
        result += text.slice(run, pos);
        const e = text.charCodeAt(pos + 1);
        pos += 2;
        switch (e) {
          case QUOTE: result += '"'; break;
          case BACKSLASH: result += '\\'; break;
          case 47: result += '/'; break;
          case 98: result += '\b'; break;
          case 102: result += '\f'; break;
          case 110: result += '\n'; break;
          case 114: result += '\r'; break;
          case 116: result += '\t'; break;
          case 117: {
            const code = hex4(text, pos);
            if (code < 0) throw NOT_STRICT;
            result += String.fromCharCode(code);
            pos += 4;
            break;
          }
          default:
            throw NOT_STRICT;
        }
        run = pos;
        continue;
      }
      if (!(c >= SPACE)) throw NOT_STRICT;
      pos++;
    }
  }

  /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, then a delimiter, as jsonc-parser scans it. */
  private number(parent: Node): Node {
    const text = this.text;
    const offset = this.pos;
    let pos = offset;
    if (text.charCodeAt(pos) === MINUS) pos++;
    const first = text.charCodeAt(pos);
    if (first === ZERO) pos++;
    else if (first > ZERO && first <= NINE) pos = digits(text, pos + 1);
    else throw NOT_STRICT;
    if (text.charCodeAt(pos) === DOT) {
      const after = digits(text, pos + 1);
      if (after === pos + 1) throw NOT_STRICT;
      pos = after;
    }
    const e = text.charCodeAt(pos);
    if (e === 101 || e === 69) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === PLUS || sign === MINUS) pos++;
      const after = digits(text, pos);
      if (after === pos) throw NOT_STRICT;
      pos = after;
    }
    this.pos = pos;
    this.delimiter();
    return { type: 'number', offset, length: pos - offset, parent, value: Number(text.slice(offset, pos)) };
  }

  private keyword(parent: Node): Node {
    const text = this.text;
    const offset = this.pos;
    let node: Node;
    if (text.startsWith('true', offset)) node = { type: 'boolean', offset, length: 4, parent, value: true };
    else if (text.startsWith('false', offset)) node = { type: 'boolean', offset, length: 5, parent, value: false };
    else if (text.startsWith('null', offset)) node = { type: 'null', offset, length: 4, parent, value: null };
    else throw NOT_STRICT;
    this.pos = offset + node.length;
    this.delimiter();
    return node;
  }

  /** What may follow a number or a keyword; jsonc-parser would scan `truex` or `1a` as one token. */
  private delimiter(): void {
    const c = this.text.charCodeAt(this.pos);
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === SPACE || c === LF || c === CR || c === TAB || c !== c) return;
    throw NOT_STRICT;
  }
}

function digits(text: string, from: number): number {
  let pos = from;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c >= ZERO && c <= NINE) pos++;
    else return pos;
  }
}

/** The four hex digits at `pos` as a code unit, or -1. */
function hex4(text: string, pos: number): number {
  let code = 0;
  for (let i = 0; i < 4; i++) {
    const c = text.charCodeAt(pos + i);
    let d: number;
    if (c >= ZERO && c <= NINE) d = c - ZERO;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else return -1;
    code = code * 16 + d;
  }
  return code;
}
