import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeClock } from '../../../src/broker/clock';
import { EventBus } from '../../../src/broker/events';
import { defaultIdentity } from '../../../src/broker/identity';
import { Scheduler } from '../../../src/broker/scheduler';
import type { HttpDeliverer } from '../../../src/broker/sns/delivery';
import { SnsService } from '../../../src/broker/sns/service';
import { SqsService } from '../../../src/broker/sqs/service';
import { nodeHttpDeliverer } from '../../../src/server/sns/http-deliverer';
import { makeQueue, newBroker, receiveAll } from './helpers';

describe('SNS delivery', () => {
  it('wraps a message for an sqs subscriber in the SNS envelope, with subject and attributes', async () => {
    const { broker } = newBroker();
    const q = makeQueue(broker, 'q1');
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'orders' });
    const { SubscriptionArn } = broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
    const { MessageId } = broker.sns.operations.Publish({
      TopicArn,
      Message: 'hello',
      Subject: 'greeting',
      MessageAttributes: { n: { DataType: 'Number', StringValue: '99.12' }, b: { DataType: 'Binary', BinaryValue: Buffer.from([2, 3, 4]) } },
    });
    const [m] = await receiveAll(broker, q.url);
    const body = JSON.parse(m.Body);
    assert.deepEqual(Object.keys(body), [
      'Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes',
    ]);
    assert.equal(body.Type, 'Notification');
    assert.equal(body.MessageId, MessageId);
    assert.equal(body.Message, 'hello');
    assert.equal(body.Subject, 'greeting');
    assert.equal(body.Timestamp, '2026-01-01T00:00:00.000Z');
    assert.equal(body.SignatureVersion, '1');
    assert.ok(body.Signature.length > 100);
    assert.equal(body.UnsubscribeURL, `http://127.0.0.1:4566/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`);
    assert.deepEqual(body.MessageAttributes, { n: { Type: 'Number', Value: '99.12' }, b: { Type: 'Binary', Value: 'AgME' } });
    assert.equal(m.MessageAttributes, undefined);
  });

  it('delivers the bare message and SQS message attributes with RawMessageDelivery', async () => {
    const { broker } = newBroker();
    const q = makeQueue(broker, 'raw');
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } });
    broker.sns.operations.Publish({ TopicArn, Message: 'Test msg', MessageAttributes: { attr1: { DataType: 'Number', StringValue: '99.12' } } });
    const [m] = await receiveAll(broker, q.url);
    assert.equal(m.Body, 'Test msg');
    assert.deepEqual(m.MessageAttributes, { attr1: { DataType: 'Number', StringValue: '99.12' } });
    // The MD5 AWS recorded for exactly this attribute set.
    assert.equal(m.MD5OfMessageAttributes, 'd302007e9aa062660afc85fd0a482472');
  });

  it('keeps group, deduplication and sequence from a FIFO topic into a FIFO queue, dropping duplicates', async () => {
    const { broker } = newBroker();
    const q = makeQueue(broker, 'q.fifo');
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
    const first = broker.sns.operations.Publish({ TopicArn, Message: 'Test', MessageGroupId: 'message-group-id-1' });
    broker.sns.operations.Publish({ TopicArn, Message: 'Test', MessageGroupId: 'message-group-id-1' });
    const msgs = await receiveAll(broker, q.url);
    assert.equal(msgs.length, 1);
    const [m] = msgs;
    assert.equal(m.Attributes?.MessageGroupId, 'message-group-id-1');
    // SHA-256 of "Test": the deduplication id AWS recorded for content-based deduplication.
    assert.equal(m.Attributes?.MessageDeduplicationId, '532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25');
    const body = JSON.parse(m.Body);
    assert.deepEqual(Object.keys(body), ['Type', 'MessageId', 'SequenceNumber', 'TopicArn', 'Message', 'Timestamp', 'UnsubscribeURL']);
    assert.equal(body.SequenceNumber, first.SequenceNumber);
    assert.match(first.SequenceNumber!, /^\d{20}$/);
  });

  it('forgets FIFO deduplication ids after the 5-minute window', async () => {
    const { broker, clock } = newBroker();
    // A standard queue deduplicates nothing itself, so it shows exactly what the topic let through.
    const q = makeQueue(broker, 'window');
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'w.fifo', Attributes: { FifoTopic: 'true' } });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } });
    const send = (Message: string) => broker.sns.operations.Publish({ TopicArn, Message, MessageGroupId: 'g', MessageDeduplicationId: 'same' });
    send('first');
    clock.advance(4 * 60 * 1000);
    send('within the window');
    clock.advance(61 * 1000);
    send('after the window');
    assert.deepEqual((await receiveAll(broker, q.url)).map((m) => m.Body).sort(), ['after the window', 'first']);
  });

  it('sends a per-protocol message with MessageStructure json', async () => {
    const { broker } = newBroker();
    const q = makeQueue(broker, 'q');
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sms', Endpoint: '+15551234567' });
    broker.sns.operations.Publish({ TopicArn, MessageStructure: 'json', Message: JSON.stringify({ default: 'default field', sqs: '{"field": "value"}' }) });
    const [m] = await receiveAll(broker, q.url);
    assert.equal(JSON.parse(m.Body).Message, '{"field": "value"}');
    assert.equal(broker.sns.listOutbox('+15551234567')[0].body, 'default field');
  });

  it('filters on attributes and on the body, and reports which key filtered a message out', async () => {
    const { broker, events } = newBroker();
    const q = makeQueue(broker, 'q');
    const body = makeQueue(broker, 'body');
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
    const attrSub = broker.sns.operations.Subscribe({
      TopicArn, Protocol: 'sqs', Endpoint: q.arn,
      Attributes: { FilterPolicy: JSON.stringify({ attr1: [{ numeric: ['>', 0, '<=', 100] }], store: [{ exists: true }] }) },
    }).SubscriptionArn;
    broker.sns.operations.Subscribe({
      TopicArn, Protocol: 'sqs', Endpoint: body.arn,
      Attributes: { FilterPolicyScope: 'MessageBody', FilterPolicy: JSON.stringify({ object: { key: [{ prefix: 'auto-' }] } }), RawMessageDelivery: 'true' },
    });
    const num = (v: string) => ({ attr1: { DataType: 'Number', StringValue: v }, store: { DataType: 'String', StringValue: 'x' } });
    broker.sns.operations.Publish({ TopicArn, Message: '{"object": {"key": "auto-test"}}', MessageAttributes: num('99') });
    broker.sns.operations.Publish({ TopicArn, Message: '{"object": {"key": "manual"}}', MessageAttributes: num('101') });
    broker.sns.operations.Publish({ TopicArn, Message: '{"object.key": "auto-dotted"}', MessageAttributes: { attr1: { DataType: 'Number', StringValue: '5' } } });
    assert.deepEqual((await receiveAll(broker, q.url)).map((m) => JSON.parse(m.Body).Message), ['{"object": {"key": "auto-test"}}']);
    assert.deepEqual((await receiveAll(broker, body.url)).map((m) => m.Body), ['{"object": {"key": "auto-test"}}', '{"object.key": "auto-dotted"}']);
    const filtered = events.filter((e) => e.service === 'sns' && e.type === 'delivery' && e.status === 'filteredOut' && e.subscriptionArn === attrSub);
    assert.deepEqual(filtered.map((e) => (e as { detail?: string }).detail), ['attr1', 'store']);
    const log = broker.sns.listDeliveries(TopicArn);
    assert.equal(log.length, 6);
    assert.deepEqual(log.map((r) => r.status).sort(), ['delivered', 'delivered', 'delivered', 'filteredOut', 'filteredOut', 'filteredOut']);
  });

  it('refuses a FIFO queue on a standard topic and a standard DLQ for a FIFO pair', () => {
    const { broker } = newBroker();
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'std' });
    assert.throws(() => broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q.fifo' }), {
      message: 'Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics',
    });
    const fifo = broker.sns.operations.CreateTopic({ Name: 'f.fifo', Attributes: { FifoTopic: 'true' } }).TopicArn;
    assert.throws(
      () =>
        broker.sns.operations.Subscribe({
          TopicArn: fifo, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q.fifo',
          Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq' }) },
        }),
      { message: 'Invalid parameter: Attributes Reason: RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.' },
    );
  });

  it('moves a message to the subscription DLQ when its queue is gone', async () => {
    const { broker } = newBroker();
    const q = makeQueue(broker, 'gone');
    const dlq = makeQueue(broker, 'dlq');
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) } });
    broker.sqs.operations.DeleteQueue({ QueueUrl: q.url });
    broker.sns.operations.Publish({ TopicArn, Message: 'test_dlq_after_sqs_endpoint_deleted' });
    const [m] = await receiveAll(broker, dlq.url);
    assert.equal(JSON.parse(m.Body).Message, 'test_dlq_after_sqs_endpoint_deleted');
    assert.equal(broker.sns.listDeliveries(TopicArn)[0].status, 'deadLettered');
  });

  describe('http/https', () => {
    let server: http.Server;
    let url: string;
    let requests: { headers: http.IncomingHttpHeaders; body: string }[];
    let answer: number;
    beforeEach(async () => {
      requests = [];
      answer = 200;
      server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          requests.push({ headers: req.headers, body });
          res.statusCode = answer;
          res.end();
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    });
    afterEach(() => new Promise<void>((r) => server.close(() => r())));

    it('confirms through the token POSTed to the endpoint, then POSTs notifications with SNS headers', async () => {
      const { broker } = newBroker({ sns: { httpDeliverer: nodeHttpDeliverer } });
      const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'web' });
      const sub = broker.sns.operations.Subscribe({ TopicArn, Protocol: 'http', Endpoint: url });
      assert.equal(sub.SubscriptionArn, 'pending confirmation');
      await broker.sns.settled();
      assert.equal(requests.length, 1);
      const confirmation = JSON.parse(requests[0].body);
      assert.equal(requests[0].headers['x-amz-sns-message-type'], 'SubscriptionConfirmation');
      assert.equal(requests[0].headers['x-amz-sns-topic-arn'], TopicArn);
      assert.equal(confirmation.Type, 'SubscriptionConfirmation');
      assert.equal(confirmation.SubscribeURL, `http://127.0.0.1:4566/?Action=ConfirmSubscription&TopicArn=${TopicArn}&Token=${confirmation.Token}`);

      broker.sns.operations.Publish({ TopicArn, Message: 'before confirmation' });
      await broker.sns.settled();
      assert.equal(requests.length, 1, 'a pending subscription gets nothing');

      const { SubscriptionArn } = broker.sns.operations.ConfirmSubscription({ TopicArn, Token: confirmation.Token });
      assert.equal(broker.sns.operations.GetSubscriptionAttributes({ SubscriptionArn }).Attributes.PendingConfirmation, 'false');
      const { MessageId } = broker.sns.operations.Publish({ TopicArn, Message: 'test_external_http_endpoint' });
      await broker.sns.settled();
      const note = requests[1];
      assert.equal(note.headers['x-amz-sns-message-type'], 'Notification');
      assert.equal(note.headers['x-amz-sns-message-id'], MessageId);
      assert.equal(note.headers['x-amz-sns-subscription-arn'], SubscriptionArn);
      assert.equal(note.headers['content-type'], 'text/plain; charset=UTF-8');
      assert.equal(note.headers['user-agent'], 'Amazon Simple Notification Service Agent');
      assert.equal(JSON.parse(note.body).Message, 'test_external_http_endpoint');
      assert.equal(broker.sns.listDeliveries(TopicArn)[0].status, 'delivered');
    });

    it('retries a failing endpoint on the delivery policy schedule, then dead-letters', async () => {
      const { broker, clock } = newBroker({ sns: { httpDeliverer: nodeHttpDeliverer } });
      const dlq = makeQueue(broker, 'http-dlq');
      const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'web' });
      const { SubscriptionArn } = broker.sns.operations.Subscribe({
        TopicArn, Protocol: 'http', Endpoint: url, ReturnSubscriptionArn: true,
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }), RawMessageDelivery: 'true' },
      });
      const pending = broker.sns.operations.GetSubscriptionAttributes({ SubscriptionArn }).Attributes;
      assert.equal(pending.PendingConfirmation, 'true');
      assert.equal(pending.ConfirmationWasAuthenticated, 'false');
      await broker.sns.settled();
      broker.sns.operations.ConfirmSubscription({ TopicArn, Token: JSON.parse(requests[0].body).Token });
      answer = 500;
      broker.sns.operations.Publish({ TopicArn, Message: 'doomed' });
      await broker.sns.settled();
      assert.equal(broker.sns.listDeliveries(TopicArn)[0].status, 'retrying');
      clock.advance(19_999);
      await broker.sns.settled();
      assert.equal(requests.length, 2, 'no retry before the 20 s minDelayTarget');
      for (let i = 0; i < 3; i++) {
        clock.advance(20_000);
        await broker.sns.settled();
      }
      assert.equal(requests.length, 5, 'first attempt plus numRetries=3');
      assert.equal(requests[4].headers['x-amz-sns-rawdelivery'], 'true');
      assert.equal(requests[4].body, 'doomed');
      assert.equal(broker.sns.listDeliveries(TopicArn)[0].status, 'deadLettered');
      assert.deepEqual((await receiveAll(broker, dlq.url)).map((m) => m.Body), ['doomed']);
    });
  });

  it('records a lambda delivery in the SNS event shape without a function runtime, and invokes the one it is given', async () => {
    const { broker } = newBroker();
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:handler';
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
    const { SubscriptionArn } = broker.sns.operations.Subscribe({ TopicArn, Protocol: 'lambda', Endpoint: fn });
    broker.sns.operations.Publish({ TopicArn, Message: 'm1', MessageAttributes: { a: { DataType: 'String', StringValue: 'v' } } });
    const event = JSON.parse(broker.sns.listOutbox(fn)[0].body);
    assert.equal(event.Records[0].EventSource, 'aws:sns');
    assert.equal(event.Records[0].EventSubscriptionArn, SubscriptionArn);
    assert.equal(event.Records[0].Sns.Message, 'm1');
    assert.deepEqual(event.Records[0].Sns.MessageAttributes, { a: { Type: 'String', Value: 'v' } });

    // The functions service hands SNS its invoker at construction; here the engine alone, with a recording one.
    const calls: [string, unknown][] = [];
    const clock = new FakeClock();
    const ctx = { scheduler: new Scheduler(clock), events: new EventBus(), identity: defaultIdentity, endpoint: 'http://127.0.0.1:4566' };
    const sns = new SnsService(ctx, new SqsService(ctx), { lambda: (arn, e) => void calls.push([arn, e]) });
    try {
      const topic = sns.operations.CreateTopic({ Name: 't' }).TopicArn;
      sns.operations.Subscribe({ TopicArn: topic, Protocol: 'lambda', Endpoint: fn });
      sns.operations.Publish({ TopicArn: topic, Message: 'm2' });
      await sns.settled();
      assert.equal(calls.length, 1);
      assert.equal(calls[0][0], fn);
      assert.equal((calls[0][1] as { Records: { Sns: { Message: string } }[] }).Records[0].Sns.Message, 'm2');
      assert.deepEqual(sns.listOutbox(fn), [], 'invoked, not recorded');
    } finally {
      sns.dispose();
      ctx.scheduler.dispose();
    }
  });

  it('puts email, email-json, sms and application deliveries in the outbox as the recipient would see them', () => {
    const { broker } = newBroker();
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't', Attributes: { DisplayName: 'Shop' } });
    const email = broker.sns.operations.Subscribe({ TopicArn, Protocol: 'email', Endpoint: 'dev@example.com' });
    assert.equal(email.SubscriptionArn, 'pending confirmation');
    const confirmMail = broker.sns.listOutbox('dev@example.com')[0];
    assert.equal(confirmMail.kind, 'subscriptionConfirmation');
    const token = /Token=([0-9a-f]+)/.exec(confirmMail.body)![1];
    broker.sns.operations.ConfirmSubscription({ TopicArn, Token: token });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sms', Endpoint: '+15551234567' });
    const { PlatformApplicationArn } = broker.sns.operations.CreatePlatformApplication({ Name: 'app', Platform: 'GCM', Attributes: { PlatformCredential: 'key' } });
    const { EndpointArn } = broker.sns.operations.CreatePlatformEndpoint({ PlatformApplicationArn, Token: 'device' });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'application', Endpoint: EndpointArn });
    broker.sns.operations.Publish({ TopicArn, Message: JSON.stringify({ default: 'hi', GCM: '{"notification":{"body":"hi"}}' }), MessageStructure: 'json', Subject: 'News' });
    const mail = broker.sns.listOutbox('dev@example.com')[1];
    assert.equal(mail.subject, 'News');
    assert.ok(mail.body.startsWith('hi\n\n--\nIf you wish to stop receiving notifications'));
    assert.equal(broker.sns.listOutbox('+15551234567')[0].body, 'Shop> hi');
    assert.equal(broker.sns.listOutbox(EndpointArn)[0].body, '{"notification":{"body":"hi"}}');
  });

  it('counts a failing injected deliverer as an http failure without crashing the publish', async () => {
    const fake: HttpDeliverer = { post: () => Promise.reject(new Error('ECONNREFUSED')) };
    const { broker } = newBroker({ sns: { httpDeliverer: fake } });
    const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
    broker.sns.operations.Subscribe({ TopicArn, Protocol: 'https', Endpoint: 'https://127.0.0.1:1/x' });
    await broker.sns.settled();
    assert.deepEqual(broker.sns.listTopicSummaries()[0].subscriptions.map((s) => s.pending), [true]);
  });
});
