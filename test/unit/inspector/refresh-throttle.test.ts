import assert from 'node:assert/strict';
import { throttle } from '../../../webview/logic/refresh-throttle';

/** A hand-driven clock and timer queue: `advance` runs what falls due, in order. */
function fakeTime() {
  let now = 0;
  const timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    later: (run: () => void, delayMs: number) => void timers.push({ at: now + delayMs, run }),
    pending: () => timers.length,
    async advance(ms: number) {
      const until = now + ms;
      await new Promise((r) => setImmediate(r));
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > until) break;
        timers.shift();
        now = next.at;
        next.run();
        // let the task's promise settle before the clock moves on
        await new Promise((r) => setImmediate(r));
      }
      now = until;
    },
  };
}

describe('inspector: refresh throttle', () => {
  it('refreshes at once after a quiet spell, so one change shows without delay', async () => {
    const time = fakeTime();
    const runs: number[] = [];
    const request = throttle(() => runs.push(time.now()), 100, time.now, time.later);
    await time.advance(1000);
    request();
    await time.advance(0);
    assert.deepEqual(runs, [1000]);
  });

  it('folds a burst of requests into one refresh per interval and ends with one after the last request', async () => {
    const time = fakeTime();
    const runs: number[] = [];
    const request = throttle(() => runs.push(time.now()), 100, time.now, time.later);
    // a change every 5 ms for one second: two hundred requests
    for (let t = 0; t < 1000; t += 5) {
      request();
      await time.advance(5);
    }
    await time.advance(500);
    assert.ok(runs.length >= 9 && runs.length <= 12, `about ten refreshes, not two hundred (${runs.length})`);
    for (let i = 1; i < runs.length; i++) assert.ok(runs[i] - runs[i - 1] >= 100, `runs ${runs[i - 1]} and ${runs[i]} are an interval apart`);
    assert.ok(runs[runs.length - 1] >= 995, `the last refresh comes after the last request (${runs[runs.length - 1]})`);
  });

  it('never runs two refreshes at once, and runs once more for requests made during a slow one', async () => {
    const time = fakeTime();
    let active = 0;
    let most = 0;
    let finishes: (() => void)[] = [];
    const request = throttle(
      () =>
        new Promise<void>((resolve) => {
          active++;
          most = Math.max(most, active);
          finishes.push(() => {
            active--;
            resolve();
          });
        }),
      100,
      time.now,
      time.later,
    );
    request();
    await time.advance(0);
    for (let i = 0; i < 5; i++) {
      request();
      await time.advance(300);
    }
    assert.equal(most, 1);
    assert.equal(finishes.length, 1, 'the slow refresh is still the only one');
    const first = finishes;
    finishes = [];
    first[0]();
    await time.advance(300);
    assert.equal(finishes.length, 1, 'one more refresh for everything asked meanwhile');
    finishes[0]();
    await time.advance(300);
    assert.equal(time.pending(), 0);
  });

  it('keeps refreshing after a refresh failed', async () => {
    const time = fakeTime();
    let calls = 0;
    const request = throttle(
      () => {
        calls++;
        throw new Error('the host did not answer');
      },
      100,
      time.now,
      time.later,
    );
    request();
    await time.advance(0);
    request();
    await time.advance(200);
    assert.equal(calls, 2);
  });
});
