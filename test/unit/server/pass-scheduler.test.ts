import * as assert from 'node:assert/strict';
import { PassScheduler } from '../../../server/pass-scheduler';

/** A pass the test ends by hand, so the order of events is the test's, not the clock's. */
class Passes {
  readonly started: number[] = [];
  readonly cancelled: number[] = [];
  private readonly ends: (() => void)[] = [];
  private readonly waiting: (() => void)[] = [];

  run = (): Promise<void> => {
    this.started.push(this.started.length + 1);
    for (const resolve of this.waiting.splice(0)) resolve();
    return new Promise((resolve) => this.ends.push(resolve));
  };

  cancel = (): void => {
    this.cancelled.push(this.started.length);
  };

  /** Ends the running pass and resolves once the scheduler has reacted (started the next, or gone idle). */
  async end(): Promise<void> {
    this.ends.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('server: the workspace pass scheduler', () => {
  it('cancels a running pass for a newer one, which then runs to its end however often it is asked again', async () => {
    const passes = new Passes();
    const scheduler = new PassScheduler(0, passes.run, passes.cancel);
    scheduler.schedule(true);
    assert.deepEqual(passes.started, [1]);
    scheduler.schedule(true);
    scheduler.schedule(true);
    assert.deepEqual(passes.cancelled, [1], 'the first pass is superseded once');
    await passes.end();
    assert.deepEqual(passes.started, [1, 2]);
    scheduler.schedule(true);
    scheduler.schedule(true);
    assert.deepEqual(passes.cancelled, [1], 'a pass that superseded another is not cancelled');
    await passes.end();
    assert.deepEqual(passes.started, [1, 2, 3], 'the requests made meanwhile give one more pass');
    scheduler.schedule(true);
    assert.deepEqual(passes.cancelled, [1, 3], 'that one may be superseded again');
    await passes.end();
    await passes.end();
    assert.equal(scheduler.isIdle, true);
    await scheduler.whenIdle();
  });

  it('stops: no pass starts after stop, and whenIdle resolves', async () => {
    const passes = new Passes();
    const scheduler = new PassScheduler(0, passes.run, passes.cancel);
    scheduler.schedule(true);
    scheduler.stop();
    scheduler.schedule(true);
    await passes.end();
    assert.deepEqual(passes.started, [1]);
    await scheduler.whenIdle();
  });
});
