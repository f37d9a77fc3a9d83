import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { readSettings } from './settings';

/**
 * The client for the bundled server. It sends every JSON file: the server decides what is a flow,
 * since only it parses them. The watcher tells the server when flowguard.json or a policy changes
 * on disk, edited here or elsewhere; it stays the caller's to dispose. The server learns when to
 * lint (`flowguard.run`) from the initialization options, then from didChangeConfiguration, which
 * the client sends with the whole `flowguard` section whenever it changes.
 */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, watcher: vscode.FileSystemWatcher): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'file', pattern: '**/*.json' },
    ],
    synchronize: { fileEvents: watcher, configurationSection: 'flowguard' },
    initializationOptions: { run: readSettings().run },
    outputChannel,
  };
  // The id 'flowguard' makes the client honour the `flowguard.trace.server` setting.
  return new LanguageClient('flowguard', 'FlowGuard', serverOptions, clientOptions);
}
