import assert from 'node:assert/strict';
import { createVerify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import { credentials, sqsClient } from './support/clients';
import { ServeProcess, startServe } from './support/serve';

/** SNS through the AWS SDK for JavaScript v3 (query/XML protocol), fanning out to SQS and to a real HTTP server. */
describe('SNS with @aws-sdk/client-sns', function () {
  this.timeout(30_000);
  let server: ServeProcess;
  let client: sns.SNSClient;
  let queues: sqs.SQSClient;

  before(async () => {
    server = await startServe();
    client = new sns.SNSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    queues = sqsClient(server.url);
  });
  after(async () => {
    client.destroy();
    queues.destroy();
    assert.equal(await server.stop(), 0);
  });

  async function rejection(promise: Promise<unknown>): Promise<sns.SNSServiceException> {
    try {
      await promise;
    } catch (e) {
      return e as sns.SNSServiceException;
    }
    assert.fail('expected the call to fail');
  }

  async function queue(name: string): Promise<{ url: string; arn: string }> {
    const attributes = name.endsWith('.fifo') ? { FifoQueue: 'true' } : undefined;
    const { QueueUrl } = await queues.send(new sqs.CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    return { url: QueueUrl!, arn: `arn:aws:sqs:us-east-1:000000000000:${name}` };
  }

  async function receive(url: string): Promise<sqs.Message[]> {
    const out = await queues.send(
      new sqs.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 1 }),
    );
    return out.Messages ?? [];
  }

  it('fans a publish out to an enveloped queue and a raw queue, with attributes', async () => {
    const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'sdk-orders', Tags: [{ Key: 'team', Value: 'blue' }] }));
    assert.equal(TopicArn, 'arn:aws:sns:us-east-1:000000000000:sdk-orders');
    const enveloped = await queue('sdk-enveloped');
    const raw = await queue('sdk-raw');
    const sub = await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: enveloped.arn }));
    await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: raw.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const published = await client.send(
      new sns.PublishCommand({
        TopicArn,
        Message: 'ünïcödé <xml> & "quotes"',
        Subject: 'order',
        MessageAttributes: { amount: { DataType: 'Number', StringValue: '99.12' }, blob: { DataType: 'Binary', BinaryValue: new Uint8Array([2, 3, 4]) } },
      }),
    );
    const [m] = await receive(enveloped.url);
    const body = JSON.parse(m.Body!);
    assert.equal(body.MessageId, published.MessageId);
    assert.equal(body.Message, 'ünïcödé <xml> & "quotes"');
    assert.equal(body.Subject, 'order');
    assert.equal(body.UnsubscribeURL, `${server.url}/?Action=Unsubscribe&SubscriptionArn=${sub.SubscriptionArn}`);
    assert.deepEqual(body.MessageAttributes, { amount: { Type: 'Number', Value: '99.12' }, blob: { Type: 'Binary', Value: 'AgME' } });
    // The signature verifies with the key served at SigningCertURL, over SNS's canonical field list.
    const pem = await (await fetch(body.SigningCertURL)).text();
    const canonical = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'].map((k) => `${k}\n${body[k]}\n`).join('');
    assert.ok(createVerify('RSA-SHA1').update(canonical).verify(pem, body.Signature, 'base64'));
    const [r] = await receive(raw.url);
    assert.equal(r.Body, 'ünïcödé <xml> & "quotes"');
    assert.equal(r.MessageAttributes?.amount.StringValue, '99.12');
    assert.deepEqual([...(r.MessageAttributes?.blob.BinaryValue ?? [])], [2, 3, 4]);
    const tags = await client.send(new sns.ListTagsForResourceCommand({ ResourceArn: TopicArn }));
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'blue' }]);
  });

  it('delivers FIFO topic batches in order into a FIFO queue', async () => {
    const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'sdk.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } }));
    const q = await queue('sdk-fifo-q.fifo');
    await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const out = await client.send(
      new sns.PublishBatchCommand({
        TopicArn,
        PublishBatchRequestEntries: ['one', 'two', 'three'].map((Message, i) => ({ Id: `e${i}`, Message, MessageGroupId: 'g' })),
      }),
    );
    assert.deepEqual(out.Successful?.map((s) => s.Id), ['e0', 'e1', 'e2']);
    assert.deepEqual(out.Failed, []);
    assert.ok(out.Successful?.every((s) => /^\d{20}$/.test(s.SequenceNumber ?? '')));
    const msgs = await receive(q.url);
    assert.deepEqual(msgs.map((m) => m.Body), ['one', 'two', 'three']);
    assert.equal(msgs[0].Attributes?.MessageGroupId, 'g');
  });

  it('applies a filter policy set through SetSubscriptionAttributes', async () => {
    const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'sdk-filter' }));
    const q = await queue('sdk-filter-q');
    const { SubscriptionArn } = await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, ReturnSubscriptionArn: true }));
    await client.send(new sns.SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'FilterPolicyScope', AttributeValue: 'MessageBody' }));
    await client.send(new sns.SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: '{"detail":{"price":[{"numeric":[">",10]}]}}' }));
    await client.send(new sns.PublishCommand({ TopicArn, Message: '{"detail":{"price":5}}' }));
    await client.send(new sns.PublishCommand({ TopicArn, Message: '{"detail":{"price":50}}' }));
    const msgs = await receive(q.url);
    assert.deepEqual(msgs.map((m) => JSON.parse(m.Body!).Message), ['{"detail":{"price":50}}']);
    const attrs = await client.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn }));
    assert.equal(attrs.Attributes?.FilterPolicyScope, 'MessageBody');
  });

  it('filters on message attributes with $or and with five decimal digits of numeric accuracy', async () => {
    const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'sdk-filter-or' }));
    const q = await queue('sdk-filter-or-q');
    const policy = { $or: [{ tier: ['gold'] }, { price: [{ numeric: ['=', 100] }] }], rating: [{ 'anything-but': [1] }] };
    await client.send(
      new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: { FilterPolicy: JSON.stringify(policy), RawMessageDelivery: 'true' } }),
    );
    const publish = (Message: string, attributes: Record<string, [string, string]>) =>
      client.send(
        new sns.PublishCommand({
          TopicArn,
          Message,
          MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([k, [DataType, StringValue]]) => [k, { DataType, StringValue }])),
        }),
      );
    await publish('gold', { tier: ['String', 'gold'], rating: ['Number', '5'] });
    await publish('price within five digits', { price: ['Number', '100.000001'], rating: ['Number', '5'] });
    await publish('price off at the fifth digit', { price: ['Number', '100.00001'], rating: ['Number', '5'] });
    await publish('rating one at five digits', { tier: ['String', 'gold'], rating: ['Number', '1.000004'] });
    await publish('price in an array', { price: ['String.Array', '["x", 99.999999]'], rating: ['Number', '2'] });
    const bodies = (await receive(q.url)).map((m) => m.Body).sort();
    assert.deepEqual(bodies, ['gold', 'price in an array', 'price within five digits']);
  });

  it('answers errors with AWS codes, messages and statuses', async () => {
    const missing = await rejection(client.send(new sns.GetTopicAttributesCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope' })));
    assert.equal(missing.name, 'NotFoundException');
    assert.equal(missing.message, 'Topic does not exist');
    assert.equal(missing.$metadata.httpStatusCode, 404);
    const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'sdk-errors' }));
    assert.deepEqual((await client.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions, []);
    const bad = await rejection(
      client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:q', Attributes: { FilterPolicy: '{"key":[{"numeric":[">",3,"<",1]}]}' } })),
    );
    assert.equal(bad.name, 'InvalidParameterException');
    assert.equal(bad.message, 'Invalid parameter: Attributes Reason: FilterPolicy: Bottom must be less than top\n at [Source: (String)"{"key":[{"numeric":[">",3,"<",1]}]}"; line: 1, column: 33]');
    const attr = await rejection(client.send(new sns.PublishCommand({ TopicArn, Message: 'x', MessageAttributes: { 'a^b': { DataType: 'String', StringValue: 'v' } } })));
    assert.equal(attr.name, 'InvalidParameterValueException');
    assert.match(attr.message, /Invalid non-alphanumeric character '#x5E'/);
    const batch = await rejection(
      client.send(new sns.PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: 'a', Message: 'x' }, { Id: 'a', Message: 'y' }] })),
    );
    assert.equal(batch.name, 'BatchEntryIdsNotDistinctException');
  });

  it('keeps email and sms deliveries in the outbox the admin surface shows', async () => {
    const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'sdk-outbox' }));
    await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15550001111' }));
    const email = await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'dev@example.com' }));
    assert.equal(email.SubscriptionArn, 'pending confirmation');
    const { MessageId } = await client.send(new sns.PublishCommand({ TopicArn, Message: 'your code is 42' }));
    const outbox = async (endpoint: string) =>
      ((await (await fetch(`${server.url}/_eventyard/sns/outbox?endpoint=${encodeURIComponent(endpoint)}`)).json()) as { entries: { body: string; kind: string; messageId: string }[] }).entries;
    const [sms] = await outbox('+15550001111');
    assert.equal(sms.body, 'your code is 42');
    assert.equal(sms.messageId, MessageId);
    const mails = await outbox('dev@example.com');
    assert.deepEqual(mails.map((m) => m.kind), ['subscriptionConfirmation'], 'an unconfirmed address gets only the confirmation mail');
    const deliveries = (await (await fetch(`${server.url}/_eventyard/sns/deliveries?topicArn=${encodeURIComponent(TopicArn!)}`)).json()) as {
      deliveries: { protocol: string; status: string }[];
    };
    assert.deepEqual(deliveries.deliveries.map((d) => [d.protocol, d.status]), [['sms', 'delivered']]);
  });

  describe('http subscriptions', () => {
    let hook: http.Server;
    let hookUrl: string;
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    let waiters: (() => void)[] = [];
    before(async () => {
      hook = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          res.end();
          waiters.forEach((w) => w());
          waiters = [];
        });
      });
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
      hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/sns`;
    });
    after(() => new Promise<void>((r) => hook.close(() => r())));
    const nextRequest = async (count: number) => {
      while (received.length < count) await new Promise<void>((r) => waiters.push(r));
      return received[count - 1];
    };

    it('confirms by visiting the SubscribeURL, then receives notifications and the unsubscribe notice', async () => {
      const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: 'sdk-http' }));
      const sub = await client.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: hookUrl }));
      assert.equal(sub.SubscriptionArn, 'pending confirmation');
      const confirmation = await nextRequest(1);
      assert.equal(confirmation.headers['x-amz-sns-message-type'], 'SubscriptionConfirmation');
      const { SubscribeURL } = JSON.parse(confirmation.body);
      const visit = await fetch(SubscribeURL);
      assert.equal(visit.status, 200);
      const subs = await client.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn }));
      const SubscriptionArn = subs.Subscriptions![0].SubscriptionArn!;
      assert.match(SubscriptionArn, /^arn:aws:sns:us-east-1:000000000000:sdk-http:[0-9a-f-]{36}$/);

      const { MessageId } = await client.send(new sns.PublishCommand({ TopicArn, Message: 'to the web' }));
      const note = await nextRequest(2);
      assert.equal(note.headers['x-amz-sns-message-id'], MessageId);
      assert.equal(note.headers['x-amz-sns-subscription-arn'], SubscriptionArn);
      assert.equal(JSON.parse(note.body).Message, 'to the web');

      await client.send(new sns.UnsubscribeCommand({ SubscriptionArn }));
      const bye = await nextRequest(3);
      assert.equal(JSON.parse(bye.body).Type, 'UnsubscribeConfirmation');
      const attrs = await client.send(new sns.GetTopicAttributesCommand({ TopicArn }));
      assert.equal(attrs.Attributes?.SubscriptionsDeleted, '1');
    });
  });
});
