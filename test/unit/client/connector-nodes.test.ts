import * as assert from 'node:assert/strict';
import { childNodes, rootNodes, type ConnectorsNode } from '../../../client/connectors/nodes';
import type { ConnectorView, ConnectorsView } from '../../../client/connectors/protocol';

const AT = { start: { line: 3, character: 4 }, end: { line: 3, character: 10 } };

function connector(id: string, name: string, group: ConnectorView['group'], actions: string[]): ConnectorView {
  return { id, name, group, groups: [], actions: actions.map((a) => ({ name: a, kind: 'action', range: AT })) };
}

// Two flows sharing SharePoint, one of them also using Dropbox, which one policy blocks.
const VIEW: ConnectorsView = {
  flows: [
    { name: 'Sync', file: 'file:///w/Sync.json', connectors: [connector('shared_sharepointonline', 'SharePoint', 'business', ['Get_items'])] },
    {
      name: 'Backup',
      file: 'file:///w/Backup.json',
      solution: 'Contoso',
      connectors: [connector('shared_sharepointonline', 'SharePoint', 'business', ['Get_file', 'Update_file']), connector('shared_dropbox', 'Dropbox', 'blocked', ['Create_file'])],
    },
  ],
};

function names(nodes: ConnectorsNode[]): string[] {
  return nodes.map((n) => (n.kind === 'flow' ? n.flow.name : n.kind === 'connector' ? n.name : n.kind === 'child-flow' ? `child ${n.call.child?.name ?? n.call.workflowId}` : n.action.name));
}

describe('client/connectors/nodes', () => {
  it('grouped by flow: flows by name, their connectors in order of use, then the actions of each', () => {
    const flows = rootNodes(VIEW, 'flow');
    assert.deepEqual(names(flows), ['Backup', 'Sync']);
    const connectors = childNodes(flows[0]!);
    assert.deepEqual(names(connectors), ['SharePoint', 'Dropbox']);
    assert.deepEqual(names(childNodes(connectors[0]!)), ['Get_file', 'Update_file']);
  });

  it('grouped by connector: one node per connector across flows, Blocked first, then the flows, then only that connector\'s actions', () => {
    const connectors = rootNodes(VIEW, 'connector');
    assert.deepEqual(names(connectors), ['Dropbox', 'SharePoint']);
    const sharePointFlows = childNodes(connectors[1]!);
    assert.deepEqual(names(sharePointFlows), ['Backup', 'Sync']);
    assert.deepEqual(names(childNodes(sharePointFlows[0]!)), ['Get_file', 'Update_file'], 'Backup\'s Dropbox action is not under SharePoint');
  });

  it('keeps a connector two projects class differently apart, one node per group', () => {
    const view: ConnectorsView = {
      flows: [
        { name: 'A', file: 'file:///a/A.json', connectors: [connector('shared_twitter', 'X', 'nonBusiness', ['Post'])] },
        { name: 'B', file: 'file:///b/B.json', connectors: [connector('shared_twitter', 'X', 'blocked', ['Post'])] },
      ],
    };
    const connectors = rootNodes(view, 'connector');
    assert.deepEqual(connectors.map((n) => (n.kind === 'connector' ? n.group : n.kind)), ['blocked', 'nonBusiness']);
  });
  it('grouped by flow: the child flows a flow runs follow its connectors, named by the child or its id when the workspace lacks it', () => {
    const range = { start: { line: 3, character: 8 }, end: { line: 3, character: 26 } };
    const parent = {
      name: 'Parent',
      file: 'file:///w/Parent.json',
      connectors: [],
      childFlows: [
        { action: 'Run_a_Child_Flow', range, workflowId: '5b8d3f21-3b1d-ee11-9cbe-0022480a1f31', child: { name: 'HELPER - Post', file: 'file:///w/Child.json' } },
        { action: 'Run_missing', range, workflowId: '00000000-0000-0000-0000-000000000001' },
      ],
    };
    const [flow] = rootNodes({ flows: [parent] }, 'flow');
    assert.deepEqual(names(childNodes(flow!)), ['child HELPER - Post', 'child 00000000-0000-0000-0000-000000000001']);
  });
});
