import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { awsCli, awsCliJson } from './support/clients';
import { serveDuringSuite } from './support/serve';

/** SNS through Debian's /usr/bin/aws (query/XML), fanning out to SQS and to a real local HTTP server. */
describe('SNS with Debian awscli', function () {
  // Each awscli run costs seconds of Python start-up; a busy machine needs the room.
  this.timeout(240_000);
  const served = serveDuringSuite();
  const aws = (...args: string[]) => awsCliJson(served.url, args);


  it('create-topic, subscribe a queue, publish, and receive the envelope with sqs receive-message', async () => {
    const { TopicArn } = (await aws('sns', 'create-topic', '--name', 'cli-topic', '--attributes', 'DisplayName=Shop', '--tags', 'Key=a,Value=1')) as { TopicArn: string };
    assert.equal(TopicArn, 'arn:aws:sns:us-east-1:000000000000:cli-topic');
    const { QueueUrl } = (await aws('sqs', 'create-queue', '--queue-name', 'cli-sns-q')) as { QueueUrl: string };
    const { SubscriptionArn } = (await aws(
      'sns', 'subscribe', '--topic-arn', TopicArn, '--protocol', 'sqs', '--notification-endpoint', 'arn:aws:sqs:us-east-1:000000000000:cli-sns-q',
      '--attributes', JSON.stringify({ FilterPolicy: JSON.stringify({ colour: ['red'] }) }),
    )) as { SubscriptionArn: string };
    await aws('sns', 'publish', '--topic-arn', TopicArn, '--message', 'blue one', '--message-attributes', '{"colour":{"DataType":"String","StringValue":"blue"}}');
    const { MessageId } = (await aws(
      'sns', 'publish', '--topic-arn', TopicArn, '--message', 'red one', '--subject', 'Hi', '--message-attributes', '{"colour":{"DataType":"String","StringValue":"red"}}',
    )) as { MessageId: string };
    const received = (await aws('sqs', 'receive-message', '--queue-url', QueueUrl, '--max-number-of-messages', '10')) as { Messages: { Body: string }[] };
    assert.equal(received.Messages.length, 1);
    const body = JSON.parse(received.Messages[0].Body);
    assert.equal(body.MessageId, MessageId);
    assert.equal(body.Message, 'red one');
    assert.equal(body.Subject, 'Hi');
    assert.deepEqual(body.MessageAttributes, { colour: { Type: 'String', Value: 'red' } });

    const attrs = (await aws('sns', 'get-subscription-attributes', '--subscription-arn', SubscriptionArn)) as { Attributes: Record<string, string> };
    assert.equal(attrs.Attributes.PendingConfirmation, 'false');
    assert.equal(attrs.Attributes.FilterPolicyScope, 'MessageAttributes');
    const topic = (await aws('sns', 'get-topic-attributes', '--topic-arn', TopicArn)) as { Attributes: Record<string, string> };
    assert.equal(topic.Attributes.DisplayName, 'Shop');
    assert.equal(topic.Attributes.SubscriptionsConfirmed, '1');
  });

  it('accepts a filter policy with $or on message attributes', async () => {
    const { TopicArn } = (await aws('sns', 'create-topic', '--name', 'cli-or')) as { TopicArn: string };
    await aws('sqs', 'create-queue', '--queue-name', 'cli-or-q');
    const policy = JSON.stringify({ $or: [{ tier: ['gold'] }, { price: [{ numeric: ['>', 100] }] }] });
    const { SubscriptionArn } = (await aws(
      'sns', 'subscribe', '--topic-arn', TopicArn, '--protocol', 'sqs', '--notification-endpoint', 'arn:aws:sqs:us-east-1:000000000000:cli-or-q',
      '--attributes', JSON.stringify({ FilterPolicy: policy }),
    )) as { SubscriptionArn: string };
    const attrs = (await aws('sns', 'get-subscription-attributes', '--subscription-arn', SubscriptionArn)) as { Attributes: Record<string, string> };
    assert.equal(attrs.Attributes.FilterPolicy, policy);
    assert.equal(attrs.Attributes.FilterPolicyScope, 'MessageAttributes');
  });

  it('tags and untags', async () => {
    const { TopicArn } = (await aws('sns', 'create-topic', '--name', 'cli-tags')) as { TopicArn: string };
    await aws('sns', 'tag-resource', '--resource-arn', TopicArn, '--tags', 'Key=k1,Value=v1', 'Key=k2,Value=v2');
    await aws('sns', 'untag-resource', '--resource-arn', TopicArn, '--tag-keys', 'k1');
    assert.deepEqual(await aws('sns', 'list-tags-for-resource', '--resource-arn', TopicArn), { Tags: [{ Key: 'k2', Value: 'v2' }] });
  });

  it('lists, batches and deletes', async () => {
    const { TopicArn } = (await aws('sns', 'create-topic', '--name', 'cli-misc')) as { TopicArn: string };
    await aws('sns', 'subscribe', '--topic-arn', TopicArn, '--protocol', 'sms', '--notification-endpoint', '+15551234567');
    const subs = (await aws('sns', 'list-subscriptions-by-topic', '--topic-arn', TopicArn)) as { Subscriptions: { Protocol: string; Endpoint: string }[] };
    assert.deepEqual(subs.Subscriptions.map((s) => [s.Protocol, s.Endpoint]), [['sms', '+15551234567']]);
    const batch = (await aws('sns', 'publish-batch', '--topic-arn', TopicArn, '--publish-batch-request-entries', 'Id=a,Message=one', 'Id=b,Message=two')) as {
      Successful: { Id: string }[];
      Failed: unknown[];
    };
    assert.deepEqual(batch.Successful.map((s) => s.Id), ['a', 'b']);
    assert.deepEqual(batch.Failed, []);
    const topics = (await aws('sns', 'list-topics')) as { Topics: { TopicArn: string }[] };
    assert.ok(topics.Topics.some((t) => t.TopicArn === TopicArn));
    await aws('sns', 'delete-topic', '--topic-arn', TopicArn);
    const after = (await aws('sns', 'list-topics')) as { Topics: { TopicArn: string }[] };
    assert.ok(!after.Topics.some((t) => t.TopicArn === TopicArn));
  });

  it('reports errors as AWS words them', async () => {
    const missing = await awsCli(served.url, ['sns', 'publish', '--topic-arn', 'arn:aws:sns:us-east-1:000000000000:nope', '--message', 'x']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /An error occurred \(NotFound\) when calling the Publish operation( \(reached max retries: \d+\))?: Topic does not exist/);
    const { TopicArn } = (await aws('sns', 'create-topic', '--name', 'cli-errors')) as { TopicArn: string };
    const protocol = await awsCli(served.url, ['sns', 'subscribe', '--topic-arn', TopicArn, '--protocol', 'test-protocol', '--notification-endpoint', 'x']);
    assert.match(protocol.stderr, /\(InvalidParameter\) when calling the Subscribe operation( \(reached max retries: \d+\))?: Invalid parameter: Amazon SNS does not support this protocol string: test-protocol/);
    const fifoQueue = await awsCli(served.url, ['sns', 'subscribe', '--topic-arn', TopicArn, '--protocol', 'sqs', '--notification-endpoint', 'arn:aws:sqs:us-east-1:000000000000:q.fifo']);
    assert.match(fifoQueue.stderr, /Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics/);
  });

  it('fans out to a real local HTTP endpoint after it confirms', async () => {
    const bodies: string[] = [];
    let wake: (() => void) | undefined;
    const hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.end();
        wake?.();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const waitFor = async (n: number) => {
      while (bodies.length < n) await new Promise<void>((r) => (wake = r));
    };
    try {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/in`;
      const { TopicArn } = (await aws('sns', 'create-topic', '--name', 'cli-http')) as { TopicArn: string };
      const sub = await aws('sns', 'subscribe', '--topic-arn', TopicArn, '--protocol', 'http', '--notification-endpoint', url);
      assert.deepEqual(sub, { SubscriptionArn: 'pending confirmation' });
      await waitFor(1);
      const { Token } = JSON.parse(bodies[0]);
      const confirmed = (await aws('sns', 'confirm-subscription', '--topic-arn', TopicArn, '--token', Token)) as { SubscriptionArn: string };
      assert.match(confirmed.SubscriptionArn, /^arn:aws:sns:us-east-1:000000000000:cli-http:/);
      await aws('sns', 'publish', '--topic-arn', TopicArn, '--message', 'hello web');
      await waitFor(2);
      assert.equal(JSON.parse(bodies[1]).Message, 'hello web');
    } finally {
      await new Promise<void>((r) => hook.close(() => r()));
    }
  });
});
