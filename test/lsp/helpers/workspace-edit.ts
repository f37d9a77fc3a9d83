import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CreateFile, TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';

/** A file's text and, when the editor has it open, its version. */
export interface EditorFile {
  text: string;
  version?: number;
}

/**
 * Applies a WorkspaceEdit as an editor would: creates files, refuses an edit for another version
 * of an open document, applies text edits with the LSP library's own applier. Returns the new
 * text of every file it touched.
 */
export function applyWorkspaceEdit(edit: WorkspaceEdit, files: (uri: string) => EditorFile | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const current = (uri: string): EditorFile | undefined => (out.has(uri) ? { text: out.get(uri)! } : files(uri));
  const apply = (uri: string, edits: TextEdit[]): void => {
    const file = current(uri);
    assert.ok(file, `${uri} exists before it is edited`);
    out.set(uri, TextDocument.applyEdits(TextDocument.create(uri, 'json', 0, file.text), edits));
  };
  for (const change of edit.documentChanges ?? []) {
    if (CreateFile.is(change)) {
      assert.equal(files(change.uri), undefined, `${change.uri} is created only when it does not exist`);
      out.set(change.uri, '');
    } else if (TextDocumentEdit.is(change)) {
      const open = files(change.textDocument.uri)?.version;
      if (change.textDocument.version !== null) assert.equal(change.textDocument.version, open, 'the edit is for the open version');
      apply(change.textDocument.uri, change.edits.filter((e): e is TextEdit => 'range' in e));
    } else {
      assert.fail(`unexpected resource operation ${JSON.stringify(change)}`);
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
  return out;
}
