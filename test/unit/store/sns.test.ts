import assert from 'node:assert/strict';
import { Restartable, SECOND } from './support';

describe('Store: SNS across a restart', () => {
  let env: Restartable;
  beforeEach(() => (env = new Restartable()));
  afterEach(() => env.cleanup());

  const sns = () => env.broker.sns.operations;
  const sqs = () => env.broker.sqs.operations;
  const queueArn = (url: string) => sqs().GetQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;

  it('keeps topics, subscriptions with filter policies and confirmation state, and the outbox', async () => {
    const { TopicArn } = await sns().CreateTopic({ Name: 'orders', Attributes: { DisplayName: 'Orders' }, Tags: [{ Key: 'team', Value: 'shop' }] });
    const queue = sqs().CreateQueue({ QueueName: 'big-orders' }).QueueUrl;
    const sub = await sns().Subscribe({
      TopicArn,
      Protocol: 'sqs',
      Endpoint: queueArn(queue),
      Attributes: { FilterPolicy: JSON.stringify({ size: ['big'] }), RawMessageDelivery: 'true' },
      ReturnSubscriptionArn: true,
    });
    const mail = await sns().Subscribe({ TopicArn, Protocol: 'email', Endpoint: 'dev@example.com', ReturnSubscriptionArn: true });
    const topicBefore = (await sns().GetTopicAttributes({ TopicArn })).Attributes;
    const subsBefore = (await sns().ListSubscriptionsByTopic({ TopicArn })).Subscriptions;
    const outboxBefore = env.broker.sns.listOutbox();
    assert.ok(outboxBefore.length > 0, 'the email confirmation is in the outbox');
    const mailBefore = (await sns().GetSubscriptionAttributes({ SubscriptionArn: mail.SubscriptionArn! })).Attributes;

    await env.restart(SECOND);

    assert.deepEqual((await sns().GetTopicAttributes({ TopicArn })).Attributes, topicBefore);
    assert.deepEqual((await sns().ListTagsForResource({ ResourceArn: TopicArn })).Tags, [{ Key: 'team', Value: 'shop' }]);
    assert.deepEqual((await sns().ListSubscriptionsByTopic({ TopicArn })).Subscriptions, subsBefore);
    assert.deepEqual((await sns().GetSubscriptionAttributes({ SubscriptionArn: mail.SubscriptionArn! })).Attributes, mailBefore);
    assert.equal(mailBefore!.PendingConfirmation, 'true');
    assert.deepEqual(env.broker.sns.listOutbox(), outboxBefore);

    // The filter policy still decides, and raw delivery still applies.
    await sns().Publish({ TopicArn, Message: 'small one', MessageAttributes: { size: { DataType: 'String', StringValue: 'small' } } });
    await sns().Publish({ TopicArn, Message: 'big one', MessageAttributes: { size: { DataType: 'String', StringValue: 'big' } } });
    const got = await sqs().ReceiveMessage({ QueueUrl: queue, MaxNumberOfMessages: 10 });
    assert.deepEqual(got.Messages?.map((m) => m.Body), ['big one']);

    await sns().Unsubscribe({ SubscriptionArn: sub.SubscriptionArn! });
    await env.restart();
    assert.deepEqual((await sns().ListSubscriptionsByTopic({ TopicArn })).Subscriptions?.map((s) => s.Protocol), ['email']);
  });

  it('keeps a FIFO topic\'s sequence numbers and deduplication window', async () => {
    const { TopicArn } = await sns().CreateTopic({ Name: 't.fifo', Attributes: { FifoTopic: 'true' } });
    const queue = sqs().CreateQueue({ QueueName: 'q.fifo', Attributes: { FifoQueue: 'true' } }).QueueUrl;
    await sns().Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn(queue) });
    const first = await sns().Publish({ TopicArn, Message: 'one', MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
    await env.restart(SECOND);
    // A queue subscribed after the restart has no deduplication of its own for d1: only the topic's can stop it.
    const later = sqs().CreateQueue({ QueueName: 'later.fifo', Attributes: { FifoQueue: 'true' } }).QueueUrl;
    await sns().Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn(later) });
    await sns().Publish({ TopicArn, Message: 'one again', MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
    const second = await sns().Publish({ TopicArn, Message: 'two', MessageGroupId: 'g', MessageDeduplicationId: 'd2' });
    assert.ok(BigInt(second.SequenceNumber!) > BigInt(first.SequenceNumber!));
    const got = await sqs().ReceiveMessage({ QueueUrl: later, MaxNumberOfMessages: 10 });
    assert.deepEqual(got.Messages?.map((m) => JSON.parse(m.Body!).Message), ['two']);
    const old = await sqs().ReceiveMessage({ QueueUrl: queue, MaxNumberOfMessages: 10 });
    assert.deepEqual(old.Messages?.map((m) => JSON.parse(m.Body!).Message), ['one', 'two']);
  });

  it('keeps what a FIFO topic publishes after a restart through the next one', async () => {
    const { TopicArn } = await sns().CreateTopic({ Name: 'again.fifo', Attributes: { FifoTopic: 'true' } });
    const queue = sqs().CreateQueue({ QueueName: 'again.fifo', Attributes: { FifoQueue: 'true' } }).QueueUrl;
    await sns().Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn(queue) });
    const first = await sns().Publish({ TopicArn, Message: 'one', MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
    await env.restart(SECOND);
    const second = await sns().Publish({ TopicArn, Message: 'two', MessageGroupId: 'g', MessageDeduplicationId: 'd2' });
    await env.restart(SECOND);
    const later = sqs().CreateQueue({ QueueName: 'later.fifo', Attributes: { FifoQueue: 'true' } }).QueueUrl;
    await sns().Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: queueArn(later) });
    await sns().Publish({ TopicArn, Message: 'one again', MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
    await sns().Publish({ TopicArn, Message: 'two again', MessageGroupId: 'g', MessageDeduplicationId: 'd2' });
    const third = await sns().Publish({ TopicArn, Message: 'three', MessageGroupId: 'g', MessageDeduplicationId: 'd3' });
    assert.ok(BigInt(first.SequenceNumber!) < BigInt(second.SequenceNumber!));
    assert.ok(BigInt(second.SequenceNumber!) < BigInt(third.SequenceNumber!));
    const got = await sqs().ReceiveMessage({ QueueUrl: later, MaxNumberOfMessages: 10 });
    assert.deepEqual(got.Messages?.map((m) => JSON.parse(m.Body!).Message), ['three']);
  });

  it('keeps deleted topics deleted', async () => {
    const { TopicArn } = await sns().CreateTopic({ Name: 'gone' });
    await sns().CreateTopic({ Name: 'kept' });
    await sns().DeleteTopic({ TopicArn });
    await env.restart();
    assert.deepEqual((await sns().ListTopics({})).Topics?.map((t) => t.TopicArn.split(':').pop()), ['kept']);
  });
});
