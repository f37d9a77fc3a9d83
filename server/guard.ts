export type Log = (message: string) => void;

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Runs `run` to its end, sync or async, and logs a failure instead of passing it on. */
export async function settle(log: Log, what: string, run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    log(`${what} failed: ${describe(error)}`);
  }
}

/**
 * Wraps an event handler so that a bug met while handling one event is logged and the server
 * goes on serving the next: an editor whose linter died shows stale diagnostics, which is worse
 * than one missed update. Async handlers are covered too, since their rejections escape try/catch.
 */
export function guarded<A extends unknown[]>(log: Log, what: string, handler: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => void settle(log, what, () => handler(...args));
}

// Requests come from any client, well-formed or not. A handler checks the parts it reads with
// these first and answers a malformed request with its empty answer: a null position is a
// client's bug, not FlowGuard's, and must neither throw nor fill the log.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function isPosition(value: unknown): value is { line: number; character: number } {
  return isRecord(value) && isIndex(value.line) && isIndex(value.character);
}

export function isRange(value: unknown): value is { start: { line: number; character: number }; end: { line: number; character: number } } {
  return isRecord(value) && isPosition(value.start) && isPosition(value.end);
}

/** The document URI of a textDocument/* request, or undefined when there is none. */
export function documentUri(params: unknown): string | undefined {
  if (!isRecord(params) || !isRecord(params.textDocument)) return undefined;
  const uri = params.textDocument.uri;
  return typeof uri === 'string' && uri !== '' ? uri : undefined;
}

/** Uri and position of a textDocument/hover or textDocument/definition request, when both are well-formed. */
export function documentPosition(params: unknown): { uri: string; position: { line: number; character: number } } | undefined {
  const uri = documentUri(params);
  const position = isRecord(params) ? params.position : undefined;
  return uri !== undefined && isPosition(position) ? { uri, position } : undefined;
}
