import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { PassWorkerData } from './pass-protocol';

// What starts the pass worker and tells it from the language server's thread, apart from
// pass-host.ts and pass-worker.ts so that the entry (main.ts, launcher.ts) can use it before it
// loads the engine.

/** True in the worker thread the language server starts for its workspace passes. */
export function isPassWorker(): boolean {
  return parentPort !== null && (workerData as Partial<PassWorkerData> | undefined)?.flowguardRole === 'pass-worker';
}

/**
 * A pass worker running `entry` (the bundle, or its launcher), reading the id of the pass allowed
 * to run from `current`. Its stdout is piped, to be read into the log: over stdio the process's
 * own stdout is the LSP channel.
 */
export function startPassWorker(entry: string, current: SharedArrayBuffer): Worker {
  const data: PassWorkerData = { flowguardRole: 'pass-worker', current };
  return new Worker(entry, { workerData: data, argv: [], execArgv: [], stdout: true });
}

/** A pass worker the launcher started before the bundle was compiled, for the first PassWorkerHost to take. */
export interface EarlyPassWorker {
  entry: string;
  worker: Worker;
  current: SharedArrayBuffer;
  /** Set when it failed or exited before it was taken. */
  failed?: string;
}

const EARLY = Symbol.for('flowguard.earlyPassWorker');
type Holder = { [EARLY]?: EarlyPassWorker };

/**
 * Starts the pass worker at once (server/launcher.ts): it then loads the bundle while this thread
 * compiles and loads it too, rather than after. Measured: see launcher.ts.
 */
export function startPassWorkerEarly(entry: string): void {
  try {
    const current = new SharedArrayBuffer(4);
    const worker = startPassWorker(entry, current);
    const early: EarlyPassWorker = { entry, worker, current };
    // Until a host takes it, a failure must not go unhandled (which ends the process); the host then starts another.
    worker.on('error', (error) => (early.failed ??= error.message));
    worker.on('exit', (code) => (early.failed ??= `exited with code ${code}`));
    worker.unref();
    (globalThis as Holder)[EARLY] = early;
  } catch {
    // The host starts it as it would with no launcher.
  }
}

/** The worker startPassWorkerEarly started for `entry`, once: undefined when there is none (a development bundle). */
export function takeEarlyPassWorker(entry: string): EarlyPassWorker | undefined {
  const holder = globalThis as Holder;
  const early = holder[EARLY];
  delete holder[EARLY];
  if (!early) return undefined;
  if (early.entry !== entry) {
    // Another bundle's: of no use to anyone now.
    void early.worker.terminate().catch(() => undefined);
    return undefined;
  }
  early.worker.removeAllListeners('error');
  early.worker.removeAllListeners('exit');
  return early;
}
