import { deserialize } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { KeptUnit } from './cross-flow';
import type { Logger } from './logger';
import type { FromWorker, PassRequest, SentPassResult, ToWorker } from './pass-protocol';
import { startPassWorker, takeEarlyPassWorker } from './pass-role';
import { PackedContexts } from './packed-contexts';
import type { FileChange } from './projects';
import type { PassFlow, PassResult } from './workspace-pass';
import type { LintUnit } from './workspace-units';

export interface PassHandlers {
  /** The units the pass found, before it lints them. */
  units(units: LintUnit[]): void;
  progress(percentage: number, message: string): void;
  /** Flow files' diagnostics as their flows are linted, whole; the result's `diagnostics` leaves them out. */
  diagnostics?(diagnostics: [string, Diagnostic[]][]): void;
}

/** Read once, when first asked for. */
export interface Lazy<T> {
  (): T;
}

function lazy<T>(read: () => T): Lazy<T> {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = read();
      done = true;
    }
    return value as T;
  };
}

/**
 * A pass's result on the main thread: the diagnostics of the files not handed over while it ran
 * (PassHandlers.diagnostics), each flow file's context read when first asked for, and the flows
 * and cross-flow data too: an edit or a request first needs them, not the publication. Measured
 * on ../shared/corpus: the result arrived 58 ms after the worker posted it while it was 10 MB of
 * structured data and copied buffers, 2 to 8 ms as buffers handed over.
 */
export type HostPassResult = Omit<PassResult, 'contexts' | 'flows' | 'crossFlow' | 'streamed' | 'completeTransfers'> & {
  contexts: PackedContexts;
  flows: Lazy<PassFlow[]>;
  /** Comes after the rest (PassInput.deferTransfers); undefined when the worker stopped or died first. */
  crossFlow: Promise<Lazy<KeptUnit[]> | undefined>;
};

function received(sent: SentPassResult, crossFlow: Promise<Uint8Array | undefined>): HostPassResult {
  const { flows, contexts, ...rest } = sent;
  return {
    ...rest,
    contexts: new PackedContexts(contexts),
    flows: lazy(() => deserialize(flows) as PassFlow[]),
    crossFlow: crossFlow.then((data) => data && lazy(() => deserialize(data) as KeptUnit[])),
  };
}

interface Pending extends PassHandlers {
  resolve(result: HostPassResult | undefined): void;
  reject(error: Error): void;
}

/**
 * The main thread's side of the pass worker: a worker thread running this same bundle (the
 * entry file re-entered, so the bundle, the .vsix and the npm package need no second file).
 * Started on the first pass and kept for the next ones; a worker that dies fails the passes it
 * held and the next pass starts a new one, so the server outlives any input that kills a pass.
 */
export class PassWorkerHost {
  private worker: Worker | undefined;
  private current = new SharedArrayBuffer(4);
  private allowed = new Int32Array(this.current);
  private readonly pending = new Map<number, Pending>();
  /** Passes whose result came, by id: their cross-flow data is on its way. */
  private readonly crossFlows = new Map<number, (data: Uint8Array | undefined) => void>();
  private nextId = 1;

  constructor(private readonly entry: string, private readonly log: Logger) {}

  /**
   * Runs a pass in the worker; undefined when it was stopped (cancel, stop) before its end.
   * Rejects when the worker fails it or dies.
   */
  run(request: Omit<PassRequest, 'type' | 'id'>, handlers: PassHandlers): Promise<HostPassResult | undefined> {
    const id = this.nextId++;
    // The worker reads this between pieces of work: any pass but this one stops.
    Atomics.store(this.allowed, 0, id);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { ...handlers, resolve, reject });
      this.send({ type: 'pass', id, ...request });
    });
  }

  /** Starts the worker ahead of the first pass: loading the bundle again takes a while, done while the client initializes. */
  warm(): void {
    try {
      this.worker ??= this.start();
    } catch (error) {
      // The first pass meets the same failure and reports it.
      this.log.error(`Starting the workspace pass worker failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Stops the running pass at its next piece of work; its promise resolves undefined. */
  cancel(): void {
    Atomics.store(this.allowed, 0, 0);
  }

  /** Lets the worker's projects go stale exactly as the main thread's do. */
  invalidate(file: string, change: FileChange): void {
    if (this.worker) this.send({ type: 'invalidate', file, change });
  }

  stop(): void {
    this.cancel();
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate().catch(() => undefined);
    this.failAll(new Error('the server is stopping'), true);
  }

  private send(message: ToWorker): void {
    (this.worker ??= this.start()).postMessage(message);
  }

  private start(): Worker {
    // The launcher's worker, started before the bundle loaded here (pass-role.ts), when it is still well.
    const early = takeEarlyPassWorker(this.entry);
    if (early?.failed) {
      this.log.error(`The workspace pass worker failed as it started: ${early.failed}`);
      void early.worker.terminate().catch(() => undefined);
    } else if (early) {
      // Its id of the pass allowed to run is the one to write from now on, holding what this host wrote so far.
      const allowed = new Int32Array(early.current);
      Atomics.store(allowed, 0, Atomics.load(this.allowed, 0));
      this.current = early.current;
      this.allowed = allowed;
    }
    const worker = early && !early.failed ? early.worker : startPassWorker(this.entry, this.current);
    // stdout dropped into the log: over stdio the process's own stdout is the LSP channel.
    worker.stdout.setEncoding('utf8').on('data', (chunk: string) => this.log.info(chunk.trimEnd()));
    worker.on('message', (message: FromWorker) => this.received(message));
    worker.on('error', (error) => {
      this.log.error(`The workspace pass worker failed: ${error.stack ?? error.message}`);
      this.lost(worker, error);
    });
    worker.on('exit', (code) => this.lost(worker, new Error(`the workspace pass worker exited with code ${code}`)));
    // Neither the worker nor its pending passes keep the process alive once the client has gone.
    worker.unref();
    return worker;
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failAll(error, false);
  }

  private failAll(error: Error, stopping: boolean): void {
    for (const [id, resolve] of this.crossFlows) {
      this.crossFlows.delete(id);
      resolve(undefined);
    }
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      if (stopping) pending.resolve(undefined);
      else pending.reject(error);
    }
  }

  private received(message: FromWorker): void {
    if (message.type === 'log') {
      if (message.level === 'error') this.log.error(message.message);
      else this.log.info(message.message);
      return;
    }
    if (message.type === 'crossFlow' || (message.type === 'failed' && this.crossFlows.has(message.id))) {
      // A pass that fails after its result (completing its transfers) keeps the last pass's cross-flow data.
      this.crossFlows.get(message.id)?.(message.type === 'crossFlow' ? message.crossFlow : undefined);
      this.crossFlows.delete(message.id);
      if (message.type === 'failed') this.log.error(`Completing the workspace pass failed: ${message.error}`);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'units') pending.units(message.units);
    else if (message.type === 'progress') pending.progress(message.percentage, message.message);
    else if (message.type === 'diagnostics') pending.diagnostics?.(message.diagnostics);
    else {
      this.pending.delete(message.id);
      if (message.type === 'failed') pending.reject(new Error(message.error));
      else if (!message.result) pending.resolve(undefined);
      else pending.resolve(received(message.result, new Promise((resolve) => this.crossFlows.set(message.id, resolve))));
    }
  }
}
