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
