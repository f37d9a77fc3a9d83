import { linkCustomConnectors } from '../connectors/custom';
import type { Workspace } from './collector';
import { contextOf, rememberContext } from './flow-context';

/**
 * What can only be joined once everything is loaded: each step to the custom connector it calls,
 * wherever in the workspace that connector is. The flows' contexts keep the connectors, so a
 * buffer rebuilt in the editor links the same way.
 */
export function linkWorkspace(ws: Workspace): void {
  linkCustomConnectors(ws);
  for (const flow of ws.flows) rememberContext(flow, { ...contextOf(flow), customConnectors: ws.customConnectors });
}
