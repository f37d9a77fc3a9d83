import * as vscode from 'vscode';

/** The `source` the server puts on every diagnostic it publishes. */
export const DIAGNOSTIC_SOURCE = 'flowguard';

export interface DiagnosticCounts {
  errors: number;
  warnings: number;
  /** Files with at least one FlowGuard diagnostic. */
  files: number;
}

interface FileCounts {
  errors: number;
  warnings: number;
}

function countsOf(uri: vscode.Uri): FileCounts | undefined {
  let errors = 0;
  let warnings = 0;
  let ours = false;
  for (const diagnostic of vscode.languages.getDiagnostics(uri)) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    ours = true;
    if (diagnostic.severity === vscode.DiagnosticSeverity.Error) errors++;
    else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) warnings++;
  }
  return ours ? { errors, warnings } : undefined;
}

/**
 * FlowGuard's diagnostics across the workspace, counted per file as they change. Fires only when
 * a file's FlowGuard diagnostics come, go or change in number: VS Code's own JSON errors and other
 * extensions' diagnostics pass by without a refresh.
 */
export class FlowGuardDiagnostics implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly perFile = new Map<string, FileCounts>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.subscription = vscode.languages.onDidChangeDiagnostics((event) => this.update(event.uris));
    this.update(vscode.languages.getDiagnostics().map(([uri]) => uri));
  }

  counts(): DiagnosticCounts {
    let errors = 0;
    let warnings = 0;
    for (const file of this.perFile.values()) {
      errors += file.errors;
      warnings += file.warnings;
    }
    return { errors, warnings, files: this.perFile.size };
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  private update(uris: readonly vscode.Uri[]): void {
    let changed = false;
    for (const uri of uris) {
      const key = uri.toString();
      const before = this.perFile.get(key);
      const now = countsOf(uri);
      // A file whose messages changed but not their number still counts: the tree may differ.
      changed ||= before !== undefined || now !== undefined;
      if (now) this.perFile.set(key, now);
      else this.perFile.delete(key);
    }
    if (changed) this.emitter.fire();
  }
}
