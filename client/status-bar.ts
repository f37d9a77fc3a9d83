import * as vscode from 'vscode';
import type { DiagnosticCounts, FlowGuardDiagnostics } from './flowguard-diagnostics';

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function statusText(counts: DiagnosticCounts): string {
  return `$(shield) FlowGuard $(error) ${counts.errors} $(warning) ${counts.warnings}`;
}

/** FlowGuard's errors and warnings across the workspace; a click opens the Problems panel. Hidden while FlowGuard is off. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('flowguard.status', vscode.StatusBarAlignment.Left, 0);
  private readonly subscription: vscode.Disposable;
  private visible = false;

  constructor(private readonly diagnostics: FlowGuardDiagnostics) {
    this.item.name = 'FlowGuard';
    this.item.command = 'workbench.actions.view.problems';
    this.subscription = diagnostics.onDidChange(() => this.render());
    this.render();
  }

  /** What the item shows now; the end-to-end suite reads it. */
  get text(): string {
    return this.visible ? this.item.text : '';
  }

  show(visible: boolean): void {
    this.visible = visible;
    if (visible) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private render(): void {
    const counts = this.diagnostics.counts();
    this.item.text = statusText(counts);
    this.item.tooltip = `FlowGuard: ${plural(counts.errors, 'error')} and ${plural(counts.warnings, 'warning')} in ${plural(counts.files, 'file')}. Click to open the Problems panel.`;
  }
}
