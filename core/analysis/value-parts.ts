import { references, type Expr, type Reference, type StringLiteral } from '../expressions';

/** What can end up in an expression's result: the values it reads and the text it writes. */
export interface ValueParts {
  references: Reference[];
  literals: StringLiteral[];
}

/** Functions that read something of the run by name; their whole chain is one reference. */
const NAMING = new Set([
  'body', 'outputs', 'actions', 'result', 'actionbody', 'actionoutputs', 'triggerbody', 'triggeroutputs', 'trigger',
  'triggerformdatavalue', 'triggerformdatamultivalues', 'triggermultipartbody', 'items', 'iterationindexes', 'item',
  'variables', 'parameters',
]);

/**
 * Functions whose result is a boolean, a number, a date or a fresh value, never one of their
 * arguments: what they read decides a branch or a count, and is not passed on.
 */
const NOT_PASSED_ON = new Set([
  'equals', 'not', 'and', 'or', 'greater', 'greaterorequals', 'less', 'lessorequals', 'contains', 'empty',
  'startswith', 'endswith', 'length', 'indexof', 'lastindexof', 'nthindexof', 'int', 'float', 'bool', 'add', 'sub',
  'mul', 'div', 'mod', 'min', 'max', 'rand', 'range', 'ticks', 'dayofmonth', 'dayofweek', 'dayofyear', 'isint',
  'isfloat', 'utcnow', 'guid', 'iterationindexes',
]);

function walk(expr: Expr, out: ValueParts): void {
  switch (expr.type) {
    case 'string':
      out.literals.push(expr);
      return;
    case 'index':
    case 'member': {
      let base: Expr = expr;
      while (base.type === 'index' || base.type === 'member') base = base.target;
      if (base.type === 'call' && NAMING.has(base.name.toLowerCase())) out.references.push(...references(expr));
      else walk(base, out);
      return;
    }
    case 'call': {
      const name = expr.name.toLowerCase();
      if (NAMING.has(name)) {
        out.references.push(...references(expr));
        return;
      }
      // if(condition, then, else): the condition picks a value and is none itself.
      if (name === 'if') {
        for (const arg of expr.args.slice(1)) walk(arg, out);
        return;
      }
      if (NOT_PASSED_ON.has(name)) return;
      for (const arg of expr.args) walk(arg, out);
      return;
    }
    default:
      return;
  }
}

/** The references and string literals whose values may become the result of `expr`. */
export function valueParts(expr: Expr): ValueParts {
  const out: ValueParts = { references: [], literals: [] };
  walk(expr, out);
  return out;
}
