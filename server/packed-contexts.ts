import { deserialize, serialize } from 'node:v8';
import type { CustomConnector, Solution } from '../core/model/types';
import type { FlowContext } from '../core/workspace/flow-context';
import type { FlowNames } from '../core/workspace/flow-entry';
import { fromPlain, toPlain } from './plain-sources';

/**
 * How the last pass loaded each flow file, as the pass worker sends it: one serialized blob per
 * solution (its connection references, environment variables, custom connectors: megabytes of
 * XML text over a large workspace) and each file's own names. The main thread reads a blob only
 * when a flow of that solution is opened, instead of copying every solution at each pass.
 */
export interface PackedContextData {
  blobs: Uint8Array[];
  files: [file: string, blob: number, names: FlowNames][];
}

interface Shared {
  solution?: Solution;
  customConnectors?: readonly CustomConnector[];
}

/** In the worker: contexts sharing a solution and a custom connector list share a blob. */
export function packContexts(contexts: ReadonlyMap<string, FlowContext>): PackedContextData {
  const blobs: Uint8Array[] = [];
  const bySolution = new Map<Solution | undefined, Map<readonly CustomConnector[] | undefined, number>>();
  const files: PackedContextData['files'] = [];
  for (const [file, context] of contexts) {
    let byList = bySolution.get(context.solution);
    if (!byList) bySolution.set(context.solution, (byList = new Map()));
    let blob = byList.get(context.customConnectors);
    if (blob === undefined) {
      const shared: Shared = { solution: context.solution, customConnectors: context.customConnectors };
      blob = blobs.push(serialize(toPlain(shared))) - 1;
      byList.set(context.customConnectors, blob);
    }
    files.push([file, blob, context.names]);
  }
  return { blobs, files };
}

/** On the main thread: each file's context, read from its blob when first asked for, then kept (DocumentFlows compares them by identity). */
export class PackedContexts {
  private readonly files: Map<string, { blob: number; names: FlowNames }>;
  private readonly shared = new Map<number, Shared>();
  private readonly contexts = new Map<string, FlowContext>();

  constructor(private readonly data: PackedContextData) {
    this.files = new Map(data.files.map(([file, blob, names]) => [file, { blob, names }]));
  }

  get(file: string): FlowContext | undefined {
    const done = this.contexts.get(file);
    if (done) return done;
    const entry = this.files.get(file);
    if (!entry) return undefined;
    let shared = this.shared.get(entry.blob);
    if (!shared) {
      const blob = this.data.blobs[entry.blob];
      shared = blob ? fromPlain(deserialize(blob) as Shared) : {};
      this.shared.set(entry.blob, shared);
    }
    const context: FlowContext = { names: entry.names };
    if (shared.solution) context.solution = shared.solution;
    if (shared.customConnectors) context.customConnectors = shared.customConnectors;
    this.contexts.set(file, context);
    return context;
  }
}
