import { CreateFile, TextDocumentEdit, type ClientCapabilities, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { pushAll } from '../core/arrays';
import type { TextEdit } from '../core/findings';

/** A URI and the version of its open document (null when it is not open). */
export interface EditTarget {
  uri: string;
  version: number | null;
}

export interface EditPlan {
  /** Edits by target URI. */
  edits: Map<string, { target: EditTarget; edits: LspTextEdit[] }>;
  /** A file to create before editing it (a new flowguard.json). */
  create?: string;
}

export function emptyPlan(): EditPlan {
  return { edits: new Map() };
}

export function addEdits(plan: EditPlan, target: EditTarget, edits: readonly TextEdit[]): void {
  const entry = plan.edits.get(target.uri) ?? { target, edits: [] };
  pushAll(entry.edits, edits.map((e) => ({ range: e.range, newText: e.newText })));
  plan.edits.set(target.uri, entry);
}

export function canCreateFiles(client: ClientCapabilities): boolean {
  const edit = client.workspace?.workspaceEdit;
  return edit?.documentChanges === true && (edit.resourceOperations ?? []).includes('create');
}

/**
 * The plan as the client can take it: versioned document changes (and file creation) when it
 * supports them, so an edit computed on an older text is refused rather than misapplied.
 */
export function toWorkspaceEdit(plan: EditPlan, client: ClientCapabilities): WorkspaceEdit {
  if (client.workspace?.workspaceEdit?.documentChanges !== true) {
    return { changes: Object.fromEntries([...plan.edits].map(([uri, { edits }]) => [uri, edits])) };
  }
  const created = plan.create ? [CreateFile.create(plan.create, { ignoreIfExists: true })] : [];
  return { documentChanges: [...created, ...[...plan.edits.values()].map(({ target, edits }) => TextDocumentEdit.create(target, edits))] };
}
