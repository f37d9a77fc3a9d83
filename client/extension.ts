import * as vscode from 'vscode';
import { ServerControl } from './server-control';

let control: ServerControl | undefined;

function enabled(): boolean {
  return vscode.workspace.getConfiguration('flowguard').get<boolean>('enable', true);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Created here rather than by the client, so Show Output works while the server is off.
  const output = vscode.window.createOutputChannel('FlowGuard', { log: true });
  control = new ServerControl(context, output);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('flowguard.showOutput', () => output.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('flowguard.enable')) void control?.apply(enabled());
    }),
  );
  await control.apply(enabled());
}

export function deactivate(): Promise<void> | undefined {
  return control?.apply(false);
}
