import { prop, type JsonNode } from '../artifacts/json';
import { editRevision, keptAcrossEdits, unchangedSince } from '../artifacts/json-reparse';
import { perFlow } from '../model/per-flow';
import type { Flow, Step } from '../model/types';
import type { ExpressionError } from './ast';
import { referencesIn, type Reference } from './references';
import { parseStringValue, type StringExpressions } from './string-value';

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
  /** Every string value holding an expression, so a rule holding a node need not parse it again. */
  byNode: ReadonlyMap<JsonNode, FoundExpression>;
}

/**
 * Keys of a step that the runtime does not evaluate: run-after statuses, designer metadata and
 * the maker's note. A '@' in a note is text, and must not be reported as a broken expression.
 */
const NOT_EVALUATED = new Set(['runAfter', 'metadata', 'description']);

/** Parses every expression of a flow once; later calls with the same Flow return the same result. */
export const collectExpressions: (flow: Flow) => FlowExpressions = perFlow(collect);

// The expressions of a step whose JSON no edit went through, and which did not move, are what they
// were, spans and all: the language server keeps a large flow's tree from edit to edit
// (core/artifacts/json-reparse.ts), and the steps before an edit are found again here rather than
// walked and looked up again. Nothing reads these to change them (as the parses string-value.ts
// keeps); each version gets its own StepExpressions for its own Step.
const kept = new WeakMap<JsonNode, { revision: number; offset: number; set: ExpressionSet }>();

function keptSet(step: Step, byNode: Map<JsonNode, FoundExpression>): StepExpressions | undefined {
  const known = kept.get(step.node);
  if (!known || known.offset !== step.node.offset || !unchangedSince(step.node, known.revision)) return undefined;
  const { expressions, references, errors } = known.set;
  for (let i = 0; i < expressions.length; i++) {
    const found = expressions[i] as FoundExpression;
    byNode.set(found.node, found);
  }
  return { step, expressions, references, errors };
}

function collect(flow: Flow): FlowExpressions {
  const text = flow.doc.source.text;
  const byNode = new Map<JsonNode, FoundExpression>();
  const steps: StepExpressions[] = [];
  const byStep = new Map<Step, StepExpressions>();
  const keep = keptAcrossEdits(flow.doc.root);
  for (let s = 0; s < flow.steps.length; s++) {
    const step = flow.steps[s] as Step;
    const again = keep ? keptSet(step, byNode) : undefined;
    if (again) {
      steps.push(again);
      byStep.set(step, again);
      continue;
    }
    const set: StepExpressions = { step, ...emptySet() };
    // A nested step is walked as a step of its own, so its container is skipped here: each
    // string is visited exactly once however deep the scopes go.
    const skip = new Set<JsonNode>();
    for (let c = 0; c < step.children.length; c++) {
      const child = step.children[c] as Step;
      const container = child.node.parent?.parent;
      skip.add(container ?? child.node);
    }
    walkStep(step.node, skip, text, set, byNode);
    if (keep) kept.set(step.node, { revision: editRevision(), offset: step.node.offset, set: { expressions: set.expressions, references: set.references, errors: set.errors } });
    steps.push(set);
    byStep.set(step, set);
  }
  const outputs = emptySet();
  const outputsNode = prop(flow.definition, 'outputs');
  if (outputsNode) walk(outputsNode, new Set(), text, outputs, byNode);
  return { steps, byStep, outputs, byNode };
}

function emptySet(): ExpressionSet {
  return { expressions: [], references: [], errors: [] };
}

// Loops by index: for...of allocates an iterator per loop in code the JIT has not optimised yet,
// and these run once for every node of every flow.
function walkStep(stepNode: JsonNode, skip: ReadonlySet<JsonNode>, text: string, set: ExpressionSet, byNode: Map<JsonNode, FoundExpression>): void {
  const properties = stepNode.children ?? [];
  for (let i = 0; i < properties.length; i++) {
    const property = properties[i] as JsonNode;
    const key = property.children?.[0];
    const value = property.children?.[1];
    if (!key || !value || NOT_EVALUATED.has(key.value as string)) continue;
    walk(value, skip, text, set, byNode);
  }
}

function walk(node: JsonNode, skip: ReadonlySet<JsonNode>, text: string, set: ExpressionSet, byNode: Map<JsonNode, FoundExpression>): void {
  switch (node.type) {
    case 'string':
      // Most values hold no '@', so no expression: the test is made here, before any call.
      if ((node.value as string).indexOf('@') >= 0) visitString(node, text, set, byNode);
      return;
    case 'object': {
      // What is skipped is always an object: a nested step or the container of nested steps.
      if (skip.has(node)) return;
      // Keys name things (headers, fields); only values are evaluated.
      const properties = node.children ?? [];
      for (let i = 0; i < properties.length; i++) {
        const value = (properties[i] as JsonNode).children?.[1];
        if (value) walk(value, skip, text, set, byNode);
      }
      return;
    }
    case 'array': {
      const items = node.children ?? [];
      for (let i = 0; i < items.length; i++) walk(items[i] as JsonNode, skip, text, set, byNode);
      return;
    }
    default:
      return;
  }
}

function visitString(node: JsonNode, text: string, set: ExpressionSet, byNode: Map<JsonNode, FoundExpression>): void {
  const parsed = parseStringValue(node, text);
  if (parsed.kind === 'literal') return;
  const found: FoundExpression = { node, parsed };
  set.expressions.push(found);
  byNode.set(node, found);
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
