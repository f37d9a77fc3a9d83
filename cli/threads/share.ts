import { availableParallelism } from 'node:os';
import type { Unit } from '../units/plan';

// Each thread is a V8 isolate of its own: it starts the bundle (about 0.1 s) and warms its own
// compiled code up, which costs about half a second of CPU over its first few hundred flows
// (measured: 500 flows took 1.35 s of CPU, 1,000 took 1.9 s). A run on one thread already keeps
// a second core busy a third to a half of the time with V8's compiler and collector threads, and
// lets each flow's parse tree go once linted, where a thread holds its share's until the run's
// index is complete. So threads pay for themselves on large runs only, and not on two cores,
// where 3,000 flows took as long on two threads as on one (--threads 2 still starts a second).

/** Below this much work (flows, roughly) a run stays on one thread. */
export const MIN_THREADED_WORK = 3000;
/** Fewer cores than this and a run stays on one thread unless --threads says otherwise. */
export const MIN_CORES = 3;
/** Work each thread must have before one more is worth starting. */
const WORK_PER_THREAD = 1000;
/** Past this many threads a run gains little and holds one more copy of each solution's shared files per thread. */
export const MAX_AUTO_THREADS = 8;

export function workOf(units: readonly Unit[]): number {
  return units.reduce((n, u) => n + u.weight, 0);
}

/** --threads when not given: one for a small run, else up to a thread per core (at most 8), each with enough work. */
export function autoThreads(units: readonly Unit[], cores = availableParallelism()): number {
  const work = workOf(units);
  if (cores < MIN_CORES || work < MIN_THREADED_WORK) return 1;
  return Math.max(1, Math.min(cores, MAX_AUTO_THREADS, Math.floor(work / WORK_PER_THREAD)));
}

/** A run of consecutive work one thread does: a whole unit, or flows [from, to) of a solution's. */
export interface Share {
  thread: number;
  unit: number;
  flows?: { from: number; to: number };
}

interface Atom {
  unit: number;
  flow?: number;
  weight: number;
}

/**
 * Shares `pending` units (in load order) among `threads` threads, each a consecutive run of the
 * work of about the same size, so that a thread's flows are consecutive in the run. A solution
 * larger than half a thread's share is split flow by flow; every other unit goes whole.
 */
export function shareOut(units: readonly Unit[], pending: readonly number[], threads: number): Share[] {
  const total = pending.reduce((n, u) => n + (units[u]?.weight ?? 0), 0);
  const target = total / threads;
  const atoms: Atom[] = [];
  for (const u of pending) {
    const unit = units[u]!;
    const flows = unit.flowFiles?.length ?? 0;
    if (threads > 1 && unit.kind === 'solution' && flows >= 2 && unit.weight > target / 2) {
      for (let flow = 0; flow < flows; flow++) atoms.push({ unit: u, flow, weight: unit.weight / flows });
    } else {
      atoms.push({ unit: u, weight: unit.weight });
    }
  }
  const shares: Share[] = [];
  let done = 0;
  for (const atom of atoms) {
    // The thread whose part of the line the atom's middle falls in.
    const thread = target > 0 ? Math.min(threads - 1, Math.floor((done + atom.weight / 2) / target)) : 0;
    done += atom.weight;
    const last = shares[shares.length - 1];
    if (atom.flow === undefined) {
      shares.push({ thread, unit: atom.unit });
    } else if (last && last.unit === atom.unit && last.thread === thread && last.flows) {
      last.flows.to = atom.flow + 1;
    } else {
      shares.push({ thread, unit: atom.unit, flows: { from: atom.flow, to: atom.flow + 1 } });
    }
  }
  // A solution that fell to one thread after all is loaded whole.
  return shares.map((s) => {
    if (!s.flows) return s;
    const count = units[s.unit]!.flowFiles!.length;
    const alone = s.flows.from === 0 && s.flows.to === count;
    return alone ? { thread: s.thread, unit: s.unit } : s;
  });
}
