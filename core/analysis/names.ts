import { items, prop, str, type JsonNode } from '../artifacts/json';
import { MAX_SUGGESTION_CANDIDATES, MAX_SUGGESTION_NAME_LENGTH } from '../limits';
import { flowKeyed, perFlow } from '../model/per-flow';
import type { Flow, Step } from '../model/types';

/** What a flow declares by name: its steps, its variables and its parameters. */
export interface FlowNames {
  /** Keyed by lower-case name: the runtime matches action names without regard to case. */
  steps: ReadonlyMap<string, Step>;
  /** Lower-case variable name to the Initialize variable step and the name node. */
  variables: ReadonlyMap<string, { step: Step; node: JsonNode }>;
  parameters: ReadonlySet<string>;
}

export const flowNames: (flow: Flow) => FlowNames = perFlow(collect);

function collect(flow: Flow): FlowNames {
  const steps = new Map<string, Step>();
  const variables = new Map<string, { step: Step; node: JsonNode }>();
  // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
  for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
    const step = flow.steps[stepAt] as Step;
    steps.set(step.name.toLowerCase(), step);
    if (step.type.toLowerCase() !== 'initializevariable') continue;
    for (const declaration of items(prop(step.inputs, 'variables'))) {
      const nameNode = prop(declaration, 'name');
      const name = str(nameNode);
      if (name && nameNode) variables.set(name.toLowerCase(), { step, node: nameNode });
    }
  }
  return { steps, variables, parameters: new Set(flow.parameters.map((p) => p.name.toLowerCase())) };
}

/** The loops (Foreach, Until) around a step, innermost first. */
export function enclosingLoops(step: Step): Step[] {
  const loops: Step[] = [];
  for (let parent = step.parent; parent; parent = parent.parent) {
    const type = parent.type.toLowerCase();
    if (type === 'foreach' || type === 'until') loops.push(parent);
  }
  return loops;
}

const containers = flowKeyed<Flow, Map<Step | Flow, Map<string, Step[]>>>();

/** Steps in the same container as `step` (same parent and branch), `step` included; grouped once per flow. */
export function siblings(flow: Flow, step: Step): Step[] {
  let byParent = containers.get(flow);
  if (!byParent) {
    byParent = new Map();
    // By index: for...of makes an iterator result per step in code the JIT has not optimised yet.
    for (let stepAt = 0; stepAt < flow.steps.length; stepAt++) {
      const s = flow.steps[stepAt] as Step;
      const parent: Step | Flow = s.parent ?? flow;
      const key = `${s.kind}:${s.branch ?? ''}`;
      let byBranch = byParent.get(parent);
      if (!byBranch) byParent.set(parent, (byBranch = new Map()));
      const list = byBranch.get(key);
      if (list) list.push(s);
      else byBranch.set(key, [s]);
    }
    containers.set(flow, byParent);
  }
  return byParent.get(step.parent ?? flow)?.get(`${step.kind}:${step.branch ?? ''}`) ?? [];
}

/** Levenshtein distance, for "did you mean" hints on short names. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}

/** The closest of `candidates` to `name`, when close enough to be a likely typo or rename. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  // The edit distance costs the product of the lengths, and is run for every dangling name against
  // every step: bounded here so that many long near-miss names cannot make a lint quadratic.
  if (name.length > MAX_SUGGESTION_NAME_LENGTH) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  let compared = 0;
  for (const candidate of candidates) {
    if (++compared > MAX_SUGGESTION_CANDIDATES) break;
    // The distance is at least the difference in length: most candidates need no table at all.
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
