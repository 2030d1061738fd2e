import assert from 'node:assert/strict';
import { EventBus } from '../../src/broker/events';
import { ChangeFeed } from '../../src/server/change-feed';

const change = (bus: EventBus) => bus.emit({ type: 'queue-created', queueName: 'q' } as never);

describe('ChangeFeed (the admin route an attached window long-polls)', () => {
  it('answers at once when the caller is behind, and with the new sequence as soon as something changes', async () => {
    const bus = new EventBus();
    const feed = new ChangeFeed(bus);
    change(bus);
    assert.equal(await feed.next(0, 10_000), 1);
    const waiting = feed.next(1, 10_000);
    setTimeout(() => change(bus), 20);
    const started = Date.now();
    assert.equal(await waiting, 2);
    assert.ok(Date.now() - started < 5_000, 'woken by the change, not by the end of the wait');
  });

  it('answers with the same sequence when the wait ends quietly, or when the caller leaves', async () => {
    const feed = new ChangeFeed(new EventBus());
    assert.equal(await feed.next(0, 30), 0);
    const leaving = new AbortController();
    const waiting = feed.next(0, 60_000, leaving.signal);
    leaving.abort();
    assert.equal(await waiting, 0);
  });

  it('answers at once a caller whose sequence is ahead (it counted on a broker before a restart)', async () => {
    const feed = new ChangeFeed(new EventBus());
    assert.equal(await feed.next(57, 60_000), 0);
  });
});
