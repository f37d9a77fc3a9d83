import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RestartServerResult } from '../../../client/commands/restart-server';
import { diagnosticsFor, withCode } from './diagnostics-events';
import { flowGuardApi, nextEvent } from './flowguard-api';
import { openDropboxFlow } from './samples';

const BLOCKED = 'dlp/blocked-connector';
const ours = (diagnostics: readonly vscode.Diagnostic[]): boolean => diagnostics.some((d) => d.source === 'flowguard');

describe('FlowGuard: Restart Server', () => {
  before(() => flowGuardApi());

  after(async () => {
    await vscode.workspace.getConfiguration('flowguard').update('enable', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is in the command palette under FlowGuard', async () => {
    const extension = vscode.extensions.getExtension('flowguard.flowguard');
    const contributed = (extension?.packageJSON as { contributes: { commands: { command: string; title: string; category: string }[] } }).contributes.commands;
    assert.deepEqual(contributed.find((c) => c.command === 'flowguard.restartServer'), { command: 'flowguard.restartServer', title: 'Restart Server', category: 'FlowGuard', icon: '$(debug-restart)' });
    assert.ok((await vscode.commands.getCommands(true)).includes('flowguard.restartServer'));
  });

  it("stops the server, whose findings leave the Problems panel, and starts a new one, whose findings come back", async () => {
    const uri = (await openDropboxFlow()).document.uri;
    await diagnosticsFor(uri, withCode(BLOCKED));
    const cleared = diagnosticsFor(uri, (diagnostics) => !ours(diagnostics));
    const restarted = vscode.commands.executeCommand<RestartServerResult>('flowguard.restartServer');
    await cleared;
    assert.equal(await restarted, 'restarted');
    await diagnosticsFor(uri, withCode(BLOCKED));
  });

  it('leaves the server off while flowguard.enable is false, and says so', async () => {
    const changed = nextEvent(vscode.workspace.onDidChangeConfiguration, 'the flowguard.enable change');
    await vscode.workspace.getConfiguration('flowguard').update('enable', false, vscode.ConfigurationTarget.Global);
    await changed;
    try {
      assert.equal(await vscode.commands.executeCommand<RestartServerResult>('flowguard.restartServer'), 'off');
    } finally {
      const back = nextEvent(vscode.workspace.onDidChangeConfiguration, 'the flowguard.enable change back');
      await vscode.workspace.getConfiguration('flowguard').update('enable', undefined, vscode.ConfigurationTarget.Global);
      await back;
    }
    const uri = (await openDropboxFlow()).document.uri;
    await diagnosticsFor(uri, withCode(BLOCKED));
  });
});
