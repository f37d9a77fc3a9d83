import * as path from 'node:path';
import { FileChangeType, type Diagnostic, type FileEvent, type PublishDiagnosticsParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE } from '../core/config/find';
import { Debouncer } from './debounce';
import { fileProblemDiagnostic } from './diagnostics';
import { guarded, settle, type Log } from './guard';
import { checkConfigDocument, lintFlowDocument } from './lint-document';
import type { Logger } from './logger';
import { pathOfUri, uriOfPath } from './paths';
import { Projects, type FileChange } from './projects';
import { DiagnosticStore } from './store';
import type { WorkspaceRoots } from './workspace-roots';

/** Long enough to coalesce a burst of keystrokes, short enough to feel immediate. */
const LINT_DELAY_MS = 200;
/** A debouncer key no document URI can take: the re-lint of every open document. */
const ALL = '*';

const CHANGE: Record<FileChangeType, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

export interface SessionOptions {
  documents: TextDocuments<TextDocument>;
  sendDiagnostics(params: PublishDiagnosticsParams): void;
  log: Logger;
  roots: WorkspaceRoots;
  /** The client accepts relatedInformation. */
  related: boolean;
}

function isJson(document: TextDocument): boolean {
  return document.languageId === 'json' || document.languageId === 'jsonc' || /\.json$/i.test(document.uri);
}

/** Decides when each open document is linted and where the results go; the engine does the linting. */
export class Session {
  private readonly debouncer = new Debouncer(LINT_DELAY_MS);
  private readonly projects: Projects;
  private readonly store: DiagnosticStore;
  /** Open documents by file, with the exact URI their client used, which diagnostics must repeat. */
  private readonly open = new Map<string, string>();
  private readonly flows = new Set<string>();
  private readonly logError: Log = (message) => this.options.log.error(message);

  constructor(private readonly options: SessionOptions) {
    this.projects = new Projects(options.log);
    this.store = new DiagnosticStore((file, diagnostics) => options.sendDiagnostics({ uri: this.uriOf(file), diagnostics }));
  }

  opened(document: TextDocument): void {
    const file = pathOfUri(document.uri);
    if (file && isJson(document)) this.open.set(file, document.uri);
  }

  changed(document: TextDocument): void {
    if (isJson(document)) this.debouncer.schedule(document.uri, guarded(this.logError, 'linting', () => this.lint(document.uri)));
  }

  closed(document: TextDocument): void {
    this.debouncer.cancel(document.uri);
    this.flows.delete(document.uri);
    const file = pathOfUri(document.uri);
    if (!file || this.open.get(file) !== document.uri) return;
    this.open.delete(file);
    this.store.clearOwn(file);
  }

  /** Clients without file watchers (Neovim) still reload a project when its files are saved here. */
  saved(document: TextDocument): void {
    const file = pathOfUri(document.uri);
    if (file && (path.basename(file) === CONFIG_FILE || this.projects.isInput(file))) this.invalidate([{ file, change: 'changed' }]);
  }

  filesChanged(changes: readonly FileEvent[]): void {
    this.invalidate(changes.flatMap((c) => {
      const file = pathOfUri(c.uri);
      return file ? [{ file, change: CHANGE[c.type] ?? 'changed' }] : [];
    }));
  }

  shutdown(): void {
    this.debouncer.cancelAll();
  }

  private invalidate(changes: { file: string; change: FileChange }[]): void {
    let dropped = false;
    for (const { file, change } of changes) dropped = this.projects.invalidate(file, change) || dropped;
    if (dropped) this.debouncer.schedule(ALL, guarded(this.logError, 're-linting', () => this.relintAll()));
  }

  private async relintAll(): Promise<void> {
    const uris = this.options.documents.keys();
    for (const uri of uris) this.debouncer.cancel(uri);
    await Promise.all(uris.map((uri) => settle(this.logError, `linting ${uri}`, () => this.lint(uri))));
    // With no open document left to reload them, the errors of dropped projects still go away.
    this.refreshProjectDiagnostics();
  }

  private async lint(uri: string): Promise<void> {
    const document = this.options.documents.get(uri);
    const file = pathOfUri(uri);
    if (!document || !file || !isJson(document)) return;
    const version = document.version;
    const text = document.getText();
    const cwd = this.options.roots.cwdFor(file);

    let diagnostics: Diagnostic[];
    if (path.basename(file) === CONFIG_FILE) {
      diagnostics = checkConfigDocument(file, text, cwd);
      // Loading it too shows what the buffer alone cannot: a policy file that is missing or broken.
      await this.projects.get(file, cwd);
    } else {
      const result = await lintFlowDocument({
        file,
        text,
        cwd,
        wasFlow: this.flows.has(uri),
        project: () => this.projects.get(file, cwd),
        diagnostics: { related: this.options.related, uriOf: (f) => this.uriOf(f) },
        log: this.options.log,
      });
      if (result.isFlow) this.flows.add(uri);
      else this.flows.delete(uri);
      diagnostics = result.diagnostics;
    }
    this.refreshProjectDiagnostics();
    // Edited or closed while the project loaded: these results describe text that is gone.
    if (this.options.documents.get(uri)?.version !== version) return;
    this.store.setOwn(file, diagnostics);
  }

  private refreshProjectDiagnostics(): void {
    const byFile = new Map<string, Diagnostic[]>();
    for (const [file, errors] of this.projects.errors()) byFile.set(file, errors.map((e) => fileProblemDiagnostic(e, 'config-error')));
    this.store.setProject(byFile);
  }

  private uriOf(file: string): string {
    return this.open.get(file) ?? uriOfPath(file);
  }
}
