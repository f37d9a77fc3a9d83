import type { JsonNode } from '../artifacts/json';
import type { Span } from '../text/range';
import type { Expr, ExpressionError } from './ast';
import { decodeJsonString } from './json-string';
import { parseExpressionRange, type OffsetMap } from './parser';

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

/** Finds and parses the expressions of a JSON string node; every span is an offset of `sourceText`. */
export function parseStringValue(node: JsonNode, sourceText: string): StringExpressions {
  if (node.type !== 'string') return { kind: 'literal', value: String(node.value) };
  const value = node.value as string;
  // Most values hold no '@' at all; they need no decoding and no offsets.
  if (value.indexOf('@') < 0) return { kind: 'literal', value };
  const decoded = decodeJsonString(node, sourceText);
  return parseStringText(decoded.text, decoded.at);
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
  const base = { text: text.slice(from, to), span: spanOf(at, from, to), outerSpan: spanOf(at, outerFrom, outerTo) };
  if (!parse) return base;
  if (base.text.trim() === '') {
    // Nothing inside to point at: the '@' or '@{}' itself is what is wrong.
    return { ...base, error: { message: 'The expression is empty.', span: base.outerSpan } };
  }
  const result = parseExpressionRange(text, from, to, at);
  return result.ast ? { ...base, ast: result.ast } : { ...base, error: result.error };
}

function spanOf(at: OffsetMap, start: number, end: number): Span {
  const offset = at(start);
  return { offset, length: at(end) - offset };
}
