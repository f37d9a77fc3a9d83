import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { flowOutline } from '../../core/analysis/flow-outline';
import { WorkspaceIndex } from '../../core/analysis/workspace-index';
import { emptyConfig } from '../../core/config/types';
import { lintFlow } from '../../core/engine/lint';
import type { Flow } from '../../core/model/types';
import { loadPaths } from '../../core/workspace/load-paths';
import { allRules } from '../../rules';
import { connectedKeys } from '../../server/flow-graph';

const OPTIONS = { policies: [], trustedDomains: [] };

export async function flowsOf(folder: string): Promise<Flow[]> {
  return (await loadPaths([folder], { cwd: folder })).flows;
}

/**
 * The language server lints an edited flow against the flows linked to it alone (server/flow-graph.ts):
 * for every flow, what it takes from other flows must be what the whole workspace's index gives it.
 */
export function assertSameAsWholeIndex(flows: readonly Flow[], withFindings: boolean): number {
  const whole = WorkspaceIndex.ofFlows(flows);
  const outlines = flows.map((f) => flowOutline(f));
  let linked = 0;
  for (const flow of flows) {
    const key = flow.doc.source.path;
    const keys = connectedKeys(outlines, [key]);
    if (keys.size > 1) linked++;
    const part = WorkspaceIndex.ofFlows(flows.filter((f) => keys.has(f.doc.source.path)));
    assert.equal(part.fingerprint(key, OPTIONS), whole.fingerprint(key, OPTIONS), key);
    if (!withFindings || keys.size === 1) continue;
    const lint = (workspace: WorkspaceIndex) => JSON.stringify(lintFlow(flow, { rules: allRules, policies: [], config: emptyConfig(path.dirname(key)), workspace }).findings.map((f) => [f.ruleId, f.message, f.range, f.related]));
    assert.equal(lint(part), lint(whole), key);
  }
  return linked;
}
