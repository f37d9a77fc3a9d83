import { serialize } from 'node:v8';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { saveCompileCache } from './compile-cache-hook';
import type { Logger } from './logger';
import type { FromWorker, PassRequest, PassWorkerData, SentPassResult, ToWorker } from './pass-protocol';
import { packContexts } from './packed-contexts';
import { uriOfPath } from './paths';
import { Projects } from './projects';
import { cwdAmong } from './workspace-roots';
import { runPass } from './workspace-pass';
import { findUnits } from './workspace-units';

/**
 * The memory of each buffer that owns all of its own (as v8.serialize's do), to be handed over
 * rather than copied: megabytes a pass, which the main thread then reads only when asked for.
 */
function transferable(buffers: (Uint8Array | undefined)[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const b of buffers) if (b && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) out.add(b.buffer);
  return [...out];
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * The worker's side: runs each pass it is sent as the main thread used to (runPass), and sends
 * back plain data. It keeps its projects between passes, dropping those a changed file reads,
 * and JIT-warm code, so later passes are faster than the first.
 */
export function servePasses(): void {
  const port = parentPort as MessagePort;
  const { current } = workerData as PassWorkerData;
  const allowed = new Int32Array(current);
  const post = (message: FromWorker): void => port.postMessage(message);
  const log: Logger = { info: (message) => post({ type: 'log', level: 'info', message }), error: (message) => post({ type: 'log', level: 'error', message }) };
  // The main thread loads the same projects and says what it found about them; here only errors are news.
  const projects = new Projects({ info: () => undefined, error: log.error });
  // Passes run one at a time in message order; a superseded one sees `stopped` and ends early.
  let queue = Promise.resolve();

  const run = async (request: PassRequest): Promise<void> => {
    const stopped = (): boolean => Atomics.load(allowed, 0) !== request.id;
    if (stopped()) return post({ type: 'done', id: request.id });
    const open = new Map(request.open);
    const cwdFor = (file: string): string => cwdAmong(request.roots, file);
    const units = request.units ?? (await findUnits(request.roots, cwdFor, log.error));
    post({ type: 'units', id: request.id, units });
    const result = await runPass({
      units,
      project: (unit) => projects.get(unit.folder, unit.cwd),
      progress: { begin: () => undefined, end: () => undefined, report: (percentage, message) => post({ type: 'progress', id: request.id, percentage, message }) },
      diagnostics: { related: request.related, uriOf: (file) => open.get(file) ?? uriOfPath(file) },
      log,
      stopped,
      stream: (diagnostics) => post({ type: 'diagnostics', id: request.id, diagnostics }),
      deferTransfers: true,
    });
    if (!result) return post({ type: 'done', id: request.id });
    // The files streamed already are not sent again.
    const diagnostics = new Map([...result.diagnostics].filter(([file]) => !result.streamed.has(file)));
    const sent: SentPassResult = { diagnostics, counts: result.counts, contexts: packContexts(result.contexts), flows: serialize(result.flows) };
    port.postMessage({ type: 'done', id: request.id, result: sent } satisfies FromWorker, transferable([sent.flows, sent.contexts.blob]));
    // Then what only later lints need, while the main thread publishes.
    result.completeTransfers();
    const crossFlow = serialize(result.crossFlow);
    // The functions a pass runs are compiled now: what the next start of the worker need not
    // compile (launcher.ts). Written before the pass is complete, so a client that waits for the
    // pass to be complete (flowguard/stats) finds it written, and before the process can end.
    saveCompileCache();
    port.postMessage({ type: 'crossFlow', id: request.id, crossFlow } satisfies FromWorker, transferable([crossFlow]));
  };

  port.on('message', (message: ToWorker) => {
    if (message.type === 'invalidate') {
      projects.invalidate(message.file, message.change);
      return;
    }
    queue = queue.then(() => run(message)).catch((error: unknown) => post({ type: 'failed', id: message.id, error: describe(error) }));
  });
}
