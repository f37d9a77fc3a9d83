import { parseJson } from '../artifacts/json';
import { createSourceFile, type SourceFile } from '../artifacts/source';
import { flowOutline, type FlowOutline } from '../analysis/flow-outline';
import { flowTransfers, mayTransfer, type FlowTransfers } from '../analysis/flow-transfers';
import { WorkspaceIndex, type IndexOptions } from '../analysis/workspace-index';
import { forgetFlow } from '../model/per-flow';
import type { CustomConnector, Flow } from '../model/types';
import { contextOf, rebuildFlow, type FlowContext } from '../workspace/flow-context';
import type { FlowSource } from './flow-source';

// A run that only reports (the CLI without --fix) need not hold every flow's parse tree at once:
// a tree is ten times its text, and with all of them held, memory grew with the workspace by a
// third of a megabyte a flow, and collecting it cost a quarter of the run. The load hands each
// flow here as soon as it is built, keeping its text and its outline (all that other flows ask
// of it); the lint builds it again from its text, lints it and lets it go. The flows data can
// cross between (a caller and the child flows it runs, known once all outlines are) are also
// built once before the lint, for their transfers. Building a flow twice costs less than holding
// them: measured on the corpus and on 1,000 generated flows, less CPU and far less memory.

/** A flow as a load leaves it for a later lint: its text, load context and outline, not its parse tree. */
export interface PendingFlow {
  source: SourceFile;
  context: FlowContext;
  outline: FlowOutline;
  /**
   * Whether it can pass data to other flows or take data from them (flow-transfers.ts
   * mayTransfer): only then is it built again for its transfers before its lint. A flow started
   * by hand that answers no caller and runs no child flow (most are) has none.
   */
  mayTransfer: boolean;
}

/** What is kept of a flow just built: a copy of the source without the line index its outline built. */
export function pendingFlow(flow: Flow): PendingFlow {
  const outline = flowOutline(flow);
  // The lint builds the line index again, and meanwhile it would be a third as large as the text.
  const { path, text, hadBom } = flow.doc.source;
  return { source: createSourceFile(path, text, hadBom), context: contextOf(flow), outline, mayTransfer: mayTransfer(flow) };
}

/**
 * The flow built again from its text with the context the load gave it and the run's custom
 * connectors (as linkWorkspace links a held flow): the flow a held load would have linted.
 */
export function buildPending(p: PendingFlow, customConnectors: readonly CustomConnector[]): Flow {
  const flow = rebuildFlow(parseJson(p.source), { ...p.context, customConnectors });
  // The same text in the same context: it was a cloud flow when loaded, so it is one now.
  if (!flow) throw new Error(`${p.source.path} is no longer a cloud flow`);
  return flow;
}

const NO_TRANSFERS: FlowTransfers = { sources: [], transfers: [] };

export class FlowQueue {
  private readonly pending: PendingFlow[] = [];

  /** For LoadPathsOptions.flowSink: keeps the flow's text, load context and outline, not the flow. */
  readonly add = (flow: Flow): void => {
    this.pending.push(pendingFlow(flow));
  };

  /**
   * The flows, for WorkspaceLintOptions.flows, once the load is done: each built from its text
   * with the context the load gave it and the load's custom connectors (as linkWorkspace links a
   * held flow), so each is the flow a held load would have linted.
   */
  source(customConnectors: readonly CustomConnector[], options: IndexOptions, only?: (file: string) => boolean): FlowSource {
    // Handed over: the queue holds nothing once the lint starts.
    const pending: (PendingFlow | undefined)[] = this.pending.splice(0);
    const build = (p: PendingFlow): Flow => buildPending(p, customConnectors);
    // The index keeps the first flow of a display path, as WorkspaceIndex.ofFlows does.
    const first = new Map<string, number>();
    pending.forEach((p, i) => {
      if (p && !first.has(p.outline.key)) first.set(p.outline.key, i);
    });
    const outlines = new WorkspaceIndex(pending.map((p) => ({ kept: { outline: (p as PendingFlow).outline, transfers: NO_TRANSFERS } })));
    const lints = only ? pending.map((p) => only((p as PendingFlow).source.path)) : undefined;
    // What crosses between flows is known before any is linted (every lint may follow it): the
    // transfers of the connected flows; no one asks for those of the others but their own lint.
    // With `only`, just those of the flows data can reach a linted flow from, or go to it from.
    const needed = lints ? reachable(outlines, pending.flatMap((p, i) => (lints[i] ? [(p as PendingFlow).outline.key] : []))) : undefined;
    const transfers = new Map<number, FlowTransfers>();
    for (const [key, i] of first) {
      if (!outlines.connected(key) || !(pending[i] as PendingFlow).mayTransfer || (needed && !needed.has(key))) continue;
      const flow = build(pending[i] as PendingFlow);
      transfers.set(i, flowTransfers(flow, options));
      forgetFlow(flow);
    }
    const index = new WorkspaceIndex(pending.map((p, i) => ({ kept: { outline: (p as PendingFlow).outline, transfers: transfers.get(i) ?? NO_TRANSFERS } })));
    // A flow not linted is let go now: the index has its outline.
    lints?.forEach((linted, i) => {
      if (!linted) pending[i] = undefined;
    });
    return {
      count: pending.length,
      index,
      flow: (i) => {
        const flow = build(pending[i] as PendingFlow);
        // Its own rules see it as they see a held flow, transfers and all.
        index.admit(flow);
        return flow;
      },
      linted: (i, flow) => {
        index.release(flow.doc.source.path);
        // Its analyses go at once (see per-flow.ts), and its text: findings keep ranges, not text.
        forgetFlow(flow);
        pending[i] = undefined;
      },
      ...(lints ? { lints: (i: number) => lints[i] === true } : {}),
    };
  }
}

/**
 * The flows of the workspace's call graph connected to any of `keys` (themselves included):
 * data that reaches those flows from other flows, or leaves them for others, crosses only these.
 */
function reachable(index: WorkspaceIndex, keys: readonly string[]): Set<string> {
  const found = new Set<string>(keys);
  const queue = [...found];
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head] as string;
    const next = (other: string): void => {
      if (found.has(other)) return;
      found.add(other);
      queue.push(other);
    };
    for (const call of index.callsOf(key)) if (call.child) next(call.child.key);
    for (const { caller } of index.callersOf(key)) next(caller.key);
  }
  return found;
}
