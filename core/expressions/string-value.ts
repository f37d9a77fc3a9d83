import type { JsonNode } from '../artifacts/json';
import type { Span } from '../text/range';
import type { Expr, ExpressionError } from './ast';
import { decodeJsonString } from './json-string';
import { parseExpressionRange, type OffsetMap } from './parser';
import { ownString } from '../text/own-string';

/** One expression inside a string value: the whole value after '@', or one '@{...}'. */
export interface EmbeddedExpression {
  /** The expression's text (JSON escapes decoded), without '@' or '@{' '}'. */
  text: string;
  /** Where `text` is in the file. */
  span: Span;
  /** Where '@text' or '@{text}' is in the file. */
  outerSpan: Span;
  ast?: Expr;
  error?: ExpressionError;
}

export type TemplatePart = { kind: 'text'; value: string; span: Span } | { kind: 'interpolation'; expression: EmbeddedExpression };

/**
 * What a string value is to the runtime: plain text; one expression whose result replaces the
 * value whatever its type; or text with '@{...}' interpolations whose results are turned into text.
 */
export type StringExpressions =
  | { kind: 'literal'; value: string }
  | { kind: 'expression'; expression: EmbeddedExpression }
  | { kind: 'template'; parts: TemplatePart[]; expressions: EmbeddedExpression[] };

const AT = 64, LBRACE = 123, RBRACE = 125, QUOTE = 39;

/**
 * Finds and parses the expressions of a JSON string node; every span is an offset of `sourceText`.
 * With `own`, every object of the result is new, shared with no other caller nor with the parses
 * kept here: for a caller that moves its spans in place later (flow-expressions.ts).
 */
export function parseStringValue(node: JsonNode, sourceText: string, own = false): StringExpressions {
  if (node.type !== 'string') return { kind: 'literal', value: String(node.value) };
  const value = node.value as string;
  // Most values hold no '@' at all; they need no decoding and no offsets.
  if (value.indexOf('@') < 0) return { kind: 'literal', value };
  // Without escapes the value is its raw text, each character one of the file: its parse, spans
  // less the value's offset, is the same wherever it is written (see PARSED). An escape is two
  // characters or more of the file for one of the value, so a value as long as its raw text has
  // none, and is what decoding would give: no copy of the raw text is made for it.
  if (value.length === node.length - 2) return parsedAt(value, node.offset + 1, own);
  const decoded = decodeJsonString(node, sourceText);
  return parseStringText(decoded.text, decoded.at);
}

// Parses of escape-free string values, by the value, with the offset of the value they were made
// for. The same expressions come back step after step and flow after flow
// (@parameters('$authentication'), @outputs('Get_items')?['body/value']: 18,715 values with '@'
// in ../shared/corpus, 6,034 distinct), and the language server parses every value of a flow
// again at each edit: a copy of a kept parse with its spans moved costs a fraction of parsing it
// again. The first parse of a value is handed out as it is (nothing reads a parse to change it),
// and so is the kept parse to a value at the same offset; later ones get copies. Measured (medians of three, warm): collectExpressions of the generated
// 1 MB flow (1,601 actions) 8.7 -> 7.6 ms an edit, the shared analyses of that edit 33.7 -> 30.0
// ms with the collector's share; a first pass over the corpus no slower. Each value is parsed
// from a copy of its own (core/text/own-string.ts), so that nothing kept or handed out keeps a
// file's text alive; bounded (the corpus's 6,034 values keep 7.8 MB).
const PARSED = new Map<string, { parsed: StringExpressions; at: number }>();
const PARSED_MAX_VALUES = 10_000;
const PARSED_MAX_CHARS = 2_000_000;
/** Longer values are rarely repeated, and would fill the cache fast. */
const PARSED_MAX_LENGTH = 2_000;
let parsedChars = 0;

/** The parse of an escape-free value whose first character is at offset `at` of its file; a copy of its own with `own`. */
function parsedAt(text: string, at: number, own: boolean): StringExpressions {
  const known = PARSED.get(text);
  // At the very offset it was made for (the same flow built again: for its lint after its load,
  // or an edit's text before the edited line), the kept parse is what a copy would be.
  if (known) return known.at === at && !own ? known.parsed : shifted(known.parsed, at - known.at);
  const copy = ownString(text);
  const parsed = parseStringText(copy, (i) => at + i);
  if (text.length <= PARSED_MAX_LENGTH) {
    if (PARSED.size >= PARSED_MAX_VALUES || parsedChars + text.length > PARSED_MAX_CHARS) {
      PARSED.clear();
      parsedChars = 0;
    }
    PARSED.set(copy, { parsed, at });
    parsedChars += text.length;
    if (own) return shifted(parsed, 0);
  }
  return parsed;
}

/**
 * A copy of a parse with every span moved by `by`: new objects throughout, in the order and with
 * the sharing parseStringText gives them (a template's interpolation parts hold the very objects
 * of its `expressions`; an empty expression's error has its outer span), so nothing of the kept
 * parse is handed out.
 */
function shifted(parsed: StringExpressions, by: number): StringExpressions {
  switch (parsed.kind) {
    case 'literal':
      return { kind: 'literal', value: parsed.value };
    case 'expression':
      return { kind: 'expression', expression: shiftEmbedded(parsed.expression, by) };
    case 'template': {
      const expressions: EmbeddedExpression[] = [];
      const parts: TemplatePart[] = [];
      for (const part of parsed.parts) {
        if (part.kind === 'text') {
          parts.push({ kind: 'text', value: part.value, span: shiftSpan(part.span, by) });
          continue;
        }
        const expression = shiftEmbedded(part.expression, by);
        parts.push({ kind: 'interpolation', expression });
        expressions.push(expression);
      }
      return { kind: 'template', parts, expressions };
    }
  }
}

function shiftSpan(span: Span, by: number): Span {
  return { offset: span.offset + by, length: span.length };
}

function shiftEmbedded(e: EmbeddedExpression, by: number): EmbeddedExpression {
  const span = shiftSpan(e.span, by);
  const outerSpan = shiftSpan(e.outerSpan, by);
  if (e.ast) return { text: e.text, span, outerSpan, ast: shiftExpr(e.ast, by) };
  if (e.error) {
    const error = { message: e.error.message, span: e.error.span === e.outerSpan ? outerSpan : shiftSpan(e.error.span, by) };
    return { text: e.text, span, outerSpan, error };
  }
  return { text: e.text, span, outerSpan };
}

function shiftExpr(e: Expr, by: number): Expr {
  switch (e.type) {
    case 'call': {
      const args: Expr[] = [];
      for (let i = 0; i < e.args.length; i++) args.push(shiftExpr(e.args[i] as Expr, by));
      return { type: 'call', name: e.name, nameSpan: shiftSpan(e.nameSpan, by), args, span: shiftSpan(e.span, by) };
    }
    case 'string':
      return { type: 'string', value: e.value, span: shiftSpan(e.span, by) };
    case 'number':
      return { type: 'number', value: e.value, raw: e.raw, span: shiftSpan(e.span, by) };
    case 'boolean':
      return { type: 'boolean', value: e.value, span: shiftSpan(e.span, by) };
    case 'null':
      return { type: 'null', span: shiftSpan(e.span, by) };
    case 'index':
      return { type: 'index', target: shiftExpr(e.target, by), index: shiftExpr(e.index, by), optional: e.optional, span: shiftSpan(e.span, by) };
    case 'member':
      return { type: 'member', target: shiftExpr(e.target, by), name: e.name, nameSpan: shiftSpan(e.nameSpan, by), optional: e.optional, span: shiftSpan(e.span, by) };
  }
}

/** The same over a string's value alone; spans index `text` unless `at` maps them elsewhere. */
export function parseStringText(text: string, at: OffsetMap = (i) => i): StringExpressions {
  if (text.indexOf('@') < 0) return { kind: 'literal', value: text };
  const second = text.charCodeAt(1);
  if (text.charCodeAt(0) === AT && second !== AT && second !== LBRACE) {
    return { kind: 'expression', expression: embedded(text, 1, text.length, 0, text.length, at, true) };
  }
  return scanTemplate(text, at, true);
}

/**
 * How a string value splits into text and expressions, as parseStringText splits it, without
 * parsing the expressions: they carry neither an ast nor an error. For readers of the literal text
 * only (core/secrets/literal-parts.ts), which would otherwise parse every expression again.
 */
export function splitStringText(text: string): StringExpressions {
  if (text.indexOf('@') < 0) return { kind: 'literal', value: text };
  const second = text.charCodeAt(1);
  if (text.charCodeAt(0) === AT && second !== AT && second !== LBRACE) {
    return { kind: 'expression', expression: embedded(text, 1, text.length, 0, text.length, identity, false) };
  }
  return scanTemplate(text, identity, false);
}

const identity: OffsetMap = (i) => i;

/**
 * '@{' opens an interpolation, closed by the first '}' outside a quoted literal (no WDL syntax
 * uses braces, so only literals can hold one). '@@' is an escaped '@': before '{' it keeps the
 * brace from opening an interpolation, and at the very start of a value it keeps the value from
 * being an expression, though '@{...}' later in it still interpolates. The docs give '@@' no
 * other meaning, so elsewhere the literal value keeps it as written.
 */
function scanTemplate(text: string, at: OffsetMap, parse: boolean): StringExpressions {
  const parts: TemplatePart[] = [];
  const expressions: EmbeddedExpression[] = [];
  let literal = '';
  let textStart = 0;
  let i = 0;
  for (;;) {
    const j = text.indexOf('@', i);
    if (j < 0) break;
    const next = text.charCodeAt(j + 1);
    if (next === AT) {
      literal += text.slice(i, j) + (j === 0 || text.charCodeAt(j + 2) === LBRACE ? '@' : '@@');
      i = j + 2;
      continue;
    }
    if (next !== LBRACE) {
      literal += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    literal += text.slice(i, j);
    if (j > textStart) parts.push({ kind: 'text', value: literal, span: spanOf(at, textStart, j) });
    literal = '';
    const { expression, end } = interpolation(text, j, at, parse);
    parts.push({ kind: 'interpolation', expression });
    expressions.push(expression);
    i = textStart = end;
  }
  if (expressions.length === 0) return { kind: 'literal', value: literal + text.slice(i) };
  literal += text.slice(i);
  if (textStart < text.length) parts.push({ kind: 'text', value: literal, span: spanOf(at, textStart, text.length) });
  return { kind: 'template', parts, expressions };
}

/** The interpolation opening at `open` ('@{'), and the index just past its '}' (or the text's end). */
function interpolation(text: string, open: number, at: OffsetMap, parse: boolean): { expression: EmbeddedExpression; end: number } {
  let inLiteral = false;
  let literalStart = -1;
  for (let k = open + 2; k < text.length; k++) {
    const c = text.charCodeAt(k);
    // A doubled quote inside a literal flips twice, so it needs no case of its own.
    if (c === QUOTE) {
      inLiteral = !inLiteral;
      if (inLiteral) literalStart = k;
    } else if (c === RBRACE && !inLiteral) {
      return { expression: embedded(text, open + 2, k, open, k + 1, at, parse), end: k + 1 };
    }
  }
  const expression: EmbeddedExpression = {
    text: text.slice(open + 2),
    span: spanOf(at, open + 2, text.length),
    outerSpan: spanOf(at, open, text.length),
    error: inLiteral
      ? { message: "Unclosed string literal: it needs a closing quote (and the '@{' a closing '}').", span: spanOf(at, literalStart, text.length) }
      : { message: "Missing '}' to close '@{'.", span: spanOf(at, open, open + 2) },
  };
  return { expression, end: text.length };
}

/** Parses text[from, to) as the expression whose '@' or '@{' ... '}' covers text[outerFrom, outerTo); only places it unless `parse`. */
function embedded(text: string, from: number, to: number, outerFrom: number, outerTo: number, at: OffsetMap, parse: boolean): EmbeddedExpression {
  const inner = text.slice(from, to);
  const span = spanOf(at, from, to);
  const outerSpan = spanOf(at, outerFrom, outerTo);
  if (!parse) return { text: inner, span, outerSpan };
  // Each result is made whole at once (no spread of a first object): this runs for every
  // expression of every flow, and a spread copies property by property in code not yet optimised.
  if (inner.trim() === '') {
    // Nothing inside to point at: the '@' or '@{}' itself is what is wrong.
    return { text: inner, span, outerSpan, error: { message: 'The expression is empty.', span: outerSpan } };
  }
  const result = parseExpressionRange(text, from, to, at);
  return result.ast ? { text: inner, span, outerSpan, ast: result.ast } : { text: inner, span, outerSpan, error: result.error };
}

function spanOf(at: OffsetMap, start: number, end: number): Span {
  const offset = at(start);
  return { offset, length: at(end) - offset };
}
