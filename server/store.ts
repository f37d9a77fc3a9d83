import type { Diagnostic } from 'vscode-languageserver/node';

/** A buffer that does not parse or validate is newer than the saved file a project was loaded from. */
function hasOwnFileProblem(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.code === 'parse-error' || d.code === 'config-error');
}

function same(a: readonly Diagnostic[] | undefined, b: readonly Diagnostic[] | undefined): boolean {
  // The very list: a file a pass streamed (streamWorkspace) comes again in its full result.
  if (a === b) return true;
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

interface Own {
  diagnostics: Diagnostic[];
  /** The buffer is a flow or a flowguard.json: what it says replaces what the saved file said. */
  replacesSaved: boolean;
}

/**
 * The diagnostics of each file, from three producers: linting the file's open buffer, linting
 * the saved workspace, and loading the projects that read it (a flowguard.json or policy file in
 * error). LSP replaces a file's diagnostics as a whole, so every publication sends the union:
 * the buffer's results when it has its own say, else the saved file's, and the project's.
 */
export class DiagnosticStore {
  private readonly own = new Map<string, Own>();
  private workspace = new Map<string, Diagnostic[]>();
  private project = new Map<string, Diagnostic[]>();

  constructor(private readonly send: (file: string, diagnostics: Diagnostic[]) => void) {}

  /**
   * `replacesSaved` false: the buffer is JSON FlowGuard does not lint on its own (an environment
   * variable's values, deployment settings), so the saved file's workspace results still show.
   */
  setOwn(file: string, diagnostics: Diagnostic[], replacesSaved = true): void {
    this.own.set(file, { diagnostics, replacesSaved });
    this.publish(file);
  }

  clearOwn(file: string): void {
    if (this.own.delete(file)) this.publish(file);
  }

  /** Replaces every workspace diagnostic at once and republishes only the files whose set changed. */
  setWorkspace(byFile: Map<string, Diagnostic[]>): void {
    const before = this.workspace;
    this.workspace = byFile;
    // An open buffer with its own say shows none of it, so it needs no publication.
    this.republishChanged(before, byFile, (file) => this.own.get(file)?.replacesSaved !== true);
  }

  /**
   * Some files' workspace diagnostics while a pass runs, published now if they changed: the
   * pass's setWorkspace, which comes with the same lists, then publishes only the rest.
   */
  streamWorkspace(files: readonly [string, Diagnostic[]][]): void {
    for (const [file, diagnostics] of files) {
      const before = this.workspace.get(file);
      this.workspace.set(file, diagnostics);
      if (this.own.get(file)?.replacesSaved !== true && !same(before, diagnostics)) this.publish(file);
    }
  }

  /**
   * Replaces the saved-file diagnostics of one file, linted again between passes because a flow it
   * runs or that runs it changed (see cross-flow.ts); the next pass replaces them with the rest.
   */
  setWorkspaceFile(file: string, diagnostics: Diagnostic[]): void {
    const before = this.workspace.get(file);
    if (diagnostics.length > 0) this.workspace.set(file, diagnostics);
    else this.workspace.delete(file);
    if (this.own.get(file)?.replacesSaved !== true && !same(before, diagnostics)) this.publish(file);
  }

  /** Replaces every project diagnostic at once and republishes only the files whose set changed. */
  setProject(byFile: Map<string, Diagnostic[]>): void {
    const before = this.project;
    this.project = byFile;
    this.republishChanged(before, byFile);
  }

  private republishChanged(before: Map<string, Diagnostic[]>, after: Map<string, Diagnostic[]>, shows: (file: string) => boolean = () => true): void {
    for (const file of new Set([...before.keys(), ...after.keys()])) {
      if (shows(file) && !same(before.get(file), after.get(file))) this.publish(file);
    }
  }

  private publish(file: string): void {
    const own = this.own.get(file);
    const buffer = own?.replacesSaved ? own.diagnostics : [...(own?.diagnostics ?? []), ...(this.workspace.get(file) ?? [])];
    // The open buffer's own parse or config error is newer than the saved file's, and would repeat it.
    const fromProject = own && hasOwnFileProblem(own.diagnostics) ? [] : (this.project.get(file) ?? []);
    this.send(file, [...buffer, ...fromProject]);
  }
}
