export type Log = (message: string) => void;

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Wraps an event handler so that a bug met while handling one event is logged and the server
 * goes on serving the next: an editor whose linter died shows stale diagnostics, which is worse
 * than one missed update. Async handlers are covered too, since their rejections escape try/catch.
 */
export function guarded<A extends unknown[]>(log: Log, what: string, handler: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) result.catch((error: unknown) => log(`FlowGuard: ${what} failed: ${describe(error)}`));
    } catch (error) {
      log(`FlowGuard: ${what} failed: ${describe(error)}`);
    }
  };
}
