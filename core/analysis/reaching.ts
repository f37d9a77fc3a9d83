import { perFlow } from '../model/per-flow';
import type { Flow, Step } from '../model/types';
import { isVariableWriter, variablesWritten } from './dataflow';

/** Variable name (lower case) to the writes whose value may still be there. */
type State = ReadonlyMap<string, ReadonlySet<Step>>;

const EMPTY: State = new Map();

function union(a: State, b: State): State {
  if (a === b || b.size === 0) return a;
  if (a.size === 0) return b;
  const out = new Map(a);
  // forEach, not for...of: no iterator result per entry in code the JIT has not optimised yet.
  b.forEach((writers, name) => {
    const mine = out.get(name);
    if (!mine) {
      out.set(name, writers);
      return;
    }
    const both = new Set(mine);
    writers.forEach((w) => both.add(w));
    out.set(name, both);
  });
  return out;
}

/** Set and Initialize replace a variable's value; Append, Increment and Decrement add to it. */
function afterWrite(step: Step, state: State): State {
  if (!isVariableWriter(step)) return state;
  const replaces = ['setvariable', 'initializevariable'].includes(step.type.toLowerCase());
  const out = new Map(state);
  for (const name of variablesWritten(step)) {
    const before = out.get(name);
    out.set(name, replaces || !before ? new Set([step]) : new Set([...before, step]));
  }
  return out;
}

/** Orders one container's steps so each comes after what it runs after (document order breaks ties). */
function topological(steps: Step[]): Step[] {
  const byName = new Map(steps.map((s) => [s.name.toLowerCase(), s]));
  const pending = new Map<Step, number>();
  const next = new Map<Step, Step[]>();
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step;
    let count = 0;
    for (let r = 0; r < step.runAfter.length; r++) {
      const b = byName.get((step.runAfter[r] as Step['runAfter'][number]).action.toLowerCase());
      if (b === undefined || b === step) continue;
      count++;
      const list = next.get(b);
      if (list) list.push(step);
      else next.set(b, [step]);
    }
    pending.set(step, count);
  }
  const ready = steps.filter((s) => pending.get(s) === 0);
  const out: Step[] = [];
  for (let head = 0; head < ready.length; head++) {
    const step = ready[head] as Step;
    out.push(step);
    const after = next.get(step);
    if (!after) continue;
    for (let i = 0; i < after.length; i++) {
      const n = after[i] as Step;
      const left = (pending.get(n) ?? 1) - 1;
      pending.set(n, left);
      if (left === 0) ready.push(n);
    }
  }
  // A run-after cycle never runs; keep its steps anyway so their reads are still recorded.
  if (out.length < steps.length) {
    const placed = new Set(out);
    for (const step of steps) if (!placed.has(step)) out.push(step);
  }
  return out;
}

/**
 * Reaching definitions for flow variables: for every step, which writes of each variable may
 * provide the value it reads. Walks each container in run-after order, joining at parallel
 * branches and at the ends of conditions and switches, and walks a loop's body twice so that
 * values written in one iteration reach reads in the next. Near-linear in the flow's size.
 */
export class ReachingWrites {
  private readonly atStep = new Map<Step, State>();
  private walked = false;

  // The walk is made at the first question, not when the analysis is asked for: every data-flow
  // trace asks for it (trace.ts), but only one that follows a value through a variable asks a
  // question, and many flows' traces never do. Measured in a first pass over ../shared/corpus: the
  // walk took 46 ms, of which half is now never made; none is made for the generated 1 MB flow
  // (2.2 ms an edit).
  constructor(private readonly flow: Flow) {}

  /** Whether the value `writer` gave `variable` may be what `reader` reads. */
  reaches(writer: Step, variable: string, reader: Step): boolean {
    if (!this.walked) {
      this.walked = true;
      this.walk(this.flow.actions.filter((s) => s.kind === 'action'), EMPTY);
    }
    return this.atStep.get(reader)?.get(variable)?.has(writer) ?? false;
  }

  private walk(steps: Step[], entry: State): State {
    const byName = new Map(steps.map((s) => [s.name.toLowerCase(), s]));
    const outOf = new Map<Step, State>();
    const successors = new Set<Step>();
    const ordered = topological(steps);
    for (let s = 0; s < ordered.length; s++) {
      const step = ordered[s] as Step;
      let state = EMPTY;
      let hasPredecessor = false;
      for (let r = 0; r < step.runAfter.length; r++) {
        const previous = byName.get((step.runAfter[r] as Step['runAfter'][number]).action.toLowerCase());
        if (!previous) continue;
        hasPredecessor = true;
        successors.add(previous);
        state = union(state, outOf.get(previous) ?? EMPTY);
      }
      if (!hasPredecessor) state = entry;
      this.atStep.set(step, state);
      outOf.set(step, afterWrite(step, this.children(step, state)));
    }
    let exit = steps.length === 0 ? entry : EMPTY;
    for (const step of steps) if (!successors.has(step)) exit = union(exit, outOf.get(step) ?? EMPTY);
    return exit;
  }

  /** The state after a container step's branches have run. */
  private children(step: Step, entry: State): State {
    if (step.children.length === 0) return entry;
    const branches = new Map<string, Step[]>();
    for (const child of step.children) {
      const key = child.branch ?? 'actions';
      const list = branches.get(key);
      if (list) list.push(child);
      else branches.set(key, [child]);
    }
    const type = step.type.toLowerCase();
    if (type === 'foreach' || type === 'until') {
      const body = branches.get('actions') ?? [];
      const once = this.walk(body, entry);
      const twice = this.walk(body, union(entry, once));
      // A Foreach over an empty array runs no iteration; an Until runs at least one.
      return type === 'foreach' ? union(entry, twice) : twice;
    }
    let exit: State = type === 'if' && !branches.has('else') ? entry : EMPTY;
    if (type === 'switch' && !branches.has('default')) exit = entry;
    for (const body of branches.values()) exit = union(exit, this.walk(body, entry));
    return exit;
  }
}

export const reachingWrites: (flow: Flow) => ReachingWrites = perFlow((flow) => new ReachingWrites(flow));
