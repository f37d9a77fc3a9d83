import * as vscode from 'vscode';

/** How long a test waits for the language server to publish what it expects. */
const DEADLINE_MS = 45_000;

/** A diagnostic's code as a string: VS Code turns `code` plus `codeDescription` into {value, target}. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export const withCode = (code: string) => (diagnostics: readonly vscode.Diagnostic[]): boolean => diagnostics.some((d) => codeOf(d) === code);

/**
 * Resolves with the diagnostics of `uri` once `accept` takes them: at once if the current ones
 * do, else on the onDidChangeDiagnostics event that brings them. Fails after a generous deadline
 * with what was last seen, so a slow machine is not a failure but a silent server is.
 */
export function diagnosticsFor(uri: vscode.Uri, accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const settle = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      subscription.dispose();
      clearTimeout(timer);
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) settle();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${d.range.start.character} ${codeOf(d) ?? '-'} ${d.message}`);
      reject(new Error(`No matching diagnostics for ${uri.fsPath} within ${DEADLINE_MS} ms; last seen:\n${seen.join('\n') || 'none'}`));
    }, DEADLINE_MS);
    settle();
  });
}
