/**
 * One pending timer per key: every call pushes the run back, so a burst of keystrokes in one
 * document gives one lint after the burst, while other documents keep their own timers.
 */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Runs started and not yet settled, so idle() waits for what a run schedules in its turn. */
  private readonly running = new Set<Promise<unknown>>();
  private readonly idlers: (() => void)[] = [];

  constructor(private readonly delayMs: number) {}

  /** `run` may return a promise; idle() waits for it. */
  schedule(key: string, run: () => unknown): void {
    // Replaced, not cancelled: idle() must not see a moment without the timer.
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      const result = run();
      if (result instanceof Promise) {
        this.running.add(result);
        const done = (): void => {
          this.running.delete(result);
          this.check();
        };
        // Both ways, so that a run that rejects after all is no unhandled rejection (which ends Node).
        result.then(done, done);
      } else {
        this.check();
      }
    }, this.delayMs));
  }

  /** A run for `key` is waiting for its timer. */
  has(key: string): boolean {
    return this.timers.has(key);
  }

  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
    this.check();
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.check();
  }

  /** Resolves once no run is waiting or running. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }

  isIdle(): boolean {
    return this.timers.size === 0 && this.running.size === 0;
  }

  private check(): void {
    if (this.isIdle()) for (const resolve of this.idlers.splice(0)) resolve();
  }
}
