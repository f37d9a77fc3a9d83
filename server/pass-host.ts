import { Worker } from 'node:worker_threads';
import type { Logger } from './logger';
import type { FromWorker, PassRequest, PassWorkerData, ToWorker } from './pass-protocol';
import { PackedContexts } from './packed-contexts';
import type { FileChange } from './projects';
import type { PassResult } from './workspace-pass';
import type { LintUnit } from './workspace-units';

export interface PassHandlers {
  /** The units the pass found, before it lints them. */
  units(units: LintUnit[]): void;
  progress(percentage: number, message: string): void;
}

/** A pass's result on the main thread: each flow file's context read when first asked for. */
export type HostPassResult = Omit<PassResult, 'contexts'> & { contexts: PackedContexts };

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
  private readonly current = new SharedArrayBuffer(4);
  private readonly allowed = new Int32Array(this.current);
  private readonly pending = new Map<number, Pending>();
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
    const data: PassWorkerData = { flowguardRole: 'pass-worker', current: this.current };
    // stdout piped here and dropped into the log: over stdio the process's own stdout is the LSP channel.
    const worker = new Worker(this.entry, { workerData: data, argv: [], execArgv: [], stdout: true });
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
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'units') pending.units(message.units);
    else if (message.type === 'progress') pending.progress(message.percentage, message.message);
    else {
      this.pending.delete(message.id);
      if (message.type === 'failed') pending.reject(new Error(message.error));
      else pending.resolve(message.result && { ...message.result, contexts: new PackedContexts(message.result.contexts) });
    }
  }
}
