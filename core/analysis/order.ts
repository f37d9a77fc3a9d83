import type { Flow, Step } from '../model/types';
import { siblings } from './names';

/** The step itself, then its enclosing scopes, conditions and loops, innermost first. */
function chain(step: Step): Step[] {
  const out: Step[] = [];
  for (let s: Step | undefined = step; s; s = s.parent) out.push(s);
  return out;
}

/**
 * Execution order from run-after, for data-flow questions such as "is this variable always
 * overwritten before that step reads it". Only what the run-after graph guarantees counts:
 * steps on parallel branches are unordered.
 */
export class StepOrder {
  private readonly predecessors = new Map<Step, Set<Step>>();

  constructor(private readonly flow: Flow) {}

  /** Whether A always finishes before B starts. */
  precedes(a: Step, b: Step): boolean {
    const aChain = chain(a);
    const bChain = chain(b);
    for (const bAncestor of bChain) {
      const aAncestor = aChain.find((s) => s.parent === bAncestor.parent && s.branch === bAncestor.branch && s.kind === bAncestor.kind);
      if (!aAncestor) continue;
      if (aAncestor === bAncestor) return false;
      return this.allPredecessors(bAncestor).has(aAncestor);
    }
    return false;
  }

  /** Whether K runs before B on every run that reaches B: K sits in a container around B and precedes it. */
  alwaysBefore(k: Step, b: Step): boolean {
    const containers = chain(b).slice(1);
    const kContainerHoldsB = k.parent === undefined || containers.includes(k.parent);
    if (!kContainerHoldsB) return false;
    if (k.parent && k.parent.type.toLowerCase() === 'if') {
      const bInSameBranch = chain(b).some((s) => s.parent === k.parent && s.branch === k.branch);
      if (!bInSameBranch) return false;
    }
    return this.precedes(k, b);
  }

  private allPredecessors(step: Step): Set<Step> {
    const known = this.predecessors.get(step);
    if (known) return known;
    const result = new Set<Step>();
    this.predecessors.set(step, result);
    const here = siblings(this.flow, step);
    const pending = [step];
    for (let next = pending.pop(); next; next = pending.pop()) {
      for (const after of next.runAfter) {
        const previous = here.find((s) => s.name.toLowerCase() === after.action.toLowerCase());
        if (previous && !result.has(previous)) {
          result.add(previous);
          pending.push(previous);
        }
      }
    }
    return result;
  }
}
