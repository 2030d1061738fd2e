import assert from 'node:assert/strict';
import { newMessageId } from '../../../src/broker/message-id';
import { setup } from './support';

describe('SQS message ids', () => {
  it('are version 4 UUIDs, all different across refills of the random pool', () => {
    const seen = new Set<string>();
    // 3,000 ids cross five refills of the 512-id pool.
    for (let i = 0; i < 3000; i++) {
      const id = newMessageId();
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(id);
    }
    assert.equal(seen.size, 3000);
  });

  it('names each sent message with such an id, which a receive reports', async () => {
    const { ops, createQueue } = setup({ collectEvents: false });
    const url = createQueue('q');
    const { MessageId } = ops.SendMessage({ QueueUrl: url, MessageBody: 'hello' });
    assert.match(MessageId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const { Messages = [] } = await ops.ReceiveMessage({ QueueUrl: url });
    assert.equal(Messages[0]?.MessageId, MessageId);
  });
});
