import { DidChangeWatchedFilesNotification, NotificationType0, type Connection, type ServerCapabilities } from 'vscode-languageserver/node';
import { StatsRequest, type StatsResult } from './analysis-stats';
import { connectorsResult, ConnectorsRequest } from './connectors-request';
import { definitionLocation } from './definition';
import { documentSymbols } from './document-symbols';
import { documentPosition, documentUri, guarded, type Log } from './guard';
import { hoverAt } from './hover';
import { redactHover } from './redact-hover';
import { createProgress } from './progress';
import type { Session } from './session';

/** What the workspace pass reads; the client's own watcher may cover only flowguard.json and policies. */
const WATCHED = '**/*.{json,xml,zip}';
/** A workspace pass on request. Not the client's own 'flowguard.lintWorkspace': the client registers every id a server advertises. */
export const LINT_WORKSPACE_COMMAND = 'flowguard.server.lintWorkspace';
/** Sent after each workspace pass: connector groups may change without any diagnostic changing. */
export const WorkspaceLintedNotification = new NotificationType0('flowguard/workspaceLinted');

export const FEATURE_CAPABILITIES = {
  hoverProvider: true,
  documentSymbolProvider: true,
  definitionProvider: true,
  executeCommandProvider: { commands: [LINT_WORKSPACE_COMMAND] },
} satisfies ServerCapabilities;

/** A request that fails is logged and answered with `fallback`: one bad buffer must not break the editor's UI. */
function answered<P, R>(log: Log, what: string, fallback: R, handler: (params: P) => Promise<R>): (params: P) => Promise<R> {
  return async (params) => {
    try {
      return await handler(params);
    } catch (error) {
      log(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
}

/**
 * The workspace pass and the features on top of the flow model: hover, outline, go to
 * definition and the connectors view. Kept apart from main.ts, which only wires them in.
 */
export function registerFeatures(connection: Connection, session: () => Session | undefined, log: Log): void {
  connection.onInitialized(guarded(log, 'initialized', async () => {
    const current = session();
    if (!current) return;
    const client = current.client;
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED }] });
    }
    current.startWorkspace(
      () => createProgress(connection, client.window?.workDoneProgress === true, log),
      () => void connection.sendNotification(WorkspaceLintedNotification).catch(() => undefined),
    );
  }));

  connection.onExecuteCommand(answered(log, 'executeCommand', null, async (params) => {
    if (params?.command === LINT_WORKSPACE_COMMAND) await session()?.lintWorkspace();
    return null;
  }));

  connection.onHover(answered(log, 'hover', null, async (params) => {
    const at = documentPosition(params);
    const open = at && (await session()?.documentFlow(at.uri));
    return at && open ? redactHover(hoverAt(open.flow, open.flow.doc.source.lines.offsetAt(at.position), open.policies, open.workspace)) : null;
  }));

  connection.onDocumentSymbol(answered(log, 'documentSymbol', null, async (params) => {
    const uri = documentUri(params);
    const open = uri && (await session()?.documentFlow(uri));
    return open ? documentSymbols(open.flow) : null;
  }));

  connection.onDefinition(answered(log, 'definition', null, async (params) => {
    const at = documentPosition(params);
    const open = at && (await session()?.documentFlow(at.uri));
    return at && open ? (definitionLocation(open.flow, open.flow.doc.source.lines.offsetAt(at.position), at.uri) ?? null) : null;
  }));

  const noStats: StatsResult = { analyses: [], passes: 0, passFlows: 0 };
  connection.onRequest(StatsRequest, answered(log, 'flowguard/stats', noStats, async (params) => {
    const current = session();
    return current ? current.analyses((params as { reset?: unknown } | null | undefined)?.reset === true) : noStats;
  }));

  connection.onRequest(ConnectorsRequest, answered(log, 'flowguard/connectors', { flows: [] }, async (params) => {
    const current = session();
    if (!current) return { flows: [] };
    const uri = typeof params?.uri === 'string' ? params.uri : undefined;
    return connectorsResult(await current.connectorFlows(uri), (file) => current.uriOf(file));
  }));
}
