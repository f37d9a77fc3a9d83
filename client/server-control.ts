import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client';

/** Starts and stops the language server to follow the `flowguard.enable` setting. */
export class ServerControl {
  private client: LanguageClient | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel) {}

  /** Runs after any start or stop still under way, so toggling the setting quickly never starts two servers. */
  apply(enabled: boolean): Promise<void> {
    this.queue = this.queue
      .then(() => (enabled ? this.start() : this.stop()))
      .catch((error: unknown) => this.output.error(`FlowGuard: could not ${enabled ? 'start' : 'stop'} the language server: ${error instanceof Error ? error.message : String(error)}`));
    return this.queue;
  }

  private async start(): Promise<void> {
    if (this.client) return;
    this.watcher = vscode.workspace.createFileSystemWatcher('**/{flowguard.json,*.json}');
    this.client = createLanguageClient(this.context, this.output, this.watcher);
    try {
      await this.client.start();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  private async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    try {
      // A client whose start failed has nothing to stop, and stop() would throw.
      if (client?.isRunning()) await client.stop();
    } finally {
      this.watcher?.dispose();
      this.watcher = undefined;
    }
  }
}
