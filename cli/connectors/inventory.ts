import { WorkspaceIndex } from '../../core/analysis/workspace-index';
import type { Project } from '../../core/project/load';
import { flowConnectorsView, type FlowConnectorsView } from '../../core/protocol/connectors-view';
import type { Workspace } from '../../core/workspace/collector';

/** What `flowguard connectors` prints: the editor's connectors view, for every flow loaded. */
export interface Inventory {
  /** Display names of the policies that apply, in the order configured: one group column each. */
  policies: string[];
  flows: FlowConnectorsView[];
}

// The editor's connectors tree and this command show the same thing, so both come from
// core/protocol/connectors-view.ts; only the order (by file, as every report) is chosen here.
export function buildInventory(ws: Workspace, project: Project): Inventory {
  // Resolved as the lint resolves them, so each "Run a Child Flow" names the flow it runs.
  const workspace = WorkspaceIndex.ofFlows(ws.flows);
  const flows = ws.flows.map((flow) => flowConnectorsView(flow, project.applicable, workspace));
  flows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { policies: project.applicable.map((p) => p.displayName), flows };
}
