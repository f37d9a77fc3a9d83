import { entries, items, prop, str, type JsonNode } from '../artifacts/json';
import { collectExpressions, expressionsByNode, type Expr, type Reference } from '../expressions';
import { perFlow } from '../model/per-flow';
import type { Flow, Step } from '../model/types';
import { jsonStringSpans } from '../secrets/source-span';
import type { Span } from '../text/range';
import { addressesIn } from './addresses';
import { dataFlow, isPassThrough, variablesWritten } from './dataflow';
import { readsConfiguration } from './exfiltration';
import { fieldName } from './json-path';
import type { RecipientHolds } from './message-sinks';
import { actionFields } from './message-sinks';
import { enclosingLoops, flowNames } from './names';
import { reachingWrites } from './reaching';
import { valueParts } from './value-parts';

/** Where an address in a recipient field comes from. */
export type RecipientOrigin =
  /** Written in the flow: in the field itself, a Compose, a variable or a parameter's default. */
  | { kind: 'literal'; address: string; domain: string; span: Span; via: Step[] }
  /**
   * Set per environment (an environment variable, a parameter without a default, a configuration
   * table): unknown here. `name` says which, as messages show it ("environment variable 'X'").
   */
  | { kind: 'configuration'; name: string; span: Span; via: Step[] }
  /** Read at run time from data (the trigger, a row, a user's profile): the data's own address. */
  | { kind: 'data'; step: Step; via: Step[] };

/** How many values deep a recipient is followed back (Compose of a Compose of a variable ...). */
const MAX_TRACE_DEPTH = 200;

/** "Create a chat" of Microsoft Teams: the chat it returns has the `members` it was given. */
function createsChat(step: Step): boolean {
  return step.connector?.id === 'shared_teams' && (step.connector.operationId ?? '').toLowerCase() === 'createchat';
}

function withVia(origins: readonly RecipientOrigin[], step: Step): RecipientOrigin[] {
  return origins.map((o) => ({ ...o, via: [step, ...o.via] }));
}

/** Where `start`..`end` of a decoded value lies in the file, or the whole value when escapes make that unsure. */
function within(span: Span, decodedLength: number, start: number, end: number, quoted: boolean): Span {
  const inner = quoted ? { offset: span.offset + 1, length: span.length - 2 } : span;
  return inner.length === decodedLength ? { offset: inner.offset + start, length: end - start } : span;
}

/**
 * Follows the value of a recipient field back to what it is made of: text written in the flow,
 * through variables (only the writes that reach the reader), Compose, Parse JSON, Select, loops
 * and parameters, to literal addresses, configuration, or data. Each value is worked out once per
 * flow and mode, so asking for every field of every sink stays linear in the flow's size.
 */
class RecipientTracer {
  private readonly text: string;
  private readonly done = new Map<string, RecipientOrigin[]>();
  private readonly keys = new WeakMap<JsonNode, number>();
  private nextKey = 0;
  private depth = 0;

  constructor(private readonly flow: Flow) {
    this.text = flow.doc.source.text;
  }

  /** Every origin of the value at `node`, which `holder` evaluates. */
  origins(node: JsonNode, holder: Step, mode: RecipientHolds): RecipientOrigin[] {
    let id = this.keys.get(node);
    if (id === undefined) this.keys.set(node, (id = this.nextKey++));
    const key = `${mode}:${id}`;
    const known = this.done.get(key);
    if (known) return known;
    // Each hop back is a few calls deep: past MAX_TRACE_DEPTH hops (a chain no maker writes, and
    // a stack a hostile file could exhaust) the value is left unknown rather than guessed.
    if (this.depth >= MAX_TRACE_DEPTH) return [];
    // A value that (through a loop or a cycle of variables) feeds itself adds nothing new.
    this.done.set(key, []);
    const out: RecipientOrigin[] = [];
    this.depth++;
    try {
      this.collect(node, holder, mode, out);
    } finally {
      this.depth--;
    }
    this.done.set(key, out);
    return out;
  }

  private collect(node: JsonNode, holder: Step, mode: RecipientHolds, out: RecipientOrigin[]): void {
    if (node.type === 'object') for (const [, value] of entries(node)) this.collect(value, holder, mode, out);
    else if (node.type === 'array') for (const item of items(node)) this.collect(item, holder, mode, out);
    else if (node.type === 'string') this.fromString(node, holder, mode, out);
  }

  private fromString(node: JsonNode, holder: Step, mode: RecipientHolds, out: RecipientOrigin[]): void {
    // From the holder's own strings when the node is one of them: the index of every string of
    // the flow is made only for a node elsewhere (flow-expressions.ts).
    const found = heldBy(holder, node) ? collectExpressions(this.flow).byStep.get(holder)?.expressions.find((f) => f.node === node) : expressionsByNode(this.flow).get(node);
    const span = { offset: node.offset, length: node.length };
    if (!found) {
      // A chat id written in the flow names a chat whose members cannot be seen here.
      if (mode !== 'address') return;
      const value = node.value as string;
      const spans = jsonStringSpans(this.text, span, value);
      for (const a of addressesIn(value)) out.push({ kind: 'literal', address: a.address, domain: a.domain, span: spans(a.start, a.end), via: [] });
      return;
    }
    const parsed = found.parsed;
    if (parsed.kind === 'expression') {
      if (parsed.expression.ast) this.fromExpression(parsed.expression.ast, holder, mode, out);
      return;
    }
    parsed.parts.forEach((part, i) => {
      if (part.kind === 'interpolation') {
        if (part.expression.ast) this.fromExpression(part.expression.ast, holder, mode, out);
      } else if (mode === 'address') {
        const afterInterpolation = parsed.parts[i - 1]?.kind === 'interpolation';
        for (const a of addressesIn(part.value, afterInterpolation ? 'leading' : 'never')) out.push({ kind: 'literal', address: a.address, domain: a.domain, span: within(part.span, part.value.length, a.start, a.end, false), via: [] });
      }
    });
  }

  private fromExpression(ast: Expr, holder: Step, mode: RecipientHolds, out: RecipientOrigin[]): void {
    const parts = valueParts(ast);
    if (mode === 'address') {
      for (const literal of parts.literals) {
        for (const a of addressesIn(literal.value, 'leading')) {
          out.push({ kind: 'literal', address: a.address, domain: a.domain, span: within(literal.span, literal.value.length, a.start, a.end, true), via: [] });
        }
      }
    }
    for (const ref of parts.references) out.push(...this.fromReference(ref, holder, mode));
  }

  private fromReference(ref: Reference, holder: Step, mode: RecipientHolds): RecipientOrigin[] {
    switch (ref.kind) {
      case 'parameter':
        return this.fromParameter(ref.name, ref.span, holder, mode);
      case 'variable':
        return this.fromVariable(ref.name.toLowerCase(), holder, mode);
      case 'action': {
        const step = flowNames(this.flow).steps.get(ref.name.toLowerCase());
        return step ? this.fromStep(step, ref.path, ref.span, mode) : [];
      }
      case 'loop': {
        const loop = flowNames(this.flow).steps.get(ref.name.toLowerCase());
        return loop ? this.fromLoop(loop, mode) : [];
      }
      case 'item': {
        const loop = enclosingLoops(holder).find((l) => l.type.toLowerCase() === 'foreach');
        return loop ? this.fromLoop(loop, mode) : [];
      }
      case 'trigger': {
        const trigger = this.flow.triggers[0];
        return trigger && mode === 'address' ? [{ kind: 'data', step: trigger, via: [] }] : [];
      }
      default:
        return [];
    }
  }

  /**
   * An environment variable is set in each environment, so its value here is not the one used
   * there; a plain parameter's default is its value.
   */
  private fromParameter(name: string, span: Span, holder: Step, mode: RecipientHolds): RecipientOrigin[] {
    const parameter = this.flow.parameters.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (parameter && !parameter.schemaName && parameter.defaultValue) return this.origins(parameter.defaultValue, holder, mode);
    const label = parameter?.schemaName ? `environment variable '${name}'` : `parameter '${name}'`;
    return mode === 'address' ? [{ kind: 'configuration', name: label, span, via: [] }] : [];
  }

  private fromVariable(name: string, holder: Step, mode: RecipientHolds): RecipientOrigin[] {
    const out: RecipientOrigin[] = [];
    const reaching = reachingWrites(this.flow);
    for (const writer of dataFlow(this.flow).writersOf(name)) {
      if (!reaching.reaches(writer, name, holder)) continue;
      const value = variableValue(writer, name);
      if (value) out.push(...withVia(this.origins(value, writer, mode), writer));
    }
    return out;
  }

  private fromStep(step: Step, path: readonly (string | number)[], span: Span, mode: RecipientHolds): RecipientOrigin[] {
    if (createsChat(step)) {
      const members = entries(actionFields(step)).find(([key]) => fieldName(key.value as string) === 'members')?.[1];
      return members && mode === 'chat' ? withVia(this.origins(members, step, 'address'), step) : [];
    }
    if (step.type.toLowerCase() === 'compose') {
      // outputs('Compose')?['to'] is that member of what the Compose was given.
      let node = step.inputs;
      for (const segment of path) {
        const next = typeof segment === 'number' ? items(node)[segment] : prop(node, segment);
        if (!next) break;
        node = next;
      }
      return node ? withVia(this.origins(node, step, mode), step) : [];
    }
    if (step.type.toLowerCase() === 'foreach') return this.fromLoop(step, mode);
    if (isPassThrough(step)) return withVia(valueInputs(step).flatMap((node) => this.origins(node, step, mode)), step);
    if (mode !== 'address') return [];
    if (readsConfiguration(step)) return [{ kind: 'configuration', name: `the configuration value '${step.name}' reads`, span, via: [] }];
    return [{ kind: 'data', step, via: [] }];
  }

  private fromLoop(loop: Step, mode: RecipientHolds): RecipientOrigin[] {
    const over = prop(loop.node, 'foreach');
    return over ? withVia(this.origins(over, loop, mode), loop) : [];
  }
}

/**
 * The inputs of a pass-through action that its outputs are made of: Parse JSON's `content` (not
 * its schema), the `from` and `select` map of Select, Filter array's and Join's `from`, a
 * table's `from` and column values; for other actions every input.
 */
function valueInputs(step: Step): JsonNode[] {
  const inputs = step.inputs;
  if (!inputs) return [];
  const pick = (...keys: string[]) => keys.map((k) => prop(inputs, k)).filter((n): n is JsonNode => n !== undefined);
  switch (step.type.toLowerCase()) {
    case 'parsejson':
      return pick('content');
    case 'select':
      return pick('from', 'select');
    case 'query':
    case 'join':
      return pick('from');
    case 'table':
      return [...pick('from'), ...items(prop(inputs, 'columns')).map((c) => prop(c, 'value')).filter((n): n is JsonNode => n !== undefined)];
    default:
      return [inputs];
  }
}

/** The value a variable writer gives `name`: Initialize's declaration value, Set's or Append's `value`. */
function variableValue(writer: Step, name: string): JsonNode | undefined {
  if (writer.type.toLowerCase() !== 'initializevariable') return prop(writer.inputs, 'value');
  const declaration = items(prop(writer.inputs, 'variables')).find((v) => str(prop(v, 'name'))?.toLowerCase() === name);
  return declaration && variablesWritten(writer).includes(name) ? prop(declaration, 'value') : undefined;
}

const tracer: (flow: Flow) => RecipientTracer = perFlow((flow) => new RecipientTracer(flow));

/** What the value of a recipient field is made of, each part with the steps it passed through. */
export function recipientOrigins(flow: Flow, holder: Step, node: JsonNode, holds: RecipientHolds): RecipientOrigin[] {
  return tracer(flow).origins(node, holder, holds);
}

/** Whether `node` is in the step's own JSON, not in a step nested in it (whose expressions are its own). */
function heldBy(step: Step, node: JsonNode): boolean {
  for (let at: JsonNode | undefined = node; at; at = at.parent) {
    if (at === step.node) return true;
    for (let c = 0; c < step.children.length; c++) if ((step.children[c] as Step).node === at) return false;
  }
  return false;
}
