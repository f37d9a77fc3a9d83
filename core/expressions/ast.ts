import type { Span } from '../text/range';

/**
 * The Workflow Definition Language has no operators: every computation is a function call, so
 * the tree is calls, literals and the two ways of reaching into a value (`[...]` and `.name`).
 * Every span is in the coordinates the parser was asked for: the expression text for
 * parseExpression, the file text for expressions found in a JSON string.
 */
export type Expr = CallExpr | StringLiteral | NumberLiteral | BooleanLiteral | NullLiteral | IndexExpr | MemberExpr;

export interface CallExpr {
  type: 'call';
  /** As written; the runtime matches function names without regard to case. */
  name: string;
  nameSpan: Span;
  args: Expr[];
  span: Span;
}

export interface StringLiteral {
  type: 'string';
  /** With each '' turned back into one quote. */
  value: string;
  /** Includes the quotes. */
  span: Span;
}

export interface NumberLiteral {
  type: 'number';
  value: number;
  /** As written, so 1.50 and 1.5 stay distinguishable to a rule that cares. */
  raw: string;
  span: Span;
}

export interface BooleanLiteral {
  type: 'boolean';
  value: boolean;
  span: Span;
}

export interface NullLiteral {
  type: 'null';
  span: Span;
}

/** `target[index]`, or `target?[index]` when `optional` (null instead of an error when missing). */
export interface IndexExpr {
  type: 'index';
  target: Expr;
  index: Expr;
  optional: boolean;
  span: Span;
}

/** `target.name`, or `target?.name` when `optional`. */
export interface MemberExpr {
  type: 'member';
  target: Expr;
  name: string;
  nameSpan: Span;
  optional: boolean;
  span: Span;
}

/** A malformed expression, reported where it goes wrong; parsing never throws. */
export interface ExpressionError {
  message: string;
  span: Span;
}

export type ParseResult = { ast: Expr; error?: undefined } | { ast?: undefined; error: ExpressionError };

/** Calls `visit` on every node, parents before children, children in source order. */
export function forEachNode(expr: Expr, visit: (node: Expr) => void): void {
  visit(expr);
  switch (expr.type) {
    case 'call':
      for (const arg of expr.args) forEachNode(arg, visit);
      return;
    case 'index':
      forEachNode(expr.target, visit);
      forEachNode(expr.index, visit);
      return;
    case 'member':
      forEachNode(expr.target, visit);
      return;
    default:
      return;
  }
}
