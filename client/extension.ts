import * as vscode from 'vscode';
import type { FlowGuardApi } from './api';
import { CREATE_CONFIG, createConfig } from './commands/create-config';
import { LINT_WORKSPACE, lintWorkspace } from './commands/lint-workspace';
import { OPEN_LOCATION, openLocation } from './commands/open-location';
import { RESTART_SERVER, restartServer } from './commands/restart-server';
import { SHOW_RULE_DOCUMENTATION, showRuleDocumentation } from './commands/show-rule-documentation';
import { AutoRefresh } from './connectors/auto-refresh';
import { requestConnectors } from './connectors/protocol';
import { ConnectorsTreeProvider } from './connectors/provider';
import { registerConnectorsView, savedGrouping } from './connectors/view';
import { FlowGuardDiagnostics } from './flowguard-diagnostics';
import { registerSchemaContent } from './schema-content';
import { ServerControl } from './server-control';
import { readSettings } from './settings';
import { StatusBar } from './status-bar';

let control: ServerControl | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<FlowGuardApi> {
  // Created here rather than by the client, so Show Output works while the server is off.
  const output = vscode.window.createOutputChannel('FlowGuard', { log: true });
  const server = new ServerControl(context, output);
  control = server;
  const diagnostics = new FlowGuardDiagnostics();
  const statusBar = new StatusBar(diagnostics);
  const tree = new ConnectorsTreeProvider(
    async () => {
      const client = await server.ready();
      return client ? requestConnectors(client) : undefined;
    },
    output,
    savedGrouping(context.workspaceState),
  );
  const follow = (): Promise<void> => {
    const { enable } = readSettings();
    statusBar.show(enable);
    return server.apply(enable);
  };
  context.subscriptions.push(
    output,
    server,
    diagnostics,
    statusBar,
    tree,
    new AutoRefresh(tree, diagnostics, server),
    ...registerConnectorsView(tree, context.workspaceState),
    registerSchemaContent(context.extensionUri),
    vscode.commands.registerCommand('flowguard.showOutput', () => output.show()),
    vscode.commands.registerCommand(LINT_WORKSPACE, () => lintWorkspace(server)),
    vscode.commands.registerCommand(CREATE_CONFIG, createConfig),
    vscode.commands.registerCommand(OPEN_LOCATION, openLocation),
    vscode.commands.registerCommand(RESTART_SERVER, () => restartServer(server)),
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION, (rule?: unknown) => showRuleDocumentation(context.extensionUri, rule)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('flowguard.enable')) void follow();
    }),
  );
  // Shows the Flow Connectors view: only in workspaces FlowGuard activated in, never in every window.
  await vscode.commands.executeCommand('setContext', 'flowguard.active', true);
  await follow();
  return { connectorsTree: tree, statusText: () => statusBar.text };
}

export function deactivate(): Promise<void> | undefined {
  return control?.apply(false);
}
