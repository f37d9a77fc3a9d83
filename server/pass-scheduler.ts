/**
 * Runs the workspace pass after a quiet period, never two at once. A request that comes while a
 * pass runs supersedes it: the pass is cancelled (it would publish what is already stale) and one
 * more follows, which sees every change made meanwhile. A pass that superseded another runs to
 * its end, though, so that changes coming faster than a pass (auto-save) cannot keep every pass
 * from ending: at worst every other pass publishes.
 */
export class PassScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** The running pass was cancelled for a newer one, which must not be cancelled in its turn. */
  private cancelled = false;
  private supersedes = false;
  private stopped = false;
  private readonly idle: (() => void)[] = [];

  /** `pass` logs its own failures and never rejects (see settle in guard.ts); `cancel` makes the running one end early. */
  constructor(private readonly delayMs: number, private readonly pass: () => Promise<void>, private readonly cancel: () => void = () => undefined) {}

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

  get isIdle(): boolean {
    return !this.timer && !this.running;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private start(): void {
    this.timer = undefined;
    if (this.running) {
      this.again = true;
      if (!this.supersedes && !this.cancelled) {
        this.cancelled = true;
        this.cancel();
      }
      return;
    }
    this.supersedes = this.cancelled;
    this.cancelled = false;
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
