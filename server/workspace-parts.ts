import { Workspace } from '../core/workspace/collector';
import { pushAll } from '../core/arrays';

function part(fill: (ws: Workspace) => void): Workspace {
  const ws = new Workspace();
  fill(ws);
  return ws;
}

/**
 * A loaded workspace cut into pieces that lintWorkspace can take one at a time: each solution
 * with its flows and custom connectors, each other flow, connectors of no solution, the
 * deployment settings, and what could not be read. Rules look at one flow or one solution at a
 * time (steps were linked to the custom connectors of every solution before the cut), so the
 * findings are the same as for the whole, while the pass worker reads, between pieces, that a
 * newer pass superseded it.
 */
export function* workspaceParts(ws: Workspace): Generator<Workspace> {
  yield part((p) => {
    pushAll(p.unreadable, ws.unreadable);
    pushAll(p.notices, ws.notices);
    p.files = ws.files;
  });
  for (const solution of ws.solutions) {
    yield part((p) => {
      p.solutions.push(solution);
      pushAll(p.flows, solution.flows);
      p.customConnectors.push(...solution.customConnectors);
    });
  }
  for (const flow of ws.flows) if (!flow.solution) yield part((p) => p.flows.push(flow));
  // Connectors outside any solution (paconn folders) are read on their own.
  const loose = ws.customConnectors.filter((c) => !c.solution);
  if (loose.length > 0) yield part((p) => p.customConnectors.push(...loose));
  if (ws.deploymentSettings.length > 0) yield part((p) => pushAll(p.deploymentSettings, ws.deploymentSettings));
}
