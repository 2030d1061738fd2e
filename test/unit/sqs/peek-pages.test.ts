import assert from 'node:assert/strict';
import { OrderedSlots } from '../../../src/broker/sqs/ordered-slots';
import { setup } from './support';

const keyOf = (v: string) => v;

describe('SQS peek pages deep in a queue', () => {
  it('starts a pass at the n-th live entry, with and without removed entries before it', () => {
    const slots = new OrderedSlots<string>(keyOf);
    for (let i = 0; i < 10; i++) slots.add(`k${i}`, `k${i}`);
    assert.deepEqual([...slots.values(7)], ['k7', 'k8', 'k9']);
    slots.remove('k2');
    slots.remove('k5');
    assert.deepEqual([...slots.values(2)], ['k3', 'k4', 'k6', 'k7', 'k8', 'k9']);
    // re-adding moves an entry to the back and leaves a dropped slot where it was
    slots.add('k0', 'k0');
    assert.deepEqual([...slots.values(0)], ['k1', 'k3', 'k4', 'k6', 'k7', 'k8', 'k9', 'k0']);
    assert.deepEqual([...slots.values(6)], ['k9', 'k0']);
    assert.deepEqual([...slots.values(8)], []);
    assert.deepEqual([...slots.values(50)], []);
  });

  it('shows the right messages on a page after one in the middle was deleted', () => {
    const { ops, sqs, createQueue } = setup({ collectEvents: false });
    const url = createQueue('q');
    for (let i = 0; i < 100; i += 10) {
      ops.SendMessageBatch({ QueueUrl: url, Entries: Array.from({ length: 10 }, (_, j) => ({ Id: `e${j}`, MessageBody: `m${i + j}` })) });
    }
    const page = (offset: number, limit: number) => sqs.peek('q', { offset, limit }).messages.map((m) => m.body);
    assert.deepEqual(page(95, 5), ['m95', 'm96', 'm97', 'm98', 'm99']);
    const m50 = sqs.peek('q', { offset: 50, limit: 1 }).messages[0];
    assert.equal(m50.body, 'm50');
    sqs.deleteMessages('q', [m50.messageId]);
    assert.equal(sqs.peek('q', { limit: 0 }).total, 99);
    assert.deepEqual(page(48, 4), ['m48', 'm49', 'm51', 'm52']);
    assert.deepEqual(page(90, 10), ['m91', 'm92', 'm93', 'm94', 'm95', 'm96', 'm97', 'm98', 'm99']);
  });
});
