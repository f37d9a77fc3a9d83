import { Workspace } from '../core/workspace/collector';

function part(fill: (ws: Workspace) => void): Workspace {
  const ws = new Workspace();
  fill(ws);
  return ws;
}

/**
 * A loaded workspace cut into pieces that lintWorkspace can take one at a time: each solution
 * with its flows, each other flow, the deployment settings, and what could not be read. Rules
 * look at one flow or one solution at a time, so the findings are the same as for the whole,
 * while the server answers the editor between pieces instead of after a run of many seconds.
 */
export function* workspaceParts(ws: Workspace): Generator<Workspace> {
  yield part((p) => {
    p.unreadable.push(...ws.unreadable);
    p.notices.push(...ws.notices);
    p.files = ws.files;
  });
  for (const solution of ws.solutions) {
    yield part((p) => {
      p.solutions.push(solution);
      p.flows.push(...solution.flows);
    });
  }
  for (const flow of ws.flows) if (!flow.solution) yield part((p) => p.flows.push(flow));
  if (ws.deploymentSettings.length > 0) yield part((p) => p.deploymentSettings.push(...ws.deploymentSettings));
}
