import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Unreadable } from '../core/findings';
import { fileProblemDiagnostic, findingDiagnostic, type DiagnosticOptions, type FileProblemCode } from './diagnostics';
import { fileOfDisplayPath } from './paths';

const ARCHIVE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * No editor opens an entry of a zip, so its diagnostics go on the archive's first line, and the
 * message names the entry and the position in it, as the SARIF report does.
 */
function onArchive(diagnostic: Diagnostic, entry: string): Diagnostic {
  const { line, character } = diagnostic.range.start;
  return { ...diagnostic, range: ARCHIVE_START, message: `${entry}:${line + 1}:${character + 1}: ${diagnostic.message}` };
}

/** Diagnostics by absolute file, gathered from the results of linting a folder. */
export class FileDiagnostics {
  readonly byFile = new Map<string, Diagnostic[]>();

  constructor(private readonly options: DiagnosticOptions) {}

  findings(findings: readonly Finding[]): void {
    // Suppressed findings are accepted decisions: the editor, like stylish and JSON, leaves them out.
    for (const finding of findings) if (!finding.suppressed) this.add(finding.file, findingDiagnostic(finding, this.options));
  }

  problems(problems: readonly Unreadable[], code: FileProblemCode): void {
    for (const problem of problems) this.add(problem.file, fileProblemDiagnostic(problem, code));
  }

  private add(display: string, diagnostic: Diagnostic): void {
    const { file, entry } = fileOfDisplayPath(display, this.options.cwd);
    const list = this.byFile.get(file) ?? [];
    list.push(entry === undefined ? diagnostic : onArchive(diagnostic, entry));
    this.byFile.set(file, list);
  }
}
