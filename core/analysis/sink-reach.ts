import type { Flow, Step } from '../model/types';
import { dataFlow, isPassThrough, isVariableWriter, originKey, variablesWritten, type DataFlow, type Origin, type Read } from './dataflow';

/**
 * Which of `sources` have a value that can reach a sink at all, so that only their traces need
 * be made. Two walks over the edges traceForward follows (into pass-through steps, and through a
 * variable from the steps that write it): forward from every source at once, to find the reads
 * any trace could meet, then back from those of them `isSink` accepts. It keeps more than
 * traceForward finds, never fewer: it does not ask which write of a variable reaches a read, nor
 * skip a source's reads of itself, nor a sink another path reached first.
 */
export function sinkReach(flow: Flow, sources: readonly Step[], isSink: (step: Step, read: Read) => boolean): (step: Step) => boolean {
  const graph = dataFlow(flow);
  const met = forwardReads(graph, sources);
  const live = new Marks();
  // By index: for...of allocates an iterator result per item in code the JIT has not optimised yet.
  for (let r = 0; r < met.length; r++) {
    const read = met[r] as Read;
    if (isSink(read.reader, read)) live.mark(read.origin);
  }
  const byReader = byReaderName(met);
  for (let head = 0; head < live.queue.length; head++) {
    const origin = live.queue[head] as Origin;
    if (origin.kind === 'step') markInputs(byReader.get(originKey(origin)), live, isPassThrough);
    else if (origin.kind === 'variable') for (const writer of graph.writersOf(origin.name)) markInputs(byReader.get(stepKey(writer)), live);
  }
  return (step) => live.has(stepKey(step));
}

/** Origins by key (see originKey), each queued once. */
class Marks {
  readonly queue: Origin[] = [];
  private readonly keys = new Set<string>();

  mark(origin: Origin): void {
    const key = originKey(origin);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.queue.push(origin);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }
}

/** Every read a trace from one of `sources` could meet: the union of what each would walk. */
function forwardReads(graph: DataFlow, sources: readonly Step[]): Read[] {
  const entered = new Marks();
  for (let s = 0; s < sources.length; s++) entered.mark({ kind: 'step', step: sources[s] as Step });
  const met: Read[] = [];
  for (let head = 0; head < entered.queue.length; head++) {
    const reads = graph.readersOf(entered.queue[head] as Origin);
    for (let r = 0; r < reads.length; r++) {
      const read = reads[r] as Read;
      const reader = read.reader;
      met.push(read);
      if (isPassThrough(reader)) entered.mark({ kind: 'step', step: reader });
      if (isVariableWriter(reader)) for (const name of variablesWritten(reader)) entered.mark({ kind: 'variable', name });
    }
  }
  return met;
}

function stepKey(step: Step): string {
  return originKey({ kind: 'step', step });
}

/** Marks live what the steps of one name read (those `follows` accepts, when given). */
function markInputs(reads: readonly Read[] | undefined, live: Marks, follows?: (step: Step) => boolean): void {
  if (!reads) return;
  for (let r = 0; r < reads.length; r++) {
    const read = reads[r] as Read;
    if (!follows || follows(read.reader)) live.mark(read.origin);
  }
}

/**
 * Reads grouped by the reader's name, as readersOf finds them: the steps whose outputs a trace
 * enters under one name (an action and the trigger, or two actions differing in case) are all
 * walked back from when that name is live. Only the reads met going forward: every read of a path
 * from a source is one of them.
 */
function byReaderName(reads: readonly Read[]): Map<string, Read[]> {
  const byReader = new Map<string, Read[]>();
  for (let r = 0; r < reads.length; r++) {
    const read = reads[r] as Read;
    const key = stepKey(read.reader);
    const list = byReader.get(key);
    if (list) list.push(read);
    else byReader.set(key, [read]);
  }
  return byReader;
}
