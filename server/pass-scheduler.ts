/**
 * Runs the workspace pass after a quiet period, never two at once. A request that comes while a
 * pass runs does not stop it (with auto-save on, a pass would be stopped before it ever ended):
 * it makes one more pass follow, which sees every change made meanwhile.
 */
export class PassScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly idle: (() => void)[] = [];

  /** `pass` logs its own failures and never rejects (see settle in guard.ts). */
  constructor(private readonly delayMs: number, private readonly pass: () => Promise<void>) {}

  /** A pass after `delayMs` without further calls; `now` skips the wait (the first pass). */
  schedule(now = false): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (now) this.start();
    else this.timer = setTimeout(() => this.start(), this.delayMs);
  }

  /** Resolves once no pass is waiting or running, so a request sees the latest results. */
  whenIdle(): Promise<void> {
    if (!this.timer && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.settle();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private start(): void {
    this.timer = undefined;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.start();
      } else if (!this.timer) {
        this.settle();
      }
    });
  }

  private settle(): void {
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
