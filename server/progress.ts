import { randomUUID } from 'node:crypto';
import {
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type Connection,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';

/** Work done progress of one long task; every method is a no-op for a client that shows none. */
export interface Progress {
  begin(title: string, message?: string): void;
  report(percentage: number, message: string): void;
  end(message: string): void;
}

export const SILENT: Progress = { begin() {}, report() {}, end() {} };

/**
 * Server-initiated progress: the token must be created by window/workDoneProgress/create and
 * accepted before any $/progress uses it. Our own rather than the library's reporter, whose
 * `done()` cannot carry the closing message (the counts) that 'end' allows.
 */
export async function createProgress(connection: Connection, supported: boolean, log: (message: string) => void): Promise<Progress> {
  if (!supported) return SILENT;
  const token = randomUUID();
  try {
    await connection.sendRequest(WorkDoneProgressCreateRequest.type, { token });
  } catch (error) {
    // A client may refuse; the work goes on without a progress bar.
    log(`window/workDoneProgress/create was refused: ${error instanceof Error ? error.message : String(error)}`);
    return SILENT;
  }
  // A progress note that cannot be sent (the client went away) must not end the server.
  const send = (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd): void => {
    void connection.sendProgress(WorkDoneProgress.type, token, value).catch(() => undefined);
  };
  return {
    begin: (title, message) => send({ kind: 'begin', title, message, cancellable: false }),
    report: (percentage, message) => send({ kind: 'report', percentage: Math.max(0, Math.min(100, Math.round(percentage))), message }),
    end: (message) => send({ kind: 'end', message }),
  };
}
