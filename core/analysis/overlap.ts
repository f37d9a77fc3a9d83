import { at } from '../artifacts/json';
import { MAX_ORDER_WALK_PER_STEP } from '../limits';
import { perFlow } from '../model/per-flow';
import type { Flow, Step } from '../model/types';
import { siblings } from './names';

/** What is left of a flow's budget of run-after walking (see core/limits.ts). */
const budget: (flow: Flow) => { left: number } = perFlow((flow) => ({ left: MAX_ORDER_WALK_PER_STEP * flow.steps.length }));

/**
 * Whether an Apply to each runs its iterations side by side. Power Automate runs them one at a
 * time unless concurrency control sets a degree of parallelism ("Apply to each concurrency: 1 is
 * the default limit", https://learn.microsoft.com/power-automate/limits-and-config#concurrency-looping-and-debatching-limits),
 * which the export writes as `runtimeConfiguration.concurrency.repetitions`.
 */
export function runsIterationsInParallel(loop: Step): boolean {
  if (loop.type.toLowerCase() !== 'foreach') return false;
  const repetitions = at(loop.node, 'runtimeConfiguration', 'concurrency', 'repetitions');
  return repetitions?.type === 'number' ? (repetitions.value as number) > 1 : repetitions !== undefined;
}

function chain(step: Step): Step[] {
  const out: Step[] = [];
  for (let s: Step | undefined = step; s; s = s.parent) out.push(s);
  return out;
}

/**
 * The steps of `step`'s container that run before or after it by a path of run-after links, or
 * undefined once the flow's budget is spent.
 */
function orderedWith(flow: Flow, step: Step): Set<Step> | undefined {
  const container = siblings(flow, step);
  const left = budget(flow);
  if ((left.left -= container.length) < 0) return undefined;
  const byName = new Map(container.map((s) => [s.name.toLowerCase(), s]));
  const before = new Map<Step, Step[]>();
  const after = new Map<Step, Step[]>();
  for (const s of container) {
    for (const link of s.runAfter) {
      if (--left.left < 0) return undefined;
      const previous = byName.get(link.action.toLowerCase());
      if (previous) {
        edge(before, s, previous);
        edge(after, previous, s);
      }
    }
  }
  const out = new Set<Step>();
  for (const edges of [before, after]) {
    const seen = new Set<Step>([step]);
    const queue = [step];
    for (let head = 0; head < queue.length; head++) {
      for (const next of edges.get(queue[head] as Step) ?? []) {
        if (--left.left < 0) return undefined;
        if (seen.has(next)) continue;
        seen.add(next);
        out.add(next);
        queue.push(next);
      }
    }
  }
  return out;
}

function edge(edges: Map<Step, Step[]>, from: Step, to: Step): void {
  const list = edges.get(from);
  if (list) list.push(to);
  else edges.set(from, [to]);
}

/**
 * A test of whether a step may be running at the same moment as `a` in one run: it sits in a
 * parallel branch (neither runs after the other), or in another iteration of an Apply to each that
 * runs in parallel. Steps in different branches of a condition or switch never both run. Each of
 * `a`'s containers is walked once, on first need, within the flow's budget (past it, steps are
 * taken to overlap); each test after that costs the nesting depth.
 */
export function overlapTest(flow: Flow, a: Step): (b: Step) => boolean {
  const aChain = chain(a);
  const aAncestors = new Set(aChain);
  const ordered = new Map<Step, Set<Step> | undefined>();
  return (b) => {
    const bChain = chain(b);
    // One contains the other: the container runs for as long as what is in it.
    if (aAncestors.has(b) || bChain.includes(a)) return true;
    const bTop = bChain.find((s) => s.parent === undefined || aAncestors.has(s.parent)) as Step;
    const container = bTop.parent;
    const aIndex = aChain.findIndex((s) => s.parent === container);
    const aTop = aChain[aIndex] as Step;
    if (aChain.slice(aIndex + 1).some(runsIterationsInParallel)) return true;
    if (aTop.kind !== bTop.kind || aTop.branch !== bTop.branch) return false;
    if (!ordered.has(aTop)) ordered.set(aTop, orderedWith(flow, aTop));
    return !ordered.get(aTop)?.has(bTop);
  };
}
