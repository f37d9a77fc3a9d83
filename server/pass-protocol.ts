import type { PackedContextData } from './packed-contexts';
import type { FileChange } from './projects';
import type { PassResult } from './workspace-pass';
import type { LintUnit } from './workspace-units';

/** workerData of the pass worker: what tells the bundle, loaded again in a worker thread, to serve passes. */
export interface PassWorkerData {
  flowguardRole: 'pass-worker';
  /**
   * One Int32 the main thread writes the id of the pass allowed to run into: the worker reads it
   * between pieces of work, so a pass stops at once when superseded, without a message round.
   */
  current: SharedArrayBuffer;
}

export interface PassRequest {
  type: 'pass';
  id: number;
  /** Workspace folders, deepest first. */
  roots: string[];
  /** The client accepts relatedInformation. */
  related: boolean;
  /** Open documents by file, with the URI their client used, which related locations must repeat. */
  open: [string, string][];
}

/** A file changed: the worker's projects read from it are dropped, as the main thread's are. */
export interface InvalidateMessage {
  type: 'invalidate';
  file: string;
  change: FileChange;
}

export type ToWorker = PassRequest | InvalidateMessage;

/** A pass's result as it travels: the contexts packed (packed-contexts.ts). */
export type SentPassResult = Omit<PassResult, 'contexts'> & { contexts: PackedContextData };

export type FromWorker =
  | { type: 'units'; id: number; units: LintUnit[] }
  | { type: 'progress'; id: number; percentage: number; message: string }
  | { type: 'log'; level: 'info' | 'error'; message: string }
  /** `result` is absent when the pass was stopped before its end. */
  | { type: 'done'; id: number; result?: SentPassResult }
  | { type: 'failed'; id: number; error: string };
