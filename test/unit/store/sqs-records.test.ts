import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import type { SqsEvent } from '../../../src/broker/sqs/events';
import { SqsPersistence } from '../../../src/broker/sqs/persistence';
import type { SqsService } from '../../../src/broker/sqs/service';
import { FakeClock } from '../../../src/broker/clock';

/**
 * The SQS store mapping records each change from its event alone: fed the events of a real broker, with an
 * engine that refuses to be read, it writes the same entries the restore path reads.
 */
describe('Store: SQS change records are self-contained', () => {
  it('writes queues, messages, their later state and dedup records from the events alone', async () => {
    const broker = new Broker({ clock: new FakeClock() });
    const unreadable = new Proxy({} as SqsService, {
      get: (_t, name) => {
        throw new Error(`record() read the engine (${String(name)})`);
      },
    });
    const entries = new Map<string, unknown>();
    const writer = {
      put: (key: string, value: unknown) => void entries.set(key, JSON.parse(JSON.stringify(value))),
      delete: (key: string) => void entries.delete(key),
      deletePrefix: (prefix: string) => {
        for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
      },
    };
    const persistence = new SqsPersistence(unreadable, writer);
    broker.events.on((e) => {
      if (e.service === 'sqs') persistence.record(e as SqsEvent);
    });
    try {
      const sqs = broker.sqs.operations;
      const dlq = sqs.CreateQueue({ QueueName: 'dlq' }).QueueUrl;
      const url = sqs.CreateQueue({
        QueueName: 'q',
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq', maxReceiveCount: 1 }) },
      }).QueueUrl;
      sqs.TagQueue({ QueueUrl: url, Tags: { team: 'a' } });
      const fifo = sqs.CreateQueue({ QueueName: 'f.fifo', Attributes: { FifoQueue: 'true' } }).QueueUrl;
      const { MessageId } = sqs.SendMessage({ QueueUrl: url, MessageBody: 'hello', MessageAttributes: { b: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2]) } } });
      const sent = sqs.SendMessage({ QueueUrl: fifo, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd' });

      assert.deepEqual((entries.get('sqs/q/q') as { tags: object }).tags, { team: 'a' });
      const saved = entries.get(`sqs/m/q/${MessageId}`) as { body: string; messageAttributes: object };
      assert.equal(saved.body, 'hello');
      assert.deepEqual(saved.messageAttributes, { b: { DataType: 'Binary', BinaryValue: 'AQI=' } });
      assert.equal((entries.get('sqs/d/f.fifo/d') as { messageId: string }).messageId, sent.MessageId);

      const [m] = (await sqs.ReceiveMessage({ QueueUrl: url, VisibilityTimeout: 0 })).Messages!;
      const state = entries.get(`sqs/s/q/${MessageId}`) as { receiveCount: number; receiptHandle: string };
      assert.equal(state.receiveCount, 1);
      assert.equal(state.receiptHandle, m.ReceiptHandle);

      // Past maxReceiveCount the next receive moves it to the DLQ: the entry moves with it.
      assert.equal((await sqs.ReceiveMessage({ QueueUrl: url })).Messages, undefined);
      assert.equal(entries.has(`sqs/m/q/${MessageId}`), false);
      assert.equal((entries.get(`sqs/m/dlq/${MessageId}`) as { body: string }).body, 'hello');

      sqs.DeleteQueue({ QueueUrl: dlq });
      assert.deepEqual([...entries.keys()].filter((k) => k.includes('/dlq')), []);
    } finally {
      broker.dispose();
    }
  });
});
