import { fork, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';
import { ROOT } from '../../helpers/fixtures';

export type Transport = 'stdio' | 'ipc';

interface Waiter {
  uri: string;
  accept(diagnostics: Diagnostic[]): boolean;
  resolve(diagnostics: Diagnostic[]): void;
}

/** How long a test waits for an expected publication before failing with what did arrive. */
const DEADLINE_MS = 20_000;

export type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** One server-initiated progress: every $/progress value sent with the token, in order. */
export interface ProgressRun {
  token: string | number;
  values: ProgressValue[];
}

export interface InitializeOptions {
  /** Advertise window.workDoneProgress, so the server reports progress. */
  progress?: boolean;
  /** Advertise dynamic registration of file watchers. */
  dynamicWatchers?: boolean;
}

/**
 * The bundled server (dist/server.js) in a child process, spoken to as an editor would: over
 * stdio, or over Node IPC as VS Code's client does. Waits are for published events, never for time.
 * FLOWGUARD_TEST_SERVER names another bundle (a copy built on its own while dist/ is rebuilt).
 */
/** The server bundle the LSP tests run: dist/server.js, or FLOWGUARD_TEST_SERVER. */
export function testServer(): string {
  return path.resolve(process.env.FLOWGUARD_TEST_SERVER ?? path.join(ROOT, 'dist', 'server.js'));
}

export class ServerProcess {
  private readonly waiters = new Set<Waiter>();
  private readonly latest = new Map<string, Diagnostic[]>();
  private readonly progressWaiters = new Set<{ title: string; resolve(run: ProgressRun): void }>();
  private readonly reportWaiters = new Set<{ title: string; resolve(run: ProgressRun): void }>();
  readonly progress: ProgressRun[] = [];
  readonly registrations: Registration[] = [];
  readonly stderr: string[] = [];

  private constructor(readonly child: ChildProcess, readonly connection: MessageConnection) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
      this.latest.set(params.uri, params.diagnostics);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
          this.waiters.delete(waiter);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      const run: ProgressRun = { token, values: [] };
      this.progress.push(run);
      connection.onProgress(WorkDoneProgress.type, token, (value) => {
        run.values.push(value);
        const begin = run.values[0];
        if (value.kind === 'report' && begin?.kind === 'begin') {
          for (const waiter of [...this.reportWaiters]) {
            if (waiter.title !== begin.title) continue;
            this.reportWaiters.delete(waiter);
            waiter.resolve(run);
          }
        }
        if (value.kind !== 'end' || begin?.kind !== 'begin') return;
        for (const waiter of [...this.progressWaiters]) {
          if (waiter.title !== begin.title) continue;
          this.progressWaiters.delete(waiter);
          waiter.resolve(run);
        }
      });
    });
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
    connection.listen();
  }

  static start(transport: Transport): ServerProcess {
    const server = testServer();
    if (transport === 'stdio') {
      const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      return new ServerProcess(child, createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)));
    }
    const child = fork(server, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    return new ServerProcess(child, createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child)));
  }

  async initialize(rootPath: string, rootUri: string, options: InitializeOptions = {}): Promise<void> {
    const capabilities: ClientCapabilities = {
      textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
      workspace: { didChangeWatchedFiles: { dynamicRegistration: options.dynamicWatchers === true } },
    };
    if (options.progress) capabilities.window = { workDoneProgress: true };
    // A server may register watchers once initialized; a client accepts by answering.
    this.connection.onRequest(RegistrationRequest.type, ({ registrations }) => {
      this.registrations.push(...registrations);
    });
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(rootPath) }],
      capabilities,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /**
   * Resolves with the first progress titled `title` to end after this call. Call it before what
   * starts the work, as for diagnostics.
   */
  progressEnded(title: string): Promise<ProgressRun> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.progressWaiters.delete(waiter);
        reject(new Error(`No progress '${title}' ended within ${DEADLINE_MS} ms; seen: ${JSON.stringify(this.progress)}\nserver stderr: ${this.stderr.join('')}`));
      }, DEADLINE_MS);
      const waiter = {
        title,
        resolve: (run: ProgressRun) => {
          clearTimeout(timer);
          resolve(run);
        },
      };
      this.progressWaiters.add(waiter);
    });
  }

  /**
   * Resolves with the first progress titled `title` that reports (a percentage, a folder) after
   * this call: the work has begun and not ended yet. Call it before what starts the work.
   */
  progressReported(title: string): Promise<ProgressRun> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.reportWaiters.delete(waiter);
        reject(new Error(`No progress '${title}' reported within ${DEADLINE_MS} ms; seen: ${JSON.stringify(this.progress)}`));
      }, DEADLINE_MS);
      const waiter = {
        title,
        resolve: (run: ProgressRun) => {
          clearTimeout(timer);
          resolve(run);
        },
      };
      this.reportWaiters.add(waiter);
    });
  }

  /** The last diagnostics published for each URI so far. */
  publishedSoFar(): Map<string, Diagnostic[]> {
    return new Map(this.latest);
  }

  /** Like diagnostics(), but also satisfied by what was published for `uri` before the call. */
  published(uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const latest = this.latest.get(uri);
    return latest && accept(latest) ? Promise.resolve(latest) : this.diagnostics(uri, accept);
  }

  /**
   * Resolves with the first diagnostics published for `uri` that `accept` takes. Call it before
   * sending what causes them, so a fast server cannot publish before anyone listens.
   */
  diagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = JSON.stringify(this.latest.get(uri) ?? 'nothing', null, 1);
        reject(new Error(`No matching diagnostics for ${uri} within ${DEADLINE_MS} ms; last published: ${seen}\nserver stderr: ${this.stderr.join('')}`));
      }, DEADLINE_MS);
      const waiter: Waiter = {
        uri,
        accept,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Shutdown and exit as an editor closes the server; resolves with the child's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}
