import { entries, prop, str, type JsonNode } from '../artifacts/json';
import { editRevision, keptAcrossEdits, unchangedSince } from '../artifacts/json-reparse';
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

/**
 * What a build of a tree kept across edits (core/artifacts/json-reparse.ts) does with its steps:
 * notes each Step by its node, and, when the tree was taken over from the version before, takes
 * over that version's Step of each step no edit went through since.
 */
interface KeptSteps {
  revision: number;
  takeOver: boolean;
}

// The Steps of kept trees, by their node, with the edit revision they were read at. A Step is read
// from its own JSON alone, and what an unchanged step's JSON gives is what it gave: its nodes are
// the same (moved in place by the reparse), and so are its nested steps. Only its parent can be
// another (a parent some edit went through is read again), and is set anew. Its connector
// depends on the flow's connection references too: buildFlow decides whether it is kept. The
// generated 1 MB flow's 1,601 actions were all read again at each edit.
const keptSteps = new WeakMap<JsonNode, { step: Step; revision: number }>();

/** The Step of the version before for `node`, when no edit went through it since and it sits where it sat. */
function takenOver(kept: KeptSteps, kind: StepKind, nameNode: JsonNode, node: JsonNode, parent: Step | undefined, branch: string | undefined): Step | undefined {
  if (!kept.takeOver) return undefined;
  const known = keptSteps.get(node);
  if (!known || !unchangedSince(node, known.revision)) return undefined;
  const step = known.step;
  if (step.kind !== kind || step.nameNode !== nameNode || step.branch !== branch || step.parent?.node !== parent?.node) return undefined;
  return step;
}

/** A Step taken over, and every step nested in it, in the order readStep lists them. */
function listAll(step: Step, all: Step[]): void {
  all.push(step);
  for (let c = 0; c < step.children.length; c++) listAll(step.children[c] as Step, all);
}

function readStep(kind: StepKind, nameNode: JsonNode, node: JsonNode, all: Step[], kept: KeptSteps | undefined, parent?: Step, branch?: string): Step {
  const again = kept ? takenOver(kept, kind, nameNode, node, parent, branch) : undefined;
  if (again) {
    again.parent = parent;
    listAll(again, all);
    keptSteps.set(node, { step: again, revision: (kept as KeptSteps).revision });
    return again;
  }
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
        if (child[1].type === 'object') step.children.push(readStep('action', child[0], child[1], all, kept, step, branch[0]));
      }
    }
  }
  if (kept) keptSteps.set(node, { step, revision: kept.revision });
  return step;
}

export interface StepTree {
  triggers: Step[];
  actions: Step[];
  /** Every step in document order (a trigger or action before the ones nested in it). */
  steps: Step[];
}

/**
 * The steps of a definition. `takeOver`: its tree was taken over from the version before
 * (json-reparse.ts takeOverTree), whose Steps of unchanged steps are then taken over too.
 */
export function readSteps(definition: JsonNode, takeOver = false): StepTree {
  const steps: Step[] = [];
  const triggers: Step[] = [];
  const actions: Step[] = [];
  const kept: KeptSteps | undefined = keptAcrossEdits(definition) ? { revision: editRevision(), takeOver } : undefined;
  for (const [name, node] of entries(prop(definition, 'triggers'))) {
    if (node.type === 'object') triggers.push(readStep('trigger', name, node, steps, kept));
  }
  for (const [name, node] of entries(prop(definition, 'actions'))) {
    if (node.type === 'object') actions.push(readStep('action', name, node, steps, kept));
  }
  steps.sort((a, b) => a.node.offset - b.node.offset);
  return { triggers, actions, steps };
}
