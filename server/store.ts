import type { Diagnostic } from 'vscode-languageserver/node';

/** A buffer that does not parse or validate is newer than the saved file a project was loaded from. */
function hasOwnFileProblem(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.code === 'parse-error' || d.code === 'config-error');
}

function same(a: readonly Diagnostic[] | undefined, b: readonly Diagnostic[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/**
 * The diagnostics of each file, from two producers: linting the file's open buffer, and loading
 * the projects that read it (a flowguard.json or policy file in error). LSP replaces a file's
 * diagnostics as a whole, so every publication sends the union of both.
 */
export class DiagnosticStore {
  private readonly own = new Map<string, Diagnostic[]>();
  private project = new Map<string, Diagnostic[]>();

  constructor(private readonly send: (file: string, diagnostics: Diagnostic[]) => void) {}

  setOwn(file: string, diagnostics: Diagnostic[]): void {
    this.own.set(file, diagnostics);
    this.publish(file);
  }

  clearOwn(file: string): void {
    if (this.own.delete(file)) this.publish(file);
  }

  /** Replaces every project diagnostic at once and republishes only the files whose set changed. */
  setProject(byFile: Map<string, Diagnostic[]>): void {
    const before = this.project;
    this.project = byFile;
    for (const file of new Set([...before.keys(), ...byFile.keys()])) {
      if (!same(before.get(file), byFile.get(file))) this.publish(file);
    }
  }

  private publish(file: string): void {
    const own = this.own.get(file) ?? [];
    // The open buffer's own parse or config error is newer than the saved file's, and would repeat it.
    const fromProject = hasOwnFileProblem(own) ? [] : (this.project.get(file) ?? []);
    this.send(file, [...own, ...fromProject]);
  }
}
