import { prop, type JsonNode } from '../artifacts/json';
import { editRevision, keptAcrossEdits, unchangedSince } from '../artifacts/json-reparse';
import { perFlow } from '../model/per-flow';
import type { Flow, Step } from '../model/types';
import { forEachNode, type Expr, type ExpressionError } from './ast';
import { referencesIn, type Reference } from './references';
import { parseStringValue, type EmbeddedExpression, type StringExpressions } from './string-value';
import type { Span } from '../text/range';

/** A string value that holds at least one expression (plain text values are not listed). */
export interface FoundExpression {
  node: JsonNode;
  parsed: Exclude<StringExpressions, { kind: 'literal' }>;
}

/** A reference and the string value it was written in. */
export type FlowReference = Reference & { node: JsonNode };

export interface ExpressionSet {
  expressions: FoundExpression[];
  /** In document order. */
  references: FlowReference[];
  errors: ExpressionError[];
}

export interface StepExpressions extends ExpressionSet {
  step: Step;
}

export interface FlowExpressions {
  /** One entry per step, in the order of flow.steps. */
  steps: StepExpressions[];
  byStep: ReadonlyMap<Step, StepExpressions>;
  /** The definition's `outputs`. */
  outputs: ExpressionSet;
}

/**
 * Keys of a step that the runtime does not evaluate: run-after statuses, designer metadata and
 * the maker's note. A '@' in a note is text, and must not be reported as a broken expression.
 */
const NOT_EVALUATED = new Set(['runAfter', 'metadata', 'description']);

/** Parses every expression of a flow once; later calls with the same Flow return the same result. */
export const collectExpressions: (flow: Flow) => FlowExpressions = perFlow(collect);

// The expressions of a step whose JSON no edit went through are what they were: the language
// server keeps a large flow's tree from edit to edit (core/artifacts/json-reparse.ts), and such a
// step is found again here rather than walked and its strings looked up again. A step after the
// edit has moved with the text that follows it, and every offset in it by the same amount: its
// spans are moved in place, as the reparse moves the tree's nodes. So a kept set is made of
// parses of its own (parseStringValue's `own`), shared with no other step nor with the parses
// string-value.ts keeps, and keeps a list of its spans, each once (a reference holds spans of its
// call's tree, an empty expression's error its outer span). Only the newest version of a tree is
// ever read (the language server drops a superseded version's lint, DocumentFlows.isSuperseded);
// each version gets its own StepExpressions for its own Step.
interface KeptSet {
  revision: number;
  /** The step's offset its spans are for. */
  offset: number;
  set: ExpressionSet;
  spans: Span[];
}

const kept = new WeakMap<JsonNode, KeptSet>();

function keptSet(step: Step): StepExpressions | undefined {
  const known = kept.get(step.node);
  if (!known || !unchangedSince(step.node, known.revision)) return undefined;
  const by = step.node.offset - known.offset;
  if (by !== 0) {
    const spans = known.spans;
    for (let i = 0; i < spans.length; i++) (spans[i] as Span).offset += by;
    known.offset = step.node.offset;
  }
  const { expressions, references, errors } = known.set;
  return { step, expressions, references, errors };
}

/** Every span object of a set, each once. */
function spansOf(set: ExpressionSet): Span[] {
  const spans = new Set<Span>();
  const expr = (e: Expr): void => forEachNode(e, (n) => {
    spans.add(n.span);
    if (n.type === 'call' || n.type === 'member') spans.add(n.nameSpan);
  });
  const embedded = (e: EmbeddedExpression): void => {
    spans.add(e.span);
    spans.add(e.outerSpan);
    if (e.error) spans.add(e.error.span);
    if (e.ast) expr(e.ast);
  };
  for (const { parsed } of set.expressions) {
    if (parsed.kind === 'expression') embedded(parsed.expression);
    else for (const part of parsed.parts) if (part.kind === 'text') spans.add(part.span); else embedded(part.expression);
  }
  for (const ref of set.references) {
    spans.add(ref.span);
    spans.add(ref.callSpan);
    if ('accessSpan' in ref) spans.add(ref.accessSpan);
  }
  for (const error of set.errors) spans.add(error.span);
  return [...spans];
}

/** What a step without nested steps skips: one set for all of them, never added to. */
const NOTHING_SKIPPED: ReadonlySet<JsonNode> = new Set();

function collect(flow: Flow): FlowExpressions {
  const text = flow.doc.source.text;
  const steps: StepExpressions[] = [];
  const keep = keptAcrossEdits(flow.doc.root);
  for (let s = 0; s < flow.steps.length; s++) {
    const step = flow.steps[s] as Step;
    const again = keep ? keptSet(step) : undefined;
    if (again) {
      steps.push(again);
      continue;
    }
    const set: StepExpressions = { step, ...emptySet() };
    // A nested step is walked as a step of its own, so its container is skipped here: each
    // string is visited exactly once however deep the scopes go.
    const skip = step.children.length === 0 ? NOTHING_SKIPPED : new Set<JsonNode>();
    for (let c = 0; c < step.children.length; c++) {
      const child = step.children[c] as Step;
      const container = child.node.parent?.parent;
      (skip as Set<JsonNode>).add(container ?? child.node);
    }
    walkStep(step.node, skip, text, set, keep);
    if (keep) {
      const own: ExpressionSet = { expressions: set.expressions, references: set.references, errors: set.errors };
      kept.set(step.node, { revision: editRevision(), offset: step.node.offset, set: own, spans: spansOf(own) });
    }
    steps.push(set);
  }
  const outputs = emptySet();
  const outputsNode = prop(flow.definition, 'outputs');
  if (outputsNode) walk(outputsNode, NOTHING_SKIPPED, text, outputs, false);
  return indexed(steps, outputs);
}

function indexed(steps: StepExpressions[], outputs: ExpressionSet): FlowExpressions {
  const byStep = new Map<Step, StepExpressions>();
  for (let s = 0; s < steps.length; s++) byStep.set((steps[s] as StepExpressions).step, steps[s] as StepExpressions);
  return { steps, byStep, outputs };
}

/**
 * Every string value of a flow that holds an expression, by its node: made when first asked for,
 * once per flow. One rule asks (a recipient written in another step than the one that sends), and
 * a map of every such string was thousands of entries for each flow of a run, and for each edit
 * of an open flow.
 */
export const expressionsByNode: (flow: Flow) => ReadonlyMap<JsonNode, FoundExpression> = perFlow((flow) => {
  const { steps, outputs } = collectExpressions(flow);
  const byNode = new Map<JsonNode, FoundExpression>();
  for (const set of [...steps, outputs]) {
    for (let i = 0; i < set.expressions.length; i++) byNode.set((set.expressions[i] as FoundExpression).node, set.expressions[i] as FoundExpression);
  }
  return byNode;
});

function emptySet(): ExpressionSet {
  return { expressions: [], references: [], errors: [] };
}

// Loops by index: for...of allocates an iterator per loop in code the JIT has not optimised yet,
// and these run once for every node of every flow.
// `own`: the parses are the set's own (parseStringValue), for a set kept across edits.
function walkStep(stepNode: JsonNode, skip: ReadonlySet<JsonNode>, text: string, set: ExpressionSet, own: boolean): void {
  const properties = stepNode.children ?? [];
  for (let i = 0; i < properties.length; i++) {
    const property = properties[i] as JsonNode;
    const key = property.children?.[0];
    const value = property.children?.[1];
    if (!key || !value || NOT_EVALUATED.has(key.value as string)) continue;
    walk(value, skip, text, set, own);
  }
}

function walk(node: JsonNode, skip: ReadonlySet<JsonNode>, text: string, set: ExpressionSet, own: boolean): void {
  switch (node.type) {
    case 'string':
      // Most values hold no '@', so no expression: the test is made here, before any call.
      if ((node.value as string).indexOf('@') >= 0) visitString(node, text, set, own);
      return;
    case 'object': {
      // What is skipped is always an object: a nested step or the container of nested steps.
      if (skip.has(node)) return;
      // Keys name things (headers, fields); only values are evaluated.
      const properties = node.children ?? [];
      for (let i = 0; i < properties.length; i++) {
        const value = (properties[i] as JsonNode).children?.[1];
        if (value) walk(value, skip, text, set, own);
      }
      return;
    }
    case 'array': {
      const items = node.children ?? [];
      for (let i = 0; i < items.length; i++) walk(items[i] as JsonNode, skip, text, set, own);
      return;
    }
    default:
      return;
  }
}

function visitString(node: JsonNode, text: string, set: ExpressionSet, own: boolean): void {
  const parsed = parseStringValue(node, text, own);
  if (parsed.kind === 'literal') return;
  const found: FoundExpression = { node, parsed };
  set.expressions.push(found);
  const embedded = parsed.kind === 'expression' ? [parsed.expression] : parsed.expressions;
  for (let i = 0; i < embedded.length; i++) {
    const expression = embedded[i] as (typeof embedded)[number];
    if (expression.error) set.errors.push(expression.error);
    // The references are made with their node (referencesIn) rather than each copied with it
    // ({ ...reference, node }): a spread of references of seven shapes is a slow, generic copy, and
    // this runs for every expression of every flow.
    if (expression.ast) referencesIn(expression.ast, node, set.references);
  }
}
