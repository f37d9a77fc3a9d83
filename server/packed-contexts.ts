import { deserialize, serialize } from 'node:v8';
import type { CustomConnector, Solution } from '../core/model/types';
import type { FlowContext } from '../core/workspace/flow-context';
import type { FlowNames } from '../core/workspace/flow-entry';
import { fromPlain, toPlain } from './plain-sources';

/**
 * How the last pass loaded each flow file, as the pass worker sends it: one serialized blob of
 * every solution (its connection references, environment variables, custom connectors: megabytes
 * of XML text over a large workspace) and custom connector list the contexts name, and each
 * file's own names with the indexes of its solution and list. The main thread reads the blob
 * only when a flow is first opened, instead of copying every solution at each pass.
 *
 * One blob for all, not one a solution: every context names the load's whole connector list, and
 * a connector points back at its solution, so a blob per solution held every connector and their
 * solutions again. Measured on ../shared/corpus (22 solutions, 34 connectors): 22 blobs of 2.7 MB
 * each (66 MB, 600 ms to copy and serialize in the worker, then cloned to the main thread),
 * against one of 5 MB, 3.4 MB since the connectors travel without their parsed files
 * (workspace-pass.ts), packed in 4 ms.
 */
export interface PackedContextData {
  /** Absent when no context names a solution or a connector list. */
  blob?: Uint8Array;
  /** Each file's solution and list as indexes into the blob's (-1: none), and its names. */
  files: [file: string, solution: number, list: number, names: FlowNames][];
}

interface Shared {
  solutions: Solution[];
  lists: (readonly CustomConnector[])[];
}

function indexer<T>(into: T[]): (value: T | undefined) => number {
  const at = new Map<T, number>();
  return (value) => {
    if (value === undefined) return -1;
    let i = at.get(value);
    if (i === undefined) at.set(value, (i = into.push(value) - 1));
    return i;
  };
}

/** In the worker: shared solutions and lists stay shared (one copy each, objects reached from several too). */
export function packContexts(contexts: ReadonlyMap<string, FlowContext>): PackedContextData {
  const shared: Shared = { solutions: [], lists: [] };
  const solution = indexer(shared.solutions);
  const list = indexer(shared.lists);
  const files: PackedContextData['files'] = [];
  for (const [file, context] of contexts) files.push([file, solution(context.solution), list(context.customConnectors), context.names]);
  const empty = shared.solutions.length === 0 && shared.lists.length === 0;
  return empty ? { files } : { blob: serialize(toPlain(shared)), files };
}

/** On the main thread: each file's context, made when first asked for, then kept (DocumentFlows compares them by identity). */
export class PackedContexts {
  private readonly files: Map<string, { solution: number; list: number; names: FlowNames }>;
  private shared: Shared | undefined;
  private readonly contexts = new Map<string, FlowContext>();

  constructor(private readonly data: PackedContextData) {
    this.files = new Map(data.files.map(([file, solution, list, names]) => [file, { solution, list, names }]));
  }

  get(file: string): FlowContext | undefined {
    const done = this.contexts.get(file);
    if (done) return done;
    const entry = this.files.get(file);
    if (!entry) return undefined;
    this.shared ??= this.data.blob ? fromPlain(deserialize(this.data.blob) as Shared) : { solutions: [], lists: [] };
    const context: FlowContext = { names: entry.names };
    const solution = this.shared.solutions[entry.solution];
    const customConnectors = this.shared.lists[entry.list];
    if (solution) context.solution = solution;
    if (customConnectors) context.customConnectors = customConnectors;
    this.contexts.set(file, context);
    return context;
  }
}
