import type { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity } from 'vscode-languageserver/node';
import { docsUrl } from '../core/engine/rule';
import type { Finding, RelatedLocation, Severity, Unreadable } from '../core/findings';
import type { ArtifactError } from '../core/artifacts/source';
import { redactText } from '../core/secrets/redact';
import { fileOfDisplayPath } from './paths';

export const SOURCE = 'flowguard';

/** Codes of diagnostics that are no rule's finding: the file itself could not be read. */
export type FileProblemCode = 'parse-error' | 'config-error' | 'internal-error';

// LSP's DiagnosticSeverity values, written out: this file runs in the pass worker too
// (workspace-pass.ts), which otherwise would load and set up the whole language server library
// only for these three numbers (measured: a fifth of the worker's start-up).
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: 1,
  warning: 2,
  info: 3,
};

export interface DiagnosticOptions {
  /** The cwd the project was loaded with: display paths in findings are relative to it. */
  cwd: string;
  /** Whether the client accepts relatedInformation (publishDiagnostics client capability). */
  related: boolean;
  /** The URI to use for a file: an open document keeps the exact URI its client sent. */
  uriOf(file: string): string;
}

function relatedInformation(related: RelatedLocation, options: DiagnosticOptions): DiagnosticRelatedInformation {
  const { file, inArchive } = fileOfDisplayPath(related.file, options.cwd);
  // A zip entry's positions are inside the entry, which no editor can open: point at the archive.
  const range = inArchive ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : related.range;
  return { location: { uri: options.uriOf(file), range }, message: inArchive ? `${related.file}: ${related.message}` : related.message };
}

/** Code actions find their finding again by these facts, never by its wording. */
export function factsOf(finding: Finding): Record<string, string | number | boolean> {
  const facts: Record<string, string | number | boolean> = { ruleId: finding.ruleId };
  if (finding.flow !== undefined) facts.flow = finding.flow;
  if (finding.action !== undefined) facts.action = finding.action;
  return { ...facts, ...finding.data };
}

export function findingDiagnostic(finding: Finding, options: DiagnosticOptions): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: finding.message,
    data: factsOf(finding),
  };
  if (options.related && finding.related?.length) diagnostic.relatedInformation = finding.related.map((r) => relatedInformation(r, options));
  return diagnostic;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A file FlowGuard could not read (broken JSON, an invalid flowguard.json or policy) or a rule that threw. */
export function fileProblemDiagnostic(problem: ArtifactError | Unreadable, code: FileProblemCode): Diagnostic {
  // Some loaders write 'file:line:col: ' into the message for the terminal; the editor shows both already.
  const message = problem.message.replace(new RegExp(`^${escapeRegExp(problem.file)}(:\\d+:\\d+)?: `), '');
  // Loaders may quote the value they could not read (a policy entry, a setting): masked as findings are.
  return { range: problem.range, severity: SEVERITY.error, source: SOURCE, code, message: redactText(message) };
}
