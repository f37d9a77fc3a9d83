import type { Span } from '../text/range';
import type { CallExpr, Expr } from './ast';

export type ActionFunction = 'body' | 'outputs' | 'actions' | 'result' | 'actionBody' | 'actionOutputs';
export type TriggerFunction = 'triggerBody' | 'triggerOutputs' | 'trigger' | 'triggerFormDataValue' | 'triggerFormDataMultiValues' | 'triggerMultipartBody';
export type LoopFunction = 'items' | 'iterationIndexes';
/** Functions whose first argument names something; a non-literal one makes a 'dynamic' reference. */
export type NamingFunction = ActionFunction | LoopFunction | 'variables' | 'parameters';

export type PathSegment = string | number;

/**
 * What is read out of the referenced value: the literal `[...]` and `.name` steps right after the
 * call, `body('Get_items')?['value']` giving ['value']. Designer-written paths often pack several
 * steps into one literal ('body/value'); they are kept as written.
 */
export interface Access {
  path: PathSegment[];
  /** False when a computed index (`[variables('k')]`) cut the path short. */
  pathComplete: boolean;
  /** The call and the part of its path in `path`. */
  accessSpan: Span;
}

interface Call {
  /** The call: name through ')'. */
  callSpan: Span;
}

export type ActionReference = { kind: 'action'; fn: ActionFunction; name: string; /** The name literal, quotes included. */ span: Span } & Call & Access;
export type TriggerReference = { kind: 'trigger'; fn: TriggerFunction; /** The call. */ span: Span } & Call & Access;
export type LoopReference = { kind: 'loop'; fn: LoopFunction; name: string; span: Span } & Call & Access;
export type ItemReference = { kind: 'item'; fn: 'item'; span: Span } & Call & Access;
export type VariableReference = { kind: 'variable'; name: string; span: Span } & Call & Access;
export type ParameterReference = { kind: 'parameter'; name: string; span: Span } & Call & Access;
/** A naming function whose name is computed at run time; `span` is its first argument (or the call). */
export type DynamicReference = { kind: 'dynamic'; fn: NamingFunction; span: Span } & Call;

export type Reference = ActionReference | TriggerReference | LoopReference | ItemReference | VariableReference | ParameterReference | DynamicReference;

type Role = { kind: 'action'; fn: ActionFunction } | { kind: 'trigger'; fn: TriggerFunction } | { kind: 'loop'; fn: LoopFunction } | { kind: 'item' } | { kind: 'variable' } | { kind: 'parameter' };

/** Keyed by lower-case name: the runtime ignores the case of function names. */
const ROLES = new Map<string, Role>();
for (const fn of ['body', 'outputs', 'actions', 'result', 'actionBody', 'actionOutputs'] as const) ROLES.set(fn.toLowerCase(), { kind: 'action', fn });
for (const fn of ['triggerBody', 'triggerOutputs', 'trigger', 'triggerFormDataValue', 'triggerFormDataMultiValues', 'triggerMultipartBody'] as const) ROLES.set(fn.toLowerCase(), { kind: 'trigger', fn });
for (const fn of ['items', 'iterationIndexes'] as const) ROLES.set(fn.toLowerCase(), { kind: 'loop', fn });
ROLES.set('item', { kind: 'item' });
ROLES.set('variables', { kind: 'variable' });
ROLES.set('parameters', { kind: 'parameter' });

/** Everything an expression reads from the run, in source order (an outer call before its arguments). */
export function references(ast: Expr): Reference[] {
  const out: Reference[] = [];
  collect(ast, out, undefined);
  return out;
}

/**
 * The same references, each with `node` (the string value the expression was written in) as its
 * last property, appended to `out`: what { ...reference, node } of each would be, made at once.
 */
export function referencesIn<N>(ast: Expr, node: N, out: (Reference & { node: N })[]): void {
  collect(ast, out as Reference[], node);
}

function collect(expr: Expr, out: Reference[], node: unknown): void {
  switch (expr.type) {
    case 'call':
      reference(expr, { path: [], pathComplete: true, accessSpan: expr.span }, out, node);
      // By index: for...of allocates an iterator result per item in code the JIT has not optimised yet.
      for (let i = 0; i < expr.args.length; i++) collect(expr.args[i] as Expr, out, node);
      return;
    case 'index':
    case 'member': {
      // Unwind the chain to what it reads from, so the call learns its path before anything nested.
      const chain: Expr[] = [];
      let base: Expr = expr;
      while (base.type === 'index' || base.type === 'member') {
        chain.push(base);
        base = base.target;
      }
      chain.reverse();
      if (base.type === 'call') {
        reference(base, accessOf(base, chain), out, node);
        for (let i = 0; i < base.args.length; i++) collect(base.args[i] as Expr, out, node);
      } else {
        collect(base, out, node);
      }
      for (let i = 0; i < chain.length; i++) {
        const link = chain[i] as Expr;
        if (link.type === 'index') collect(link.index, out, node);
      }
      return;
    }
    default:
      return;
  }
}

function accessOf(call: CallExpr, chain: Expr[]): Access {
  const path: PathSegment[] = [];
  let accessSpan = call.span;
  for (let i = 0; i < chain.length; i++) {
    const link = chain[i] as Expr;
    let segment: PathSegment | undefined;
    if (link.type === 'member') segment = link.name;
    else if (link.type === 'index' && (link.index.type === 'string' || link.index.type === 'number')) segment = link.index.value;
    if (segment === undefined) return { path, pathComplete: false, accessSpan };
    path.push(segment);
    accessSpan = link.span;
  }
  return { path, pathComplete: true, accessSpan };
}

// Each reference is one object literal, its properties in the order { kind, fn, name, span, callSpan,
// path, pathComplete, accessSpan, node } (as many as its kind has), node only when given (referencesIn).
function reference(call: CallExpr, access: Access, out: Reference[], node: unknown): void {
  const role = ROLES.get(call.name.toLowerCase());
  if (!role) return;
  const callSpan = call.span;
  const { path, pathComplete, accessSpan } = access;
  if (role.kind === 'trigger') {
    out.push(node === undefined
      ? { kind: 'trigger', fn: role.fn, span: callSpan, callSpan, path, pathComplete, accessSpan }
      : ({ kind: 'trigger', fn: role.fn, span: callSpan, callSpan, path, pathComplete, accessSpan, node } as Reference));
    return;
  }
  if (role.kind === 'item') {
    out.push(node === undefined
      ? { kind: 'item', fn: 'item', span: callSpan, callSpan, path, pathComplete, accessSpan }
      : ({ kind: 'item', fn: 'item', span: callSpan, callSpan, path, pathComplete, accessSpan, node } as Reference));
    return;
  }
  const arg = call.args[0];
  if (!arg || arg.type !== 'string') {
    const fn: NamingFunction = role.kind === 'variable' ? 'variables' : role.kind === 'parameter' ? 'parameters' : role.fn;
    const span = arg ? arg.span : callSpan;
    out.push(node === undefined ? { kind: 'dynamic', fn, span, callSpan } : ({ kind: 'dynamic', fn, span, callSpan, node } as Reference));
    return;
  }
  const name = arg.value;
  const span = arg.span;
  if (role.kind === 'action') {
    out.push(node === undefined
      ? { kind: 'action', fn: role.fn, name, span, callSpan, path, pathComplete, accessSpan }
      : ({ kind: 'action', fn: role.fn, name, span, callSpan, path, pathComplete, accessSpan, node } as Reference));
  } else if (role.kind === 'loop') {
    out.push(node === undefined
      ? { kind: 'loop', fn: role.fn, name, span, callSpan, path, pathComplete, accessSpan }
      : ({ kind: 'loop', fn: role.fn, name, span, callSpan, path, pathComplete, accessSpan, node } as Reference));
  } else if (role.kind === 'variable') {
    out.push(node === undefined
      ? { kind: 'variable', name, span, callSpan, path, pathComplete, accessSpan }
      : ({ kind: 'variable', name, span, callSpan, path, pathComplete, accessSpan, node } as Reference));
  } else {
    out.push(node === undefined
      ? { kind: 'parameter', name, span, callSpan, path, pathComplete, accessSpan }
      : ({ kind: 'parameter', name, span, callSpan, path, pathComplete, accessSpan, node } as Reference));
  }
}
