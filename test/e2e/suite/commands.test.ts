import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CreateConfigResult } from '../../../client/commands/create-config';
import type { LintWorkspaceResult } from '../../../client/commands/lint-workspace';
import { codeOf, diagnosticsFor, withCode } from './diagnostics-events';
import { flowGuardApi, nextEvent } from './flowguard-api';
import { DROPBOX_ACTION, dropboxFlowUri, openDropboxFlow, samplesFolder } from './samples';

const BLOCKED = 'dlp/blocked-connector';

describe('FlowGuard commands', () => {
  before(async () => {
    await flowGuardApi();
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('contributes its commands under the FlowGuard category', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['flowguard.lintWorkspace', 'flowguard.createConfig', 'flowguard.showOutput', 'flowguard.openLocation', 'flowguard.connectors.groupByConnector', 'flowguard.connectors.groupByFlow', 'flowguard.connectors.refresh']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it('Create flowguard.json leaves the existing samples/flowguard.json as it is, and says so', async () => {
    const folder = samplesFolder();
    const config = vscode.Uri.joinPath(folder.uri, 'flowguard.json');
    const before = await vscode.workspace.fs.readFile(config);
    const result = await vscode.commands.executeCommand<CreateConfigResult>('flowguard.createConfig');
    assert.equal(result.status, 'exists');
    assert.ok(result.status === 'exists' && result.message.includes('already has a flowguard.json'), `message: ${JSON.stringify(result)}`);
    assert.deepEqual(await vscode.workspace.fs.readFile(config), before, 'flowguard.json changed');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, 'dlp'))), 'no policy skeleton is written beside an existing configuration');
  });

  it('Open Location takes a URI string and a range as LSP sends them', async () => {
    const uri = await dropboxFlowUri();
    const range = { start: { line: DROPBOX_ACTION.line, character: DROPBOX_ACTION.character }, end: { line: DROPBOX_ACTION.line, character: DROPBOX_ACTION.character + 5 } };
    await vscode.commands.executeCommand('flowguard.openLocation', uri.toString(), range);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.ok(editor.selection.isEqual(new vscode.Range(DROPBOX_ACTION, DROPBOX_ACTION.translate(0, 5))), 'the range is selected');
  });

  it("Lint Workspace runs the server's workspace pass, which refreshes the connectors view", async () => {
    const api = await flowGuardApi();
    const editor = await openDropboxFlow();
    await diagnosticsFor(editor.document.uri, withCode(BLOCKED));
    // The server announces the end of each pass (flowguard/workspaceLinted), and the view refreshes on it.
    const refreshed = nextEvent(api.connectorsTree.onDidChangeTreeData, 'a refresh after the workspace pass');
    const how = await vscode.commands.executeCommand<LintWorkspaceResult>('flowguard.lintWorkspace');
    assert.equal(how, 'command', 'the server advertises flowguard.server.lintWorkspace');
    await refreshed;
    const diagnostics = await diagnosticsFor(editor.document.uri, withCode(BLOCKED));
    assert.ok(diagnostics.some((d) => d.source === 'flowguard' && codeOf(d) === BLOCKED));
  });
});
