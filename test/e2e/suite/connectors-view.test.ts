import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FlowGuardApi } from '../../../client/api';
import { codeOf, diagnosticsFor } from './diagnostics-events';
import { childLabelled, childrenOf, flowGuardApi, nextEvent } from './flowguard-api';
import { DROPBOX_ACTION, DROPBOX_FLOW_NAME, dropboxFlowUri, openDropboxFlow } from './samples';

const DROPBOX = 'Dropbox';
const DROPBOX_ACTION_NAME = 'Create_file_in_Dropbox';

describe('Flow Connectors view', () => {
  let api: FlowGuardApi;

  before(async () => {
    api = await flowGuardApi();
    await vscode.commands.executeCommand('flowguard.connectors.groupByFlow');
  });

  after(async () => {
    await vscode.commands.executeCommand('flowguard.connectors.groupByFlow');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists each flow, its connectors with their DLP group, and the actions using them', async () => {
    const flow = await childLabelled(api, DROPBOX_FLOW_NAME);
    const dropbox = await childLabelled(api, DROPBOX, flow.node);
    assert.equal(dropbox.item.description, 'Blocked');
    assert.equal(dropbox.item.contextValue, 'flowguard.connector.blocked');
    assert.ok(dropbox.item.iconPath instanceof vscode.ThemeIcon && dropbox.item.iconPath.id === 'circle-slash', 'Blocked has its own icon');
    const action = await childLabelled(api, DROPBOX_ACTION_NAME, dropbox.node);
    assert.equal(action.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    const groups = new Set((await childrenOf(api, flow.node)).map((c) => c.item.description));
    assert.ok(groups.size > 1, `the flow mixes groups: ${[...groups].join(', ')}`);
  });

  it('opens the file and selects the action when an action is clicked', async () => {
    const flow = await childLabelled(api, DROPBOX_FLOW_NAME);
    const dropbox = await childLabelled(api, DROPBOX, flow.node);
    const { command } = (await childLabelled(api, DROPBOX_ACTION_NAME, dropbox.node)).item;
    assert.equal(command?.command, 'flowguard.openLocation');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), (await dropboxFlowUri()).toString());
    assert.ok(editor.selection.start.isEqual(DROPBOX_ACTION), `selection starts at ${editor.selection.start.line}:${editor.selection.start.character}`);
    assert.match(editor.document.getText(editor.selection), new RegExp(DROPBOX_ACTION_NAME));
  });

  it('groups by connector across flows, Blocked first, and back by flow', async () => {
    await vscode.commands.executeCommand('flowguard.connectors.groupByConnector');
    assert.equal(api.connectorsTree.grouping, 'connector');
    const connectors = await childrenOf(api);
    assert.ok(connectors.every((c) => c.node.kind === 'connector'), 'the top level holds connectors');
    assert.match(String(connectors[0]?.item.description), /^Blocked/);
    const dropbox = await childLabelled(api, DROPBOX);
    assert.match(String(dropbox.item.description), /^Blocked · \d+ flows?$/);
    const flow = await childLabelled(api, DROPBOX_FLOW_NAME, dropbox.node);
    await childLabelled(api, DROPBOX_ACTION_NAME, flow.node);

    await vscode.commands.executeCommand('flowguard.connectors.groupByFlow');
    assert.equal(api.connectorsTree.grouping, 'flow');
    assert.ok((await childrenOf(api)).every((c) => c.node.kind === 'flow'), 'the top level holds flows again');
  });

  it('refreshes when FlowGuard diagnostics change', async () => {
    const editor = await openDropboxFlow();
    const uri = editor.document.uri;
    const refreshed = nextEvent(api.connectorsTree.onDidChangeTreeData, 'a refresh of the connectors view');
    const broken = diagnosticsFor(uri, (diagnostics) => diagnostics.some((d) => d.source === 'flowguard' && codeOf(d) === 'parse-error'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '<<<');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was refused');
    await broken;
    await refreshed;
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.isDirty, false, 'undo restored the saved text');
    await childLabelled(api, DROPBOX_FLOW_NAME);
  });
});
