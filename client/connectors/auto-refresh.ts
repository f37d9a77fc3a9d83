import * as vscode from 'vscode';
import type { FlowGuardDiagnostics } from '../flowguard-diagnostics';
import type { ServerControl } from '../server-control';
import type { ConnectorsTreeProvider } from './provider';

/** The server's notification that a workspace pass has finished, so groups may have changed without a new finding. */
export const WORKSPACE_LINTED = 'flowguard/workspaceLinted';

/** A burst of publications (one per file in a workspace pass) makes one refresh. */
const REFRESH_DELAY_MS = 300;

/** Marks the tree stale when FlowGuard's diagnostics change, the server re-lints the workspace, or the server starts or stops. */
export class AutoRefresh implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly provider: ConnectorsTreeProvider, diagnostics: FlowGuardDiagnostics, control: ServerControl) {
    this.subscriptions = [
      diagnostics.onDidChange(() => this.schedule()),
      control.onDidStart((client) => {
        // Disposed with the client when it stops.
        client.onNotification(WORKSPACE_LINTED, () => this.schedule());
        this.now();
      }),
      control.onDidStop(() => this.now()),
    ];
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.now(), REFRESH_DELAY_MS);
  }

  private now(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.provider.invalidate();
  }
}
