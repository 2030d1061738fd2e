import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { withOrigin } from '../../../src/broker/trace/cause';
import type { TraceHop } from '../../../src/broker/trace/hop';

function brokerWithTrace(traceBufferSize?: number): { broker: Broker; clock: FakeClock } {
  const clock = new FakeClock();
  return { broker: new Broker({ clock, traceBufferSize }), clock };
}

const kinds = (hops: TraceHop[]) => hops.map((h) => `${h.service}:${h.resource.split(':').pop()}:${h.kind}`);

describe('Tracer', () => {
  it('follows an SNS publish through a filter to a queue, its receives, a visibility expiry, the DLQ and a redrive', async () => {
    const { broker, clock } = brokerWithTrace();
    try {
      const { sqs, sns } = broker;
      const dlq = sqs.operations.CreateQueue({ QueueName: 'orders-dlq' }).QueueUrl;
      const dlqArn = sqs.operations.GetQueueAttributes({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
      const queue = sqs.operations.CreateQueue({
        QueueName: 'orders',
        Attributes: { VisibilityTimeout: '5', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) },
      }).QueueUrl;
      const queueArn = sqs.operations.GetQueueAttributes({ QueueUrl: queue, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
      const other = sqs.operations.CreateQueue({ QueueName: 'audit' }).QueueUrl;
      const otherArn = sqs.operations.GetQueueAttributes({ QueueUrl: other, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
      const { TopicArn } = sns.operations.CreateTopic({ Name: 'events' });
      sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: { RawMessageDelivery: 'true' } });
      sns.operations.Subscribe({
        TopicArn, Protocol: 'sqs', Endpoint: otherArn,
        Attributes: { FilterPolicy: JSON.stringify({ kind: ['audit'], amount: [{ numeric: ['>', 100] }] }) },
      });
      const { MessageId } = sns.operations.Publish({
        TopicArn, Message: '{"order":42}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
      });
      await sns.settled?.();

      // Two receives without a delete: the second expiry moves the message to the DLQ.
      const first = await sqs.operations.ReceiveMessage({ QueueUrl: queue });
      const sqsId = first.Messages![0].MessageId!;
      clock.advance(5_000);
      await sqs.operations.ReceiveMessage({ QueueUrl: queue });
      clock.advance(5_000);
      await sqs.operations.ReceiveMessage({ QueueUrl: queue });
      sqs.redriveMessages('orders-dlq', [sqsId], 'orders');

      const trace = broker.trace!.trace(MessageId!)!;
      assert.equal(trace.traceId, MessageId);
      assert.deepEqual(broker.trace!.trace(sqsId)?.traceId, MessageId, 'the queue message id finds the same trace');
      const k = kinds(trace.hops);
      assert.equal(k[0], 'sns:events:published');
      assert.equal(trace.hops[0].payload, '{"order":42}');
      assert.deepEqual(trace.hops[0].attributes, { kind: 'order' });
      const filtered = trace.hops.find((h) => h.kind === 'filteredOut')!;
      assert.deepEqual(filtered.filter, { key: 'kind', condition: '["audit"]', seen: ['order'] });
      assert.match(filtered.detail!, /audit/);
      assert.ok(k.includes('sqs:orders:sent'));
      assert.equal(trace.hops.find((h) => h.kind === 'sent' && h.resource === 'orders')!.payload, '{"order":42}');
      assert.ok(k.includes('sns:events:delivered'));
      assert.equal(k.filter((x) => x === 'sqs:orders:received').length, 2);
      assert.ok(k.includes('sqs:orders:visibilityExpired'));
      assert.ok(k.includes('sqs:orders:movedToDeadLetterQueue'));
      assert.ok(k.includes('sqs:orders-dlq:sent'));
      assert.ok(k.includes('sqs:orders-dlq:redriven'));
      assert.ok(k.indexOf('sqs:orders:movedToDeadLetterQueue') < k.indexOf('sqs:orders-dlq:redriven'));
    } finally {
      broker.dispose();
    }
  });

  it('records the value a numeric condition saw when it said no', async () => {
    const { broker } = brokerWithTrace();
    try {
      const q = broker.sqs.operations.CreateQueue({ QueueName: 'big' }).QueueUrl;
      const arn = broker.sqs.operations.GetQueueAttributes({ QueueUrl: q, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
      const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
      broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: arn, Attributes: { FilterPolicy: JSON.stringify({ amount: [{ numeric: ['>', 100] }] }) } });
      const { MessageId } = broker.sns.operations.Publish({ TopicArn, Message: 'x', MessageAttributes: { amount: { DataType: 'Number', StringValue: '7' } } });
      const hop = broker.trace!.trace(MessageId!)!.hops.find((h) => h.kind === 'filteredOut')!;
      assert.deepEqual(hop.filter, { key: 'amount', condition: '[{"numeric":[">",100]}]', seen: [7] });
      const absent = broker.sns.operations.Publish({ TopicArn, Message: 'y' });
      assert.deepEqual(broker.trace!.trace(absent.MessageId!)!.hops.find((h) => h.kind === 'filteredOut')!.filter, {
        key: 'amount', condition: '[{"numeric":[">",100]}]', seen: undefined,
      });
    } finally {
      broker.dispose();
    }
  });

  it('links a function invocation to the messages it was given, with its error', () => {
    const { broker } = brokerWithTrace();
    try {
      const q = broker.sqs.operations.CreateQueue({ QueueName: 'in' }).QueueUrl;
      const { MessageId } = broker.sqs.operations.SendMessage({ QueueUrl: q, MessageBody: 'hello' });
      // The functions service's own event, as its SQS poller emits it after a failed run.
      broker.events.emit({
        service: 'functions', type: 'invocationCompleted', functionName: 'worker', requestId: 'r1', at: broker.clock.now(),
        invocation: {
          requestId: 'r1', functionName: 'worker', trigger: { type: 'sqs', eventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:in', mappingUuid: 'u' },
          startedAt: broker.clock.now(), status: 'failed', input: { Records: [{ messageId: MessageId, body: 'hello' }] },
          error: { errorType: 'Error', errorMessage: 'boom' }, logs: '', durationMs: 3,
        },
      });
      const hops = broker.trace!.trace(MessageId!)!.hops;
      assert.deepEqual(kinds(hops), ['sqs:in:sent', 'functions:worker:invocationFailed']);
      assert.match(hops[1].detail!, /Error: boom/);
    } finally {
      broker.dispose();
    }
  });

  it('traces Kinesis records with their data as text', () => {
    const { broker } = brokerWithTrace();
    try {
      broker.kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 1 });
      const put = broker.kinesis.operations.PutRecord({ StreamName: 's', PartitionKey: 'p', Data: new TextEncoder().encode('{"a":1}') });
      const seq = (put as { SequenceNumber: string }).SequenceNumber;
      const trace = broker.trace!.trace(seq)!;
      assert.equal(trace.hops[0].kind, 'put');
      assert.equal(trace.hops[0].payload, '{"a":1}');
    } finally {
      broker.dispose();
    }
  });

  it('searches by body text and attribute value, newest first', () => {
    const { broker } = brokerWithTrace();
    try {
      const q = broker.sqs.operations.CreateQueue({ QueueName: 'q' }).QueueUrl;
      const a = broker.sqs.operations.SendMessage({ QueueUrl: q, MessageBody: 'alpha one', MessageAttributes: { tenant: { DataType: 'String', StringValue: 'acme' } } });
      const b = broker.sqs.operations.SendMessage({ QueueUrl: q, MessageBody: 'alpha two' });
      broker.sqs.operations.SendMessage({ QueueUrl: q, MessageBody: 'beta' });
      assert.deepEqual(broker.trace!.search({ text: 'alpha' }).map((t) => t.traceId), [b.MessageId, a.MessageId]);
      assert.deepEqual(broker.trace!.search({ attributeValue: 'acme' }).map((t) => t.traceId), [a.MessageId]);
      assert.deepEqual(broker.trace!.search({ attributeValue: 'acme', attributeName: 'other' }), []);
      assert.deepEqual(broker.trace!.search({ id: b.MessageId! }).map((t) => t.traceId), [b.MessageId]);
    } finally {
      broker.dispose();
    }
  });

  it('keeps at most the buffer size of hops per resource and forgets traces whose hops all left', () => {
    const { broker } = brokerWithTrace(3);
    try {
      const q = broker.sqs.operations.CreateQueue({ QueueName: 'q' }).QueueUrl;
      const ids = Array.from({ length: 10 }, (_, i) => broker.sqs.operations.SendMessage({ QueueUrl: q, MessageBody: `m${i}` }).MessageId!);
      assert.equal(broker.trace!.ringSizes().get('sqs:q'), 3);
      assert.equal(broker.trace!.trace(ids[0]), undefined);
      assert.equal(broker.trace!.trace(ids[6]), undefined);
      assert.equal(broker.trace!.trace(ids[9])!.hops[0].payload, 'm9');
      assert.equal(broker.trace!.search({ text: 'm' }).length, 3);
    } finally {
      broker.dispose();
    }
  });

  it('follows an EventBridge event from the bus through each matching rule to its SQS target, with the event as payload', async () => {
    const { broker } = brokerWithTrace();
    try {
      const q = broker.sqs.operations.CreateQueue({ QueueName: 'shipped' }).QueueUrl;
      const arn = broker.sqs.operations.GetQueueAttributes({ QueueUrl: q, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
      const ev = broker.eventbridge.operations;
      ev.PutRule({ Name: 'ships', EventPattern: JSON.stringify({ source: ['shop'], detail: { state: ['shipped'] } }) });
      ev.PutTargets({ Rule: 'ships', Targets: [{ Id: 'q', Arn: arn }] });
      ev.PutRule({ Name: 'other', EventPattern: JSON.stringify({ source: ['billing'] }) });
      const { Entries } = ev.PutEvents({ Entries: [{ Source: 'shop', DetailType: 'Order', Detail: '{"state":"shipped","id":7}' }] });
      await broker.eventbridge.settled();
      const eventId = Entries![0].EventId!;
      const trace = broker.trace!.trace(eventId)!;
      assert.deepEqual(kinds(trace.hops), ['events:default:put', 'events:default:ruleMatched', 'sqs:shipped:sent', 'events:default:delivered']);
      assert.equal(JSON.parse(trace.hops[0].payload!).detail.id, 7);
      assert.equal(trace.hops[1].detail, 'rule ships');
      const [received] = (await broker.sqs.operations.ReceiveMessage({ QueueUrl: q })).Messages!;
      assert.equal(broker.trace!.trace(received.MessageId!)!.traceId, eventId, 'the queue message continues the event\'s trace');
    } finally {
      broker.dispose();
    }
  });

  it('follows an S3 object change through its notification to a queue, and records a notification that failed', async () => {
    const { broker } = brokerWithTrace();
    try {
      const q = broker.sqs.operations.CreateQueue({ QueueName: 'landed' }).QueueUrl;
      const arn = broker.sqs.operations.GetQueueAttributes({ QueueUrl: q, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
      await broker.s3.operations.CreateBucket({ Bucket: 'lake' });
      await broker.s3.operations.PutBucketNotificationConfiguration({
        Bucket: 'lake',
        NotificationConfiguration: { QueueConfigurations: [{ Id: 'all', QueueArn: arn, Events: ['s3:ObjectCreated:*'] }] },
      });
      await broker.s3.operations.PutObject({ Bucket: 'lake', Key: 'in/a.json', Body: Buffer.from('{}') });
      await broker.s3.whenDelivered();
      const messages = (await broker.sqs.operations.ReceiveMessage({ QueueUrl: q, MaxNumberOfMessages: 10 })).Messages!;
      const notice = messages.find((m) => m.Body!.includes('ObjectCreated'))!;
      const trace = broker.trace!.trace(notice.MessageId!)!;
      assert.deepEqual(kinds(trace.hops).slice(0, 2), ['s3:lake:objectChanged', 'sqs:landed:sent']);
      assert.equal(trace.hops[0].detail, 'ObjectCreated:Put in/a.json');
      const sequencer = JSON.parse(notice.Body!).Records[0].s3.object.sequencer as string;
      assert.equal(broker.trace!.trace(sequencer)!.traceId, trace.traceId, 'the sequencer names the object change');

      broker.sqs.operations.DeleteQueue({ QueueUrl: q });
      await broker.s3.operations.PutObject({ Bucket: 'lake', Key: 'in/b.json', Body: Buffer.from('{}') });
      await broker.s3.whenDelivered();
      const failed = broker.trace!.search({ text: '' }).find((t) => t.hops.some((h) => h.kind === 'deliveryFailed' && h.service === 's3'))!;
      assert.match(failed.hops.find((h) => h.kind === 'deliveryFailed')!.detail!, /^arn:aws:sqs:.*landed: /);
    } finally {
      broker.dispose();
    }
  });

  it('records where a trace entered: the client, protocol and action of the request that started it', () => {
    const { broker } = brokerWithTrace();
    try {
      const q = broker.sqs.operations.CreateQueue({ QueueName: 'q' }).QueueUrl;
      const origin = { via: 'wire' as const, protocol: 'json 1.0', action: 'SendMessage', userAgent: 'aws-sdk-js/3.1.0 os/linux', client: 'aws-sdk-js/3.1.0' };
      const { MessageId } = withOrigin(origin, () => broker.sqs.operations.SendMessage({ QueueUrl: q, MessageBody: 'hi' }));
      assert.deepEqual(broker.trace!.trace(MessageId!)!.origin, origin);
      const later = broker.sqs.operations.SendMessage({ QueueUrl: q, MessageBody: 'no origin' });
      assert.equal(broker.trace!.trace(later.MessageId!)!.origin, undefined, 'the slot is cleared after the request');
    } finally {
      broker.dispose();
    }
  });

  it('keeps a bare send cheaply until its next hop, then as a trace whose hops leave the ring one by one', async () => {
    const { broker } = brokerWithTrace(3);
    try {
      const sqs = broker.sqs.operations;
      const q = sqs.CreateQueue({ QueueName: 'q' }).QueueUrl;
      const m0 = sqs.SendMessage({ QueueUrl: q, MessageBody: 'm0', MessageAttributes: { tenant: { DataType: 'String', StringValue: 'acme' } } }).MessageId!;
      assert.deepEqual(broker.trace!.trace(m0)!.hops.map((h) => [h.kind, h.payload, h.attributes?.tenant]), [['sent', 'm0', 'acme']], 'a bare send reads as a trace of one hop');
      assert.deepEqual(broker.trace!.search({ attributeName: 'tenant', attributeValue: 'acme' }).map((t) => t.traceId), [m0]);
      await sqs.ReceiveMessage({ QueueUrl: q });
      const promoted = broker.trace!.trace(m0)!.hops;
      assert.deepEqual(promoted.map((h) => h.kind), ['sent', 'received']);
      assert.ok(promoted[0].seq < promoted[1].seq, 'the send is numbered before the receive');
      sqs.SendMessage({ QueueUrl: q, MessageBody: 'm1' });
      sqs.SendMessage({ QueueUrl: q, MessageBody: 'm2' });
      assert.deepEqual(broker.trace!.trace(m0)!.hops.map((h) => h.kind), ['received'], 'the send left the ring, the receive is still there');
      sqs.SendMessage({ QueueUrl: q, MessageBody: 'm3' });
      assert.equal(broker.trace!.trace(m0), undefined, 'with its last hop gone the trace goes');
      assert.equal(broker.trace!.ringSizes().get('sqs:q'), 3);
    } finally {
      broker.dispose();
    }
  });

  it('records nothing with a buffer size of 0', () => {
    const { broker } = brokerWithTrace(0);
    try {
      assert.equal(broker.trace, undefined);
    } finally {
      broker.dispose();
    }
  });
});
