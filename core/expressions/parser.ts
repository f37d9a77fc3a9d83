import type { Span } from '../text/range';
import type { CallExpr, Expr, ExpressionError, ParseResult } from './ast';

/** Turns an index into the text being parsed into an offset of the caller's choosing (the file's). */
export type OffsetMap = (index: number) => number;

/**
 * Real expressions nest a few dozen calls at most; past this the recursion would only serve a
 * hostile or corrupted string, and must not be allowed to exhaust the stack.
 */
export const MAX_EXPRESSION_DEPTH = 200;

const identity: OffsetMap = (i) => i;

/** Parses expression text: what follows the '@' of a whole expression, or sits inside '@{' '}'. */
export function parseExpression(text: string): ParseResult {
  return parseExpressionRange(text, 0, text.length, identity);
}

/**
 * Parses `text[from, to)`, reporting spans through `at`, so an expression found inside a JSON
 * string gets file offsets directly instead of being re-mapped after the fact.
 */
export function parseExpressionRange(text: string, from: number, to: number, at: OffsetMap): ParseResult {
  const parser = new Parser(text, from, to, at);
  try {
    return { ast: parser.parseWhole() };
  } catch (thrown) {
    if (thrown instanceof Failure) return { error: thrown.error };
    throw thrown;
  }
}

/** Unwinds the recursive descent to the top on the first error; never escapes this module. */
class Failure {
  constructor(readonly error: ExpressionError) {}
}

const SPACE = 32, TAB = 9, CR = 13, QUOTE = 39, LPAREN = 40, RPAREN = 41, COMMA = 44, MINUS = 45, DOT = 46;
const LBRACKET = 91, RBRACKET = 93, QUESTION = 63;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Any Unicode white space, not only ASCII: real exports (the CoE Starter Kit's) have no-break
 * spaces (U+00A0) between arguments, and those flows run.
 */
function isSpace(c: number): boolean {
  if (c === SPACE || (c >= TAB && c <= CR)) return true;
  return c > 127 && /\s/.test(String.fromCharCode(c));
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 /* _ */ || c === 36 /* $ */ || (c > 127 && /\p{L}/u.test(String.fromCharCode(c)));
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

class Parser {
  private pos: number;

  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly end: number,
    private readonly at: OffsetMap,
  ) {
    this.pos = from;
  }

  parseWhole(): Expr {
    this.skipSpace();
    if (this.pos >= this.end) this.fail('The expression is empty.', this.from, this.end);
    const expr = this.parseExpr(0);
    this.skipSpace();
    if (this.pos < this.end) this.fail(`Unexpected ${this.describeAt(this.pos)} after the end of the expression.`, this.pos, this.pos + 1);
    return expr;
  }

  private parseExpr(depth: number): Expr {
    if (depth > MAX_EXPRESSION_DEPTH) this.fail(`The expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels.`, this.pos, this.pos + 1);
    this.skipSpace();
    let expr = this.parsePrimary(depth);
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      const c = this.code();
      if (c === LBRACKET) {
        expr = this.parseIndex(expr, false, depth);
      } else if (c === DOT) {
        expr = this.parseMember(expr, false);
      } else if (c === QUESTION) {
        const question = this.pos++;
        this.skipSpace();
        const next = this.code();
        if (next === LBRACKET) expr = this.parseIndex(expr, true, depth);
        else if (next === DOT) expr = this.parseMember(expr, true);
        else this.fail("Expected '[' or '.' after '?'.", question, question + 1);
      } else {
        this.pos = before;
        return expr;
      }
    }
  }

  private parsePrimary(depth: number): Expr {
    const start = this.pos;
    const c = this.code();
    if (c === QUOTE) return this.parseString();
    if (isDigit(c) || (c === MINUS && isDigit(this.code(this.pos + 1)))) return this.parseNumber();
    if (isIdentStart(c)) {
      while (this.pos < this.end && isIdentPart(this.code())) this.pos++;
      const name = this.text.slice(start, this.pos);
      const nameEnd = this.pos;
      this.skipSpace();
      if (this.code() === LPAREN) return this.parseCall(name, start, nameEnd, depth);
      this.pos = nameEnd;
      const keyword = name.toLowerCase();
      if (keyword === 'true' || keyword === 'false') return { type: 'boolean', value: keyword === 'true', span: this.span(start, nameEnd) };
      if (keyword === 'null') return { type: 'null', span: this.span(start, nameEnd) };
      this.fail(`'${name}' is not a value: call a function with parentheses, as in ${name}(), or quote text as '${name}'.`, start, nameEnd);
    }
    if (this.pos >= this.end) this.fail('Expected a value at the end of the expression.', this.end, this.end);
    return this.fail(`Unexpected ${this.describeAt(start)}.`, start, start + 1);
  }

  private parseCall(name: string, start: number, nameEnd: number, depth: number): CallExpr {
    const open = this.pos++;
    const args: Expr[] = [];
    this.skipSpace();
    if (this.code() === RPAREN) {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpace();
        if (this.pos >= this.end) this.unclosed(name, open);
        args.push(this.parseExpr(depth + 1));
        this.skipSpace();
        const c = this.code();
        if (c === COMMA) {
          this.pos++;
          continue;
        }
        if (c === RPAREN) {
          this.pos++;
          break;
        }
        if (this.pos >= this.end) this.unclosed(name, open);
        this.fail(`Expected ',' or ')' in the call to ${name} but found ${this.describeAt(this.pos)}.`, this.pos, this.pos + 1);
      }
    }
    return { type: 'call', name, nameSpan: this.span(start, nameEnd), args, span: this.span(start, this.pos) };
  }

  private unclosed(name: string, open: number): never {
    return this.fail(`Missing ')' to close the call to ${name}.`, open, open + 1);
  }

  private parseString(): Expr {
    const open = this.pos;
    let value = '';
    let chunk = open + 1;
    for (;;) {
      const quote = this.text.indexOf("'", chunk);
      if (quote < 0 || quote >= this.end) this.fail('Unclosed string literal: it needs a closing quote.', open, this.end);
      value += this.text.slice(chunk, quote);
      // Two quotes in a row are one quote inside the literal, not its end.
      if (this.code(quote + 1) === QUOTE) {
        value += "'";
        chunk = quote + 2;
        continue;
      }
      this.pos = quote + 1;
      return { type: 'string', value, span: this.span(open, this.pos) };
    }
  }

  private parseNumber(): Expr {
    const start = this.pos;
    if (this.code() === MINUS) this.pos++;
    this.skipDigits();
    if (this.code() === DOT && isDigit(this.code(this.pos + 1))) {
      this.pos++;
      this.skipDigits();
    }
    const e = this.code();
    if (e === 69 || e === 101 /* E e */) {
      const sign = this.code(this.pos + 1);
      const digitAt = sign === 43 || sign === MINUS ? this.pos + 2 : this.pos + 1;
      if (isDigit(this.code(digitAt))) {
        this.pos = digitAt;
        this.skipDigits();
      }
    }
    const raw = this.text.slice(start, this.pos);
    return { type: 'number', value: Number(raw), raw, span: this.span(start, this.pos) };
  }

  private parseIndex(target: Expr, optional: boolean, depth: number): Expr {
    const open = this.pos++;
    this.skipSpace();
    if (this.pos >= this.end) this.fail("Missing ']' to close '['.", open, open + 1);
    const index = this.parseExpr(depth + 1);
    this.skipSpace();
    if (this.code() !== RBRACKET) {
      if (this.pos >= this.end) this.fail("Missing ']' to close '['.", open, open + 1);
      this.fail(`Expected ']' but found ${this.describeAt(this.pos)}.`, this.pos, this.pos + 1);
    }
    this.pos++;
    return { type: 'index', target, index, optional, span: this.spanFrom(target.span, this.pos) };
  }

  private parseMember(target: Expr, optional: boolean): Expr {
    const dot = this.pos++;
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.end && isIdentPart(this.code())) this.pos++;
    if (this.pos === start) this.fail("Expected a property name after '.'.", dot, dot + 1);
    const name = this.text.slice(start, this.pos);
    return { type: 'member', target, name, nameSpan: this.span(start, this.pos), optional, span: this.spanFrom(target.span, this.pos) };
  }

  private skipDigits(): void {
    while (isDigit(this.code())) this.pos++;
  }

  private skipSpace(): void {
    while (isSpace(this.code())) this.pos++;
  }

  /** The char code at `i` (default: the current position), or NaN past the end of the range. */
  private code(i = this.pos): number {
    return i < this.end ? this.text.charCodeAt(i) : NaN;
  }

  private describeAt(i: number): string {
    return i < this.end ? `'${this.text[i]}'` : 'the end of the expression';
  }

  private span(start: number, end: number): Span {
    const offset = this.at(start);
    return { offset, length: this.at(end) - offset };
  }

  /** A postfix node starts where its target does; its target's span is already mapped. */
  private spanFrom(targetSpan: Span, end: number): Span {
    return { offset: targetSpan.offset, length: this.at(end) - targetSpan.offset };
  }

  private fail(message: string, start: number, end: number): never {
    throw new Failure({ message, span: this.span(Math.min(start, this.end), Math.min(end, this.end)) });
  }
}
