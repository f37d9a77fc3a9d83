import { WorkspaceIndex } from '../analysis/workspace-index';
import type { Flow } from '../model/types';
import type { Workspace } from '../workspace/collector';

/** The flows a workspace lint goes through, in load order, and the index they are linted against. */
export interface FlowSource {
  readonly count: number;
  /** Every flow of the run, for rules that follow child flows and callers. */
  readonly index: WorkspaceIndex;
  /** The i-th flow (0 <= i < count), built now if the source does not hold it. */
  flow(i: number): Flow;
  /** Told once the i-th flow is linted: a source that built it may let it go. */
  linted(i: number, flow: Flow): void;
  /**
   * Whether the i-th flow is linted at all (every flow when absent). A run that keeps only some
   * files' findings (--hook reports the files staged) has the others neither built nor linted:
   * they are still in the index, for the flows linted to follow their child flows and callers.
   */
  lints?(i: number): boolean;
}

/** The flows a workspace holds, linted against `index` (by default one built of them). */
export function heldFlows(ws: Workspace, index?: WorkspaceIndex): FlowSource {
  return {
    count: ws.flows.length,
    index: index ?? WorkspaceIndex.ofFlows(ws.flows),
    flow: (i) => ws.flows[i] as Flow,
    linted: () => undefined,
  };
}
