import type { Diagnostic } from 'vscode-languageserver/node';
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
  /** The units, when the main thread listed them already (the first pass: while the worker started). */
  units?: LintUnit[];
}

/** A file changed: the worker's projects read from it are dropped, as the main thread's are. */
export interface InvalidateMessage {
  type: 'invalidate';
  file: string;
  change: FileChange;
}

export type ToWorker = PassRequest | InvalidateMessage;

/**
 * A pass's result as it travels: the contexts packed (packed-contexts.ts), the flows serialized,
 * each in a buffer of its own that is transferred, not copied, and read on the main thread when
 * first asked for (pass-host.ts). The cross-flow data follows in a message of its own, once
 * complete (PassInput.deferTransfers).
 */
export type SentPassResult = Omit<PassResult, 'contexts' | 'flows' | 'crossFlow' | 'streamed' | 'completeTransfers'> & { contexts: PackedContextData; flows: Uint8Array };

export type FromWorker =
  | { type: 'units'; id: number; units: LintUnit[] }
  | { type: 'progress'; id: number; percentage: number; message: string }
  /** Flow files' diagnostics, whole, as soon as their flows are linted (PassInput.stream); `done` leaves them out. */
  | { type: 'diagnostics'; id: number; diagnostics: [string, Diagnostic[]][] }
  | { type: 'log'; level: 'info' | 'error'; message: string }
  /** `result` is absent when the pass was stopped before its end. */
  | { type: 'done'; id: number; result?: SentPassResult }
  /** After a `done` with a result: its cross-flow data, serialized, whole. */
  | { type: 'crossFlow'; id: number; crossFlow: Uint8Array }
  | { type: 'failed'; id: number; error: string };
