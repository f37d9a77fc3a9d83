import * as path from 'node:path';
import type { InitializeParams } from 'vscode-languageserver/node';
import { isInsideFolder, pathOfUri } from './paths';

/**
 * The folders the client opened. A document is linted with its workspace folder as the cwd, so
 * display paths and policy paths read as they do when the CLI runs from the workspace root.
 */
export class WorkspaceRoots {
  private readonly roots: string[];

  constructor(params: InitializeParams) {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    // Deepest first, so a folder nested in another workspace folder wins for its own files.
    this.roots = uris.flatMap((u) => pathOfUri(u) ?? []).sort((a, b) => b.length - a.length);
  }

  /** Every workspace folder, deepest first. */
  all(): readonly string[] {
    return this.roots;
  }

  cwdFor(file: string): string {
    return cwdAmong(this.roots, file);
  }
}

/** The cwd of a file among workspace folders sorted deepest first: the pass worker, which has no InitializeParams, uses it too. */
export function cwdAmong(roots: readonly string[], file: string): string {
  return roots.find((root) => isInsideFolder(file, root)) ?? path.dirname(file);
}
