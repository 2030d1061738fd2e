import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { applyText as apply } from '../support/apply-definitions';


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
  describe('with the limits full, as an AWS client over the wire meets them', () => {
    const maxBytes = 16 * 1024;
    const full = /^Service is unable to handle the request: Eventyard's data folder reached its size limit of 16384 bytes\.$/;
    let dir: string;
    let broker: Broker;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-definitions-limits-'));
      broker = new Broker({ persistence: { dataDir: dir, maxBytes } });
    });
    afterEach(async () => {
      await broker.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    /** An app fills the data folder. */
    const fill = async () => {
      const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'made-by-app' });
      while (broker.store!.store.bytes < maxBytes) broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'x'.repeat(1000) });
      await broker.store!.durable();
    };

    it('refuses each resource the file adds with ServiceUnavailable, makes none of them, and still removes what it no longer declares', async () => {
      const first = await apply(broker, 'queues:\n  - name: old\n');
      await fill();
      const { issues } = await apply(broker, FILE, first.declared);
      const byPath = Object.fromEntries(issues.map((i) => [i.path.join('.'), i]));
      for (const where of ['queues.0.name', 'queues.1.name', 'queues.2.name', 'streams.0.name', 'deliveryStreams.0.name', 'topics.0.name']) {
        assert.equal(byPath[where]?.code, 'ServiceUnavailable', `${where}: ${JSON.stringify(issues)}`);
        assert.match(byPath[where].message, full);
      }
      assert.deepEqual(broker.sqs.listQueueSummaries().map((q) => q.name), ['made-by-app'], 'none created, `old` deleted');
      assert.deepEqual(broker.sns.listTopicSummaries(), []);
      assert.deepEqual(broker.kinesis.listStreamSummaries(), []);
      assert.deepEqual(broker.firehose.listDeliveryStreamSummaries(), []);
    });

    it('keeps every resource and subscription a re-apply cannot update, and their messages', async () => {
      const first = await apply(broker, FILE);
      assert.deepEqual(first.issues, []);
      broker.sqs.operations.SendMessage({ QueueUrl: broker.sqs.queueUrl('orders'), MessageBody: 'kept' });
      await fill();
      const second = await apply(broker, FILE.replace('visibilityTimeout: 10', 'visibilityTimeout: 20'), first.declared);
      assert.ok(second.issues.length > 0 && second.issues.every((i) => i.code === 'ServiceUnavailable'), JSON.stringify(second.issues));
      const orders = broker.sqs.listQueueSummaries().find((q) => q.name === 'orders')!;
      assert.equal(orders.attributes.VisibilityTimeout, '10', 'not half-updated');
      assert.equal(orders.visible, 1);
      assert.equal(broker.sns.listTopicSummaries()[0].subscriptions.length, 1, 'a refused topic does not lose its subscription');
      assert.deepEqual(second.declared, first.declared);
    });

    it('provisions as usual while the memory budget is full: resources hold no payload, and the wire creates them too', async () => {
      const limited = new Broker({ maxMemoryBytes: 1024 * 1024 });
      try {
        const { QueueUrl } = limited.sqs.operations.CreateQueue({ QueueName: 'made-by-app' });
        for (let i = 0; i < 4; i++) limited.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'x'.repeat(256 * 1024 - 1) });
        assert.throws(() => limited.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'more!' }), /memory budget is full/);
        const { issues } = await apply(limited, FILE);
        assert.deepEqual(issues, []);
        assert.equal(limited.sqs.listQueueSummaries().length, 4);
      } finally {
        limited.dispose();
      }
    });
  });
});
