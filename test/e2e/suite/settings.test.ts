import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FlowGuardApi } from '../../../client/api';
import { diagnosticsFor, withCode } from './diagnostics-events';
import { childLabelled, flowGuardApi, nextEvent } from './flowguard-api';
import { DROPBOX_FLOW_NAME, openDropboxFlow } from './samples';

/**
 * Sets flowguard.enable in the user settings (the editor's temporary profile; a workspace value
 * would write into samples/). Resolves once VS Code has announced the change, by which time the
 * extension's own listener, registered at activation, has acted on it.
 */
async function setEnabled(enabled: boolean): Promise<void> {
  const changed = nextEvent(vscode.workspace.onDidChangeConfiguration, 'the flowguard.enable change');
  await vscode.workspace.getConfiguration('flowguard').update('enable', enabled, vscode.ConfigurationTarget.Global);
  await changed;
}

describe('flowguard.enable', () => {
  let api: FlowGuardApi;

  before(async () => {
    api = await flowGuardApi();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('flowguard').update('enable', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('off: stops the server, hides the status bar item and empties the connectors view; on: all back', async () => {
    const uri = (await openDropboxFlow()).document.uri;
    await diagnosticsFor(uri, withCode('dlp/blocked-connector'));

    const cleared = diagnosticsFor(uri, (diagnostics) => !diagnostics.some((d) => d.source === 'flowguard'));
    await setEnabled(false);
    // Refresh asks again once the stop under way is done.
    await vscode.commands.executeCommand('flowguard.connectors.refresh');
    assert.deepEqual(await api.connectorsTree.getChildren(), []);
    assert.equal(api.connectorsTree.state, 'off', 'the view shows its "turned off" welcome');
    assert.equal(api.statusText(), '');
    await cleared;

    const back = diagnosticsFor(uri, withCode('dlp/blocked-connector'));
    await setEnabled(true);
    await vscode.commands.executeCommand('flowguard.connectors.refresh');
    await childLabelled(api, DROPBOX_FLOW_NAME);
    assert.equal(api.connectorsTree.state, 'ready');
    await back;
    assert.match(api.statusText(), /FlowGuard/);
  });
});
