import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { ServerProcess } from './server-process';
import { applyWorkspaceEdit, type EditorFile } from './workspace-edit';

/**
 * A minimal editor on top of the server process: it opens documents, asks for code actions and
 * applies their workspace edits, sending didChange for open documents and writing other files to
 * disk with a didChangeWatchedFiles notice, as VS Code does for files it has not open.
 */
export class Editor {
  private readonly open = new Map<string, { text: string; version: number }>();

  private constructor(readonly server: ServerProcess) {}

  /** A server that accepts versioned document changes and file creation, as VS Code does. */
  static async start(rootUri: string, edits: { documentChanges: boolean } = { documentChanges: true }): Promise<Editor> {
    const server = ServerProcess.start('stdio');
    await server.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: {
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true }, codeAction: { isPreferredSupport: true } },
        workspace: {
          didChangeWatchedFiles: { dynamicRegistration: false },
          workspaceEdit: edits.documentChanges ? { documentChanges: true, resourceOperations: ['create'] } : {},
        },
      },
    });
    await server.connection.sendNotification(InitializedNotification.type, {});
    return new Editor(server);
  }

  text(uri: string): string | undefined {
    return this.open.get(uri)?.text;
  }

  /** Opens a document and resolves with its first diagnostics that `accept` takes. */
  async openDocument(uri: string, text: string, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const published = this.server.diagnostics(uri, accept);
    this.open.set(uri, { text, version: 1 });
    await this.server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
    return published;
  }

  async codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await this.server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
    return result ?? [];
  }

  private file(uri: string): EditorFile | undefined {
    const open = this.open.get(uri);
    if (open) return open;
    const path = fileURLToPath(uri);
    return existsSync(path) ? { text: readFileSync(path, 'utf8') } : undefined;
  }

  /**
   * Applies an edit and resolves with the diagnostics of `watch` that `accept` takes afterwards.
   * Returns the new texts too, for checks on what was written.
   */
  async apply(edit: WorkspaceEdit, watch: string, accept: (d: Diagnostic[]) => boolean): Promise<{ texts: Map<string, string>; diagnostics: Diagnostic[] }> {
    const texts = applyWorkspaceEdit(edit, (uri) => this.file(uri));
    const published = this.server.diagnostics(watch, accept);
    for (const [uri, text] of texts) {
      const open = this.open.get(uri);
      if (open) {
        open.text = text;
        open.version++;
        await this.server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: open.version }, contentChanges: [{ text }] });
      } else {
        const created = !existsSync(fileURLToPath(uri));
        writeFileSync(fileURLToPath(uri), text);
        await this.server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: created ? FileChangeType.Created : FileChangeType.Changed }] });
      }
    }
    return { texts, diagnostics: await published };
  }
}
