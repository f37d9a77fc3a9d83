import type { FlowReference } from '../expressions';
import type { Flow, Step } from '../model/types';
import { dataFlow, isPassThrough, isVariableWriter, variablesWritten, type Origin, type Read } from './dataflow';
import { reachingWrites } from './reaching';

/** One step of a data path: the value enters `step` through `ref`. */
export interface Hop {
  step: Step;
  ref: FlowReference;
  /** Set when the value travels through a variable to this step. */
  variable?: string;
}

export interface DataPath {
  source: Step;
  sink: Step;
  /** From the first reader of the source to the sink, in order; the last hop is the sink. */
  hops: Hop[];
}

export interface TraceOptions {
  isSink(step: Step, read: Read): boolean;
  /**
   * Which reads of the source itself take the traced value, when only a part of its outputs is
   * (one input of a trigger); every read does when absent.
   */
  readsSource?(read: Read): boolean;
  /**
   * What makes two sinks one: by default the step, so a sink is reached once; a finer key (the
   * step and the property of its body a read lands in) keeps one path per part.
   */
  sinkKey?(step: Step, read: Read): string;
  /**
   * Follow the value `source` (a variable writer) gives this variable (lower case), rather than
   * its outputs: a value written into the flow at the Initialize or Set variable itself.
   */
  fromVariable?: string;
}

interface Pending {
  origin: Origin;
  hops: Hop[];
  /** The step that wrote the variable, when `origin` is a variable. */
  writer?: Step;
}

/**
 * Follows the value of `source` forward through pass-through actions, loops and variables to
 * every sink it reaches, one shortest path per sink. Each step and variable write is entered
 * once, so the walk is linear in the number of reads.
 */
export function traceForward(flow: Flow, source: Step, options: TraceOptions): DataPath[] {
  const graph = dataFlow(flow);
  const reaching = reachingWrites(flow);
  const paths: DataPath[] = [];
  const entered = new Set<string>();
  const sinks = new Set<Step | string>();
  const queue: Pending[] = [
    options.fromVariable ? { origin: { kind: 'variable', name: options.fromVariable }, hops: [], writer: source } : { origin: { kind: 'step', step: source }, hops: [] },
  ];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head] as Pending;
    // By index: for...of allocates an iterator result per item in code the JIT has not optimised yet.
    const reads = graph.readersOf(current.origin);
    for (let r = 0; r < reads.length; r++) {
      const read = reads[r] as (typeof reads)[number];
      const reader = read.reader;
      if (reader === source) continue;
      if (head === 0 && options.readsSource && !options.readsSource(read)) continue;
      if (current.origin.kind === 'variable' && current.writer && !reaching.reaches(current.writer, current.origin.name, reader)) continue;
      // The path to the reader is made only when something takes it (a sink, a step or variable
      // to follow further): most reads reach neither, and copying the path for each was most of
      // the walk's allocation.
      let hops: Hop[] | undefined;
      const path = (): Hop[] => (hops ??= current.hops.concat(current.origin.kind === 'variable' ? { step: reader, ref: read.ref, variable: current.origin.name } : { step: reader, ref: read.ref }));
      const sinkKey = options.sinkKey ? options.sinkKey(reader, read) : reader;
      if (!sinks.has(sinkKey) && options.isSink(reader, read)) {
        sinks.add(sinkKey);
        paths.push({ source, sink: reader, hops: path() });
      }
      if (isPassThrough(reader) && !entered.has(`step:${reader.name}`)) {
        entered.add(`step:${reader.name}`);
        queue.push({ origin: { kind: 'step', step: reader }, hops: path() });
      }
      if (isVariableWriter(reader)) {
        for (const variable of variablesWritten(reader)) {
          const key = `var:${variable}:${reader.name}`;
          if (entered.has(key)) continue;
          entered.add(key);
          queue.push({ origin: { kind: 'variable', name: variable }, hops: path(), writer: reader });
        }
      }
    }
  }
  return paths;
}
