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
  return nodes.map((n) => (n.kind === 'flow' ? n.flow.name : n.kind === 'connector' ? n.name : n.action.name));
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
});
