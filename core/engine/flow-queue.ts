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
  source(customConnectors: readonly CustomConnector[], options: IndexOptions): FlowSource {
    // Handed over: the queue holds nothing once the lint starts.
    const pending: (PendingFlow | undefined)[] = this.pending.splice(0);
    const build = (p: PendingFlow): Flow => buildPending(p, customConnectors);
    // The index keeps the first flow of a display path, as WorkspaceIndex.ofFlows does.
    const first = new Map<string, number>();
    pending.forEach((p, i) => {
      if (p && !first.has(p.outline.key)) first.set(p.outline.key, i);
    });
    const outlines = new WorkspaceIndex(pending.map((p) => ({ kept: { outline: (p as PendingFlow).outline, transfers: NO_TRANSFERS } })));
    // What crosses between flows is known before any is linted (every lint may follow it): the
    // transfers of the connected flows; no one asks for those of the others but their own lint.
    const transfers = new Map<number, FlowTransfers>();
    for (const [key, i] of first) {
      if (!outlines.connected(key) || !(pending[i] as PendingFlow).mayTransfer) continue;
      const flow = build(pending[i] as PendingFlow);
      transfers.set(i, flowTransfers(flow, options));
      forgetFlow(flow);
    }
    const index = new WorkspaceIndex(pending.map((p, i) => ({ kept: { outline: (p as PendingFlow).outline, transfers: transfers.get(i) ?? NO_TRANSFERS } })));
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
    };
  }
}
