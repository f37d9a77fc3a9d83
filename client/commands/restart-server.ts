import * as vscode from 'vscode';
import type { ServerControl } from '../server-control';
import { readSettings } from '../settings';

export const RESTART_SERVER = 'flowguard.restartServer';

/** 'off' when flowguard.enable keeps the server stopped, 'failed' when it did not come back (the output says why). */
export type RestartServerResult = 'restarted' | 'off' | 'failed';

/**
 * Stops the language server and starts a new one, which reads flowguard.json, the policies and
 * the workspace afresh: the way out when the server is stuck, without reloading the window.
 */
export async function restartServer(control: ServerControl): Promise<RestartServerResult> {
  if (!readSettings().enable) {
    void vscode.window.showInformationMessage('FlowGuard is turned off (flowguard.enable); turn it on to start the server.');
    return 'off';
  }
  await control.restart();
  if (await control.ready()) return 'restarted';
  void vscode.window.showErrorMessage('FlowGuard: the language server did not start again. FlowGuard: Show Output says why.');
  return 'failed';
}
