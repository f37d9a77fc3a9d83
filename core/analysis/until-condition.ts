import { prop, type JsonNode } from '../artifacts/json';
import { collectExpressions, forEachNode, type EmbeddedExpression, type FlowReference } from '../expressions';
import type { Flow, Step } from '../model/types';
import { dataFlow } from './dataflow';
import { flowNames } from './names';
import { overlapTest } from './overlap';

/**
 * Functions whose result changes while a loop runs though nothing in it does: the clock and
 * random values (https://learn.microsoft.com/azure/logic-apps/workflow-definition-language-functions-reference).
 * A condition such as `@greater(utcNow(), variables('deadline'))` ends on its own.
 */
const MOVING = new Set(['utcnow', 'getfuturetime', 'getpasttime', 'rand', 'guid']);

/** A value an exit condition reads, with the step that gives it when there is one. */
export interface ConditionRead {
  /** As a maker writes it: "variables('done')", "body('Get_item')". */
  label: string;
  /** The action read, or the Initialize variable step of the variable read. */
  source?: Step;
}

export type ConditionVerdict =
  /** The condition reads something the loop changes, a step running beside it, or the clock. */
  | { kind: 'changes' }
  /** Nothing to judge: no condition, a malformed one, a name computed at run time, or plain `true`. */
  | { kind: 'unknown' }
  /** Every value the condition reads stays the same from one iteration to the next. */
  | { kind: 'fixed'; node: JsonNode; reads: ConditionRead[] };

function within(node: JsonNode, outer: JsonNode): boolean {
  return node.offset >= outer.offset && node.offset + node.length <= outer.offset + outer.length;
}

function inside(step: Step, loop: Step): boolean {
  for (let parent = step.parent; parent; parent = parent.parent) if (parent === loop) return true;
  return false;
}

function isLiteralTrue(node: JsonNode, embedded: EmbeddedExpression[]): boolean {
  if (node.type === 'boolean') return node.value === true;
  if (node.type === 'string' && embedded.length === 0) return String(node.value).trim().toLowerCase() === 'true';
  const only = embedded.length === 1 ? embedded[0]?.ast : undefined;
  return node.type === 'string' && only?.type === 'boolean' && only.value;
}

function label(ref: FlowReference): string {
  switch (ref.kind) {
    case 'action':
    case 'loop':
      return `${ref.fn}('${ref.name}')`;
    case 'variable':
      return `variables('${ref.name}')`;
    case 'parameter':
      return `parameters('${ref.name}')`;
    case 'trigger':
      return `${ref.fn}()`;
    case 'item':
      return 'item()';
    default:
      return `${ref.fn}(...)`;
  }
}

/**
 * Whether the value `ref` reads can differ between two checks of `loop`'s condition: it is
 * produced inside the loop (an action's outputs, the loop's own iteration index), or it is a
 * variable that a step inside the loop, or a step that may run while the loop does, writes.
 * The trigger, parameters, the items of an enclosing Apply to each and actions that ran before
 * the loop hold one value while it runs.
 */
function changesDuring(flow: Flow, loop: Step, ref: FlowReference, overlaps: (step: Step) => boolean): boolean {
  const steps = flowNames(flow).steps;
  switch (ref.kind) {
    case 'action':
    case 'loop': {
      const step = steps.get(ref.name.toLowerCase());
      // An unknown name (here and for variables) is reliability/dangling-reference's to report.
      return !step || step === loop || inside(step, loop);
    }
    case 'variable':
      if (!flowNames(flow).variables.has(ref.name.toLowerCase())) return true;
      return dataFlow(flow).writersOf(ref.name.toLowerCase()).some((writer) => inside(writer, loop) || overlaps(writer));
    case 'trigger':
    case 'parameter':
    case 'item':
      return false;
    default:
      return true;
  }
}

/** Judges an Until's exit condition (`"expression"`): can anything it reads change while the loop runs? */
export function judgeCondition(flow: Flow, loop: Step): ConditionVerdict {
  const node = prop(loop.node, 'expression');
  const set = collectExpressions(flow).byStep.get(loop);
  if (!node || !set) return { kind: 'unknown' };
  const embedded = set.expressions
    .filter((e) => within(e.node, node))
    .flatMap((e) => (e.parsed.kind === 'expression' ? [e.parsed.expression] : e.parsed.expressions));
  if (embedded.some((e) => !e.ast) || isLiteralTrue(node, embedded)) return { kind: 'unknown' };
  let moving = false;
  for (const e of embedded) if (e.ast) forEachNode(e.ast, (n) => (moving ||= n.type === 'call' && MOVING.has(n.name.toLowerCase())));
  if (moving) return { kind: 'changes' };
  const refs = set.references.filter((r) => within(r.node, node));
  const overlaps = overlapTest(flow, loop);
  if (refs.some((r) => changesDuring(flow, loop, r, overlaps))) return { kind: 'changes' };
  const names = flowNames(flow);
  const reads = new Map<string, ConditionRead>();
  for (const ref of refs) {
    const text = label(ref);
    if (reads.has(text.toLowerCase())) continue;
    const source =
      ref.kind === 'action' ? names.steps.get(ref.name.toLowerCase()) : ref.kind === 'variable' ? names.variables.get(ref.name.toLowerCase())?.step : undefined;
    reads.set(text.toLowerCase(), source ? { label: text, source } : { label: text });
  }
  return { kind: 'fixed', node, reads: [...reads.values()] };
}
