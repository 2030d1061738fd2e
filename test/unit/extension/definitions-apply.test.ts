import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { applyDefinitions } from '../../../src/broker/definitions/apply';
import { parseDefinitions } from '../../../src/broker/definitions/parse';

async function apply(broker: Broker, text: string, previous?: Set<string>) {
  const parsed = parseDefinitions(text);
  assert.deepEqual(parsed.issues, [], 'the test file should match the schema');
  const result = await applyDefinitions(broker, parsed.definitions!, { baseDir: '/tmp', previous });
  return { ...result, located: result.issues.map(parsed.locate) };
}

const FILE = `
queues:
  - name: orders
    visibilityTimeout: 10
    deadLetter: { queue: orders-dlq, maxReceiveCount: 3 }
  - name: orders-dlq
  - name: jobs.fifo
    fifo: true
    contentBasedDeduplication: true
topics:
  - name: order-events
    subscriptions:
      - protocol: sqs
        queue: orders
        filterPolicy: { type: [order] }
        rawMessageDelivery: true
streams:
  - name: clicks
    shards: 3
deliveryStreams:
  - name: clicks-to-s3
    bucket: landing
    prefix: clicks/
    stream: clicks
`;

describe('workspace definitions: provisioning', () => {
  it('creates every declared resource through the AWS operations, dead-letter queue declared after its source', async () => {
    const broker = new Broker();
    try {
      const { issues, declared } = await apply(broker, FILE);
      assert.deepEqual(issues, []);
      const queues = broker.sqs.listQueueSummaries();
      assert.deepEqual(queues.map((q) => q.name), ['jobs.fifo', 'orders', 'orders-dlq']);
      const orders = queues.find((q) => q.name === 'orders')!;
      assert.equal(orders.attributes.VisibilityTimeout, '10');
      assert.equal(orders.deadLetterTargetName, 'orders-dlq');
      assert.equal(orders.maxReceiveCount, 3);
      assert.deepEqual(queues.find((q) => q.name === 'orders-dlq')!.sourceQueueNames, ['orders']);
      assert.equal(queues.find((q) => q.name === 'jobs.fifo')!.fifo, true);
      const [topic] = broker.sns.listTopicSummaries();
      assert.equal(topic.name, 'order-events');
      assert.equal(topic.subscriptions.length, 1);
      assert.equal(topic.subscriptions[0].endpoint, orders.arn);
      assert.deepEqual(JSON.parse(topic.subscriptions[0].filterPolicy!), { type: ['order'] });
      assert.equal(topic.subscriptions[0].raw, true);
      assert.equal(broker.kinesis.listStreamSummaries()[0].shards.length, 3);
      const [delivery] = broker.firehose.listDeliveryStreamSummaries();
      assert.equal(delivery.bucket, 'landing');
      assert.equal(delivery.sourceStreamArn, broker.kinesis.listStreamSummaries()[0].arn);
      assert.ok(declared.has('queue:orders') && declared.has('stream:clicks') && declared.has('topic:order-events'));
    } finally {
      broker.dispose();
    }
  });

  it('re-applying keeps messages, updates attributes in place and does not duplicate subscriptions', async () => {
    const broker = new Broker();
    try {
      const first = await apply(broker, FILE);
      const url = broker.sqs.queueUrl('orders');
      broker.sqs.operations.SendMessage({ QueueUrl: url, MessageBody: 'kept' });
      const second = await apply(broker, FILE.replace('visibilityTimeout: 10', 'visibilityTimeout: 20').replace('type: [order]', 'type: [refund]'), first.declared);
      assert.deepEqual(second.issues, []);
      const orders = broker.sqs.listQueueSummaries().find((q) => q.name === 'orders')!;
      assert.equal(orders.visible, 1);
      assert.equal(orders.attributes.VisibilityTimeout, '20');
      const [topic] = broker.sns.listTopicSummaries();
      assert.equal(topic.subscriptions.length, 1);
      assert.deepEqual(JSON.parse(topic.subscriptions[0].filterPolicy!), { type: ['refund'] });
    } finally {
      broker.dispose();
    }
  });

  it('deletes what the file declared before and no longer does, and nothing an app created', async () => {
    const broker = new Broker();
    try {
      const first = await apply(broker, FILE);
      broker.sqs.operations.CreateQueue({ QueueName: 'made-by-app' });
      await apply(broker, 'queues:\n  - name: orders-dlq\n', first.declared);
      assert.deepEqual(broker.sqs.listQueueSummaries().map((q) => q.name), ['made-by-app', 'orders-dlq']);
      assert.deepEqual(broker.sns.listTopicSummaries(), []);
      assert.deepEqual(broker.kinesis.listStreamSummaries(), []);
    } finally {
      broker.dispose();
    }
  });

  it('turns AWS errors into issues on the definition that caused them; the rest still applies', async () => {
    const broker = new Broker();
    try {
      const text = [
        'queues:',
        '  - name: orders',
        '    fifo: true',
        '  - name: jobs',
        '    deadLetter: { queue: missing-dlq, maxReceiveCount: 3 }',
        'topics:',
        '  - name: events',
        '    subscriptions:',
        '      - protocol: sqs',
        '        queue: jobs',
        '        filterPolicy: { price: [{ numeric: [">"] }] }',
        'streams:',
        '  - name: clicks',
      ].join('\n');
      const { issues, located } = await apply(broker, text);
      const byPath = Object.fromEntries(located.map((i) => [i.path.join('.'), i]));
      assert.match(byPath['queues.0.name'].message, /must end with .fifo suffix/);
      assert.equal(byPath['queues.0.name'].range.start.line, 1);
      assert.ok(byPath['queues.1.deadLetter.queue'], JSON.stringify(issues));
      assert.equal(byPath['queues.1.deadLetter.queue'].range.start.line, 4);
      assert.ok(byPath['topics.0.subscriptions.0'].code, 'the filter policy error carries its AWS code');
      assert.ok(issues.every((i) => i.message.length > 0));
      assert.deepEqual(broker.kinesis.listStreamSummaries().map((s) => s.name), ['clicks']);
      assert.deepEqual(broker.sqs.listQueueSummaries().map((q) => q.name), ['jobs']);
    } finally {
      broker.dispose();
    }
  });
});
