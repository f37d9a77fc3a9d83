import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../core/analysis/workspace-index';
import { emptyConfig } from '../../core/config/types';
import { lintWorkspace } from '../../core/engine/lint-workspace';
import type { Finding } from '../../core/findings';
import { loadProject, type Project } from '../../core/project/load';
import type { Workspace } from '../../core/workspace/collector';
import { loadPaths } from '../../core/workspace/load-paths';
import { allRules } from '../../rules';
import { CORPUS_DIR, corpusFiles, requireCorpus } from '../helpers/corpus';

/** The repositories of the corpus whose flows run child flows, each linted on its own as its owner would. */
const REPOS = ['Open-Strata-Commons__SCuBA-coe-starter-kit', 'austin-slayton__coe-starter-kit', 'microsoft__CopilotStudioSamples'];

const NO_POLICY: Project = { config: emptyConfig(CORPUS_DIR), policies: [], applicable: [], policyFiles: [] };

/** A finding whose data path has a hop in another file: a path across flows. */
function crossFlow(f: Finding): boolean {
  return (f.related ?? []).some((r) => r.hop !== undefined && r.file !== f.file);
}

function describeFinding(f: Finding): string {
  return `${f.ruleId} ${path.posix.basename(f.file)}#${f.action} from ${f.data?.source}`;
}

describe('corpus: child flows and paths across them', function () {
  this.timeout(300_000);
  const workspaces = new Map<string, Workspace>();

  before(async function () {
    requireCorpus(this);
    for (const repo of REPOS) workspaces.set(repo, await loadPaths([repo], { cwd: CORPUS_DIR, maxFiles: 100_000 }));
  });

  it('resolves every "Run a Child Flow" whose child the repository holds', () => {
    const counts: Record<string, { resolved: number; ownSolution: number; unresolved: number }> = {};
    for (const [repo, ws] of workspaces) {
      const index = WorkspaceIndex.ofFlows(ws.flows);
      const c = { resolved: 0, ownSolution: 0, unresolved: 0 };
      for (const key of index.keys()) {
        for (const { call, child } of index.callsOf(key)) {
          assert.match(call.workflowId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
          if (!child) c.unresolved++;
          else {
            c.resolved++;
            if (child.solution === index.outline(key)?.solution) c.ownSolution++;
          }
        }
      }
      counts[repo] = c;
    }
    console.log(`      ${Object.entries(counts).map(([r, c]) => `${r}: ${c.resolved} resolved (${c.ownSolution} in the caller's solution), ${c.unresolved} unresolved`).join('; ')}`);
    assert.deepEqual(counts, {
      // The SCuBA solution (managed and unmanaged zip, 6 calls each) runs CoE Core flows it does not carry.
      'Open-Strata-Commons__SCuBA-coe-starter-kit': { resolved: 94, ownSolution: 94, unresolved: 12 },
      // The Audit, Nurture and ALM components run HELPER flows of the Core Components solution: 43 calls across solutions.
      'austin-slayton__coe-starter-kit': { resolved: 270, ownSolution: 227, unresolved: 0 },
      'microsoft__CopilotStudioSamples': { resolved: 2, ownSolution: 2, unresolved: 0 },
    });
  });

  it('with no policy: finds each path across flows that was read, the notes on the missing children, and no loop of flows', () => {
    const cross: string[] = [];
    const notes: string[] = [];
    let loops = 0;
    for (const ws of workspaces.values()) {
      const result = lintWorkspace(ws, NO_POLICY, allRules);
      assert.deepEqual(result.unreadable, []);
      for (const f of result.findings) {
        if (crossFlow(f) && f.ruleId.startsWith('exfiltration/') && f.ruleId !== 'exfiltration/unresolved-child-flow') cross.push(describeFinding(f));
        if (f.ruleId === 'exfiltration/unresolved-child-flow') notes.push(`${path.posix.basename(f.file)}#${f.action}${f.data?.businessData ? ' (business data)' : ''}`);
        if (f.ruleId === 'reliability/runaway-loop' && crossFlow(f)) loops++;
      }
    }
    console.log(`      ${cross.length} paths across flows, ${notes.length} notes on child flows not in the repository, ${loops} loops of flows`);
    // Each was read. All are real paths: business data does reach an HTTP call in another flow
    // than the one that read it. None is a leak: each call goes to a Microsoft admin API whose URL
    // the flow builds at run time (Power Platform BAP and Dataverse Web API of the environment,
    // Graph through an environment variable), which the rule cannot check, as for its local paths.
    assert.deepEqual(cross.sort(), [
      // ALM Accelerator: the project row's environment name and solution name, passed to child flows that call the environment's Dataverse API.
      'exfiltration/http-data-path CreateSolution-C5ECB6EA-E4E1-EA11-A813-000D3A1ABE26.json#Create_Solution from When_a_record_is_created,_updated_or_deleted',
      'exfiltration/http-data-path CreateSolution-C5ECB6EA-E4E1-EA11-A813-000D3A1ABE26.json#Get_Solution_ from When_a_record_is_created,_updated_or_deleted',
      'exfiltration/http-data-path GetAppsAndFlows-73024DFE-53F2-EA11-A815-000D3A56B702.json#Get_Apps from Mark_Build_Request_Completed',
      'exfiltration/http-data-path GetSolution-B4EA7F57-D0EE-EA11-A817-000D3A1ABE26.json#Get_Solution_ from Mark_Build_Request_Completed',
      // CoE Core: an app owner's id passed to HELPER - Maker Check, which looks it up in Graph (its URL an environment variable).
      'exfiltration/http-data-path HELPER-MakerCheck-9301F01A-CB40-EC11-8C62-00224829B4C1.json#Look_up_in_AD_for_Service_Principles_New_App from When_Power_Apps_Admin_Risk_Assessment_-_State_is_modified',
      // SCuBA (both zips): DLP policy JSON that child flows build from the solution's Dataverse tables, pushed to the BAP admin API.
      ...['', ''].flatMap(() => [
        'exfiltration/http-data-path ApiRequestProxy-BAP-0A7E821B-0D54-F011-877A-7C1E520A4E64.json#BAP_Api_Request from ScubaConfiguration',
        'exfiltration/http-data-path SCuBADLPPushPushPolicy-1D6E9445-B340-F011-B4CB-7C1E5215EA1B.json#Patch_Policy from Get_a_row_by_ID',
        'exfiltration/http-data-path SCuBADLPPushPushPolicy-1D6E9445-B340-F011-B4CB-7C1E5215EA1B.json#Post_New_Policy from Get_a_row_by_ID',
        'exfiltration/http-data-path SCuBADLPPushPushPolicy-1D6E9445-B340-F011-B4CB-7C1E5215EA1B.json#Push_Connector_Configurations from Endpoint_Configurations',
        'exfiltration/http-data-path SCuBADLPPushPushPolicy-1D6E9445-B340-F011-B4CB-7C1E5215EA1B.json#Push_urlPatterns from List_rows',
      ]),
    ].sort());
    assert.equal(notes.length, 12);
    assert.deepEqual(notes.filter((n) => n.endsWith('(business data)')), [
      'DLPRequestSyncSharedPolicies-9CC88B7B-4968-EC11-8F8F-000D3A13D289.json#Run_a_Child_Flow (business data)',
      'DLPRequestSyncSharedPolicies-9CC88B7B-4968-EC11-8F8F-000D3A13D289.json#Run_a_Child_Flow (business data)',
    ]);
    assert.equal(loops, 0);
  });

  for (const policyFile of corpusFiles((name) => name.endsWith('.json')).filter((f) => f.includes(`${path.sep}dlp${path.sep}`))) {
    it(`counts the paths across flows under ${path.relative(CORPUS_DIR, policyFile)}`, async () => {
      const project = await loadProject({ cwd: CORPUS_DIR, configFile: undefined, searchFrom: '/', policies: [policyFile] });
      const counts = new Map<string, number>();
      for (const ws of workspaces.values()) {
        for (const f of lintWorkspace(ws, project, allRules).findings.filter(crossFlow)) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
      }
      console.log(`      ${[...counts].map(([k, n]) => `${k}: ${n}`).join('; ') || 'no paths across flows'}`);
    });
  }
});
