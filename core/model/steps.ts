import { entries, prop, str, type JsonNode } from '../artifacts/json';
import type { RunAfter, Step, StepKind } from './types';

/**
 * Where each container type keeps its nested actions. If has an `else` branch, Switch has
 * `cases.<name>.actions` and `default.actions`; Scope, Foreach and Until have `actions`.
 */
function branchesOf(node: JsonNode, type: string): [branch: string, actions: JsonNode][] {
  const out: [string, JsonNode][] = [];
  const own = prop(node, 'actions');
  if (own) out.push(['actions', own]);
  const kind = type.toLowerCase();
  if (kind === 'if') {
    const elseActions = prop(prop(node, 'else'), 'actions');
    if (elseActions) out.push(['else', elseActions]);
  }
  if (kind === 'switch') {
    for (const [caseKey, caseNode] of entries(prop(node, 'cases'))) {
      const caseActions = prop(caseNode, 'actions');
      if (caseActions) out.push([`case:${String(caseKey.value)}`, caseActions]);
    }
    const defaultActions = prop(prop(node, 'default'), 'actions');
    if (defaultActions) out.push(['default', defaultActions]);
  }
  return out;
}

function readRunAfter(node: JsonNode): RunAfter[] {
  // Loops over the nodes themselves: entries() and map() and filter() made seven arrays a step,
  // and this runs for every step each time a flow is built (each edit of an open flow).
  const runAfter = prop(node, 'runAfter');
  const properties = runAfter?.type === 'object' ? runAfter.children : undefined;
  if (!properties || properties.length === 0) return [];
  const out: RunAfter[] = [];
  for (let i = 0; i < properties.length; i++) {
    const pair = (properties[i] as JsonNode).children;
    const key = pair?.[0];
    const value = pair?.[1];
    if (!key || !value) continue;
    const statuses: string[] = [];
    const list = value.type === 'array' ? (value.children ?? []) : [];
    for (let s = 0; s < list.length; s++) {
      const status = str(list[s]);
      if (status) statuses.push(status);
    }
    out.push({ action: String(key.value), statuses, node: key });
  }
  return out;
}

function readStep(kind: StepKind, nameNode: JsonNode, node: JsonNode, all: Step[], parent?: Step, branch?: string): Step {
  const type = str(prop(node, 'type')) ?? '';
  const step: Step = {
    kind,
    name: String(nameNode.value),
    type,
    subKind: str(prop(node, 'kind')),
    node,
    nameNode,
    inputs: prop(node, 'inputs'),
    parent,
    branch,
    children: [],
    runAfter: kind === 'action' ? readRunAfter(node) : [],
  };
  all.push(step);
  if (kind === 'action') {
    // By index: for...of allocates an iterator result per item in code the JIT has not optimised
    // yet, and this runs for every step of every flow, each time a flow is built.
    const branches = branchesOf(node, type);
    for (let b = 0; b < branches.length; b++) {
      const branch = branches[b] as [string, JsonNode];
      const children = entries(branch[1]);
      for (let c = 0; c < children.length; c++) {
        const child = children[c] as [JsonNode, JsonNode];
        if (child[1].type === 'object') step.children.push(readStep('action', child[0], child[1], all, step, branch[0]));
      }
    }
  }
  return step;
}

export interface StepTree {
  triggers: Step[];
  actions: Step[];
  /** Every step in document order (a trigger or action before the ones nested in it). */
  steps: Step[];
}

export function readSteps(definition: JsonNode): StepTree {
  const steps: Step[] = [];
  const triggers: Step[] = [];
  const actions: Step[] = [];
  for (const [name, node] of entries(prop(definition, 'triggers'))) {
    if (node.type === 'object') triggers.push(readStep('trigger', name, node, steps));
  }
  for (const [name, node] of entries(prop(definition, 'actions'))) {
    if (node.type === 'object') actions.push(readStep('action', name, node, steps));
  }
  steps.sort((a, b) => a.node.offset - b.node.offset);
  return { triggers, actions, steps };
}
