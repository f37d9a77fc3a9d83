import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client';

/** Starts and stops the language server to follow the `flowguard.enable` setting, and restarts it on request. */
export class ServerControl implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly started = new vscode.EventEmitter<LanguageClient>();
  private readonly stopped = new vscode.EventEmitter<void>();
  /** A new server has started and answers requests: register notification handlers on it here. */
  readonly onDidStart = this.started.event;
  readonly onDidStop = this.stopped.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel) {}

  /** Runs after any start or stop still under way, so toggling the setting quickly never starts two servers. */
  apply(enabled: boolean): Promise<void> {
    return this.enqueue(enabled ? 'start' : 'stop', () => (enabled ? this.start() : this.stop()));
  }

  restart(): Promise<void> {
    return this.enqueue('restart', async () => {
      await this.stop();
      await this.start();
    });
  }

  /** The running client once every queued start or stop is done; nothing while FlowGuard is off or failed to start. */
  async ready(): Promise<LanguageClient | undefined> {
    await this.queue;
    return this.client?.isRunning() ? this.client : undefined;
  }

  dispose(): void {
    this.started.dispose();
    this.stopped.dispose();
  }

  private enqueue(what: string, step: () => Promise<void>): Promise<void> {
    this.queue = this.queue
      .then(step)
      .catch((error: unknown) => this.output.error(`FlowGuard: could not ${what} the language server: ${error instanceof Error ? error.message : String(error)}`));
    return this.queue;
  }

  private async start(): Promise<void> {
    if (this.client) return;
    this.watcher = vscode.workspace.createFileSystemWatcher('**/{flowguard.json,*.json}');
    const client = createLanguageClient(this.context, this.output, this.watcher);
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.started.fire(client);
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
      if (client) this.stopped.fire();
    }
  }
}
