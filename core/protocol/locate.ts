import { keyOf, type JsonNode } from '../artifacts/json';
import { enclosingLoops, flowNames } from '../analysis/names';
import { collectExpressions, type FlowReference } from '../expressions';
import type { Flow, RunAfter, Step } from '../model/types';
import type { Span } from '../text/range';

/** What sits at an offset of a flow's text, for hover and go to definition. */
export type Located =
  /** A step's name key. */
  | { kind: 'step'; step: Step; span: Span }
  /** Where a step names its connector: host (apiId, connectionName, operationId) or a built-in's type. */
  | { kind: 'connector'; step: Step; span: Span }
  /** A call naming something in an expression: body('X'), variables('v'), items('Loop'), ... */
  | { kind: 'reference'; reference: FlowReference; step?: Step; span: Span }
  /** A key of a step's runAfter. */
  | { kind: 'run-after'; step: Step; runAfter: RunAfter; span: Span };

function contains(span: Span, offset: number): boolean {
  return offset >= span.offset && offset <= span.offset + span.length;
}

function nodeSpan(node: JsonNode): Span {
  return { offset: node.offset, length: node.length };
}

/** The innermost call around the offset that names something, and the step whose value holds it. */
function referenceAt(flow: Flow, offset: number): Located | undefined {
  const expressions = collectExpressions(flow);
  let best: Located | undefined;
  const consider = (references: readonly FlowReference[], step?: Step): void => {
    for (const reference of references) {
      if (!contains(nodeSpan(reference.node), offset) || !contains(reference.callSpan, offset)) continue;
      if (!best || reference.callSpan.length < best.span.length) best = { kind: 'reference', reference, step, span: reference.callSpan };
    }
  };
  for (const set of expressions.steps) if (contains(nodeSpan(set.step.node), offset)) consider(set.references, set.step);
  consider(expressions.outputs.references);
  return best;
}

function stepPartAt(flow: Flow, offset: number): Located | undefined {
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const step = flow.steps[stepAt] as Step;
    if (contains(nodeSpan(step.nameNode), offset)) return { kind: 'step', step, span: nodeSpan(step.nameNode) };
    if (!contains(nodeSpan(step.node), offset)) continue;
    const runAfter = step.runAfter.find((r) => contains(nodeSpan(r.node), offset));
    if (runAfter) return { kind: 'run-after', step, runAfter, span: nodeSpan(runAfter.node) };
    const connector = step.connector;
    if (!connector) continue;
    // The nodes naming the connector lie in the step's own value; a nested step's never do. Their
    // keys count too: "type": "Http" names the connector as a whole.
    for (const node of [connector.at, connector.operationAt]) {
      const whole = node?.parent?.type === 'property' ? node.parent : node;
      if (whole && contains(nodeSpan(whole), offset)) return { kind: 'connector', step, span: nodeSpan(whole) };
    }
  }
  return undefined;
}

/** What the text at `offset` names, if anything FlowGuard knows about. */
export function locate(flow: Flow, offset: number): Located | undefined {
  return referenceAt(flow, offset) ?? stepPartAt(flow, offset);
}

/** What a reference names: a step, a variable declaration, or a parameter; undefined when nothing matches. */
export type Target =
  | { kind: 'step'; step: Step; node: JsonNode }
  | { kind: 'variable'; step: Step; node: JsonNode }
  | { kind: 'parameter'; name: string; node: JsonNode };

function stepTarget(flow: Flow, name: string): Target | undefined {
  const step = flowNames(flow).steps.get(name.toLowerCase());
  return step ? { kind: 'step', step, node: step.nameNode } : undefined;
}

export function referenceTarget(flow: Flow, reference: FlowReference, within?: Step): Target | undefined {
  switch (reference.kind) {
    case 'action':
    case 'loop':
      return stepTarget(flow, reference.name);
    case 'trigger': {
      const trigger = flow.triggers[0];
      return trigger ? { kind: 'step', step: trigger, node: trigger.nameNode } : undefined;
    }
    case 'item': {
      // item() reads the innermost loop around the step; a loop's own foreach is outside it.
      const loop = within ? enclosingLoops(within)[0] : undefined;
      return loop ? { kind: 'step', step: loop, node: loop.nameNode } : undefined;
    }
    case 'variable': {
      const variable = flowNames(flow).variables.get(reference.name.toLowerCase());
      return variable ? { kind: 'variable', step: variable.step, node: variable.node } : undefined;
    }
    case 'parameter': {
      const parameter = flow.parameters.find((p) => p.name.toLowerCase() === reference.name.toLowerCase());
      const key = parameter ? keyOf(parameter.node) : undefined;
      return parameter && key ? { kind: 'parameter', name: parameter.name, node: key } : undefined;
    }
    case 'dynamic':
      return undefined;
  }
}

/** Where go to definition leads from what is at an offset. */
export function definitionAt(flow: Flow, offset: number): JsonNode | undefined {
  const located = locate(flow, offset);
  if (located?.kind === 'reference') return referenceTarget(flow, located.reference, located.step)?.node;
  if (located?.kind === 'run-after') return stepTarget(flow, located.runAfter.action)?.node;
  return undefined;
}
