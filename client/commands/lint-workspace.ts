import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import type { ServerControl } from '../server-control';

export const LINT_WORKSPACE = 'flowguard.lintWorkspace';

/**
 * The server's own command for a workspace pass, when it advertises one. It must differ from the
 * client's command id: the language client registers every advertised command in VS Code, and
 * registering an id twice fails the client's start.
 */
export const SERVER_LINT_WORKSPACE = 'flowguard.server.lintWorkspace';

/** How the workspace was linted: the server's command, or a restart (the server lints the workspace as it starts). */
export type LintWorkspaceResult = 'command' | 'restart' | 'off';

export async function lintWorkspace(control: ServerControl): Promise<LintWorkspaceResult> {
  const client = await control.ready();
  if (!client) {
    void vscode.window.showInformationMessage('FlowGuard is turned off (flowguard.enable); turn it on to lint the workspace.');
    return 'off';
  }
  const advertised = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (advertised.includes(SERVER_LINT_WORKSPACE)) {
    await client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_LINT_WORKSPACE, arguments: [] });
    return 'command';
  }
  await control.restart();
  return 'restart';
}
