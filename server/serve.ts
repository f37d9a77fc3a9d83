import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_CAPABILITIES, registerCodeActions } from './code-actions';
import { FEATURE_CAPABILITIES, registerFeatures } from './features';
import { guarded } from './guard';
import { Session } from './session';
import { WorkspaceRoots } from './workspace-roots';
import type { LaterLogger } from './logger';
import { PassWorkerHost } from './pass-host';

/** Settings only choose when to lint, never what is reported. */
function runModeOf(value: unknown): 'onType' | 'onSave' {
  return value === 'onSave' ? 'onSave' : 'onType';
}

/**
 * The language server on this process's connection. `entry` is the file the process started
 * from (the bundle), which the workspace pass worker runs again in its own thread.
 */
export function serve(entry: string, started?: { passes: PassWorkerHost; log: LaterLogger }): void {
  // No streams given: the library picks the transport from argv (--stdio, --node-ipc, --socket=, --pipe=).
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const log = (message: string): void => connection.console.error(message);
  let session: Session | undefined;
  // Started before the client's initialize arrives (main.ts starts it earlier still): loading the
  // bundle again in the worker thread takes a while (50 ms here), which the first pass would
  // otherwise wait for. A client with no workspace folder never needs it, and it is stopped then.
  const passes = started?.passes ?? new PassWorkerHost(entry, connection.console);
  started?.log.attach(connection.console);
  passes.warm();

  connection.onInitialize((params) => {
    const roots = new WorkspaceRoots(params);
    if (roots.all().length === 0) passes.stop();
    session = new Session({
      documents,
      // A publication that fails (the client went away) must not become an unhandled rejection, which ends Node.
      sendDiagnostics: (p) => void connection.sendDiagnostics(p).catch((error: unknown) => log(`publishing diagnostics failed: ${String(error)}`)),
      log: connection.console,
      roots,
      related: params.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true,
      client: params.capabilities,
      passes,
    });
    session.runMode = runModeOf((params.initializationOptions as { run?: unknown } | undefined)?.run);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...FEATURE_CAPABILITIES,
        ...CODE_ACTION_CAPABILITIES,
      },
      serverInfo: { name: 'FlowGuard' },
    };
  });

  documents.onDidOpen(guarded(log, 'didOpen', (e) => session?.opened(e.document)));
  documents.onDidChangeContent(guarded(log, 'didChange', (e) => session?.changed(e.document)));
  documents.onDidClose(guarded(log, 'didClose', (e) => session?.closed(e.document)));
  documents.onDidSave(guarded(log, 'didSave', (e) => session?.saved(e.document)));
  connection.onDidChangeWatchedFiles(guarded(log, 'didChangeWatchedFiles', (p) => Array.isArray(p?.changes) && session?.filesChanged(p.changes.filter((c) => typeof c?.uri === 'string'))));
  connection.onDidChangeConfiguration(
    guarded(log, 'didChangeConfiguration', (p) => {
      const run = (p?.settings as { flowguard?: { run?: unknown } } | undefined)?.flowguard?.run;
      if (session && run !== undefined) session.runMode = runModeOf(run);
    }),
  );
  connection.onShutdown(() => session?.shutdown());
  registerFeatures(connection, () => session, log);
  registerCodeActions(connection, documents, () => session, log);

  documents.listen(connection);
  connection.listen();
}
