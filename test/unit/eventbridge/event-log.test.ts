import assert from 'node:assert/strict';
import type { EventEnvelope } from '../../../src/broker/eventbridge/envelope';
import { EventLog } from '../../../src/broker/eventbridge/event-log';

const event = (n: number) => ({ id: `e-${n}` }) as EventEnvelope;

describe('EventBridge recent-event log (what the bus inspector lists)', () => {
  it('keeps exactly the newest events up to its capacity, oldest first, however many were put', () => {
    const log = new EventLog(1000);
    for (let n = 0; n < 2_500; n++) log.add({ at: n, busName: n % 2 ? 'shop' : 'default', event: event(n), matchedRules: [] });
    const kept = log.list();
    assert.equal(kept.length, 1000);
    assert.deepEqual([kept[0].event.id, kept[999].event.id], ['e-1500', 'e-2499']);
    assert.equal(log.list('shop').length, 500);
    assert.equal(log.find('e-1499'), undefined, 'an event past the capacity is gone');
    assert.equal(log.find('e-1500')?.at, 1500);
    log.recordDelivery('default', 'e-2498', { ruleName: 'r', targetId: 't', targetArn: 'arn', status: 'delivered', attempt: 1 });
    assert.equal(log.find('e-2498')?.deliveries.length, 1);
  });
});
