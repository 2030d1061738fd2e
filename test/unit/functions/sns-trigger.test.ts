import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';
import { fixture, realBroker, until } from './helpers';

interface SnsEventShape {
  Records: {
    EventSource: string;
    EventSubscriptionArn: string;
    Sns: { Type: string; MessageId: string; TopicArn: string; Subject: string | null; Message: string; MessageAttributes: Record<string, { Type: string; Value: string }> };
  }[];
}

const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

// Real child processes: generous limits, because a busy machine starts them slowly.
describe('functions: SNS lambda subscriptions (real handlers)', function () {
  this.timeout(30_000);
  it('invokes the subscribed function with the SNS event shape', async () => {
    const { broker } = realBroker();
    try {
      broker.functions.create({ name: 'echo', module: fixture('ok.cjs') });
      const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'orders' });
      const { SubscriptionArn } = broker.sns.operations.Subscribe({ TopicArn, Protocol: 'lambda', Endpoint: functionArn('echo') });
      const { MessageId } = broker.sns.operations.Publish({
        TopicArn,
        Subject: 'new order',
        Message: '{"id":1}',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
      });
      await broker.sns.settled();

      const [invocation] = broker.functions.listInvocations('echo');
      assert.equal(invocation.status, 'succeeded');
      assert.deepEqual(invocation.trigger, { type: 'sns', topicArn: TopicArn, subscriptionArn: SubscriptionArn, attempt: 1 });
      const record = (invocation.input as SnsEventShape).Records[0];
      assert.equal(record.EventSource, 'aws:sns');
      assert.equal(record.EventSubscriptionArn, SubscriptionArn);
      assert.equal(record.Sns.MessageId, MessageId);
      assert.equal(record.Sns.Message, '{"id":1}');
      assert.equal(record.Sns.Subject, 'new order');
      assert.deepEqual(record.Sns.MessageAttributes, { kind: { Type: 'String', Value: 'order' } });
      assert.equal(((invocation.output as { event: SnsEventShape }).event.Records[0].Sns.Message), '{"id":1}', 'the handler saw the same event');
      assert.equal(broker.sns.listDeliveries(TopicArn)[0].status, 'delivered');
    } finally {
      broker.dispose();
    }
  });

  it('retries a failing function twice, one and then two minutes later, as Lambda’s asynchronous invocation does', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock, functionRunner: new NodeInvocationRunner() });
    try {
      broker.functions.create({ name: 'reject', module: fixture('throwing.cjs') });
      const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'payments' });
      broker.sns.operations.Subscribe({ TopicArn, Protocol: 'lambda', Endpoint: functionArn('reject') });
      broker.sns.operations.Publish({ TopicArn, Message: 'pay' });
      await broker.sns.settled();
      const attempts = () => broker.functions.listInvocations('reject', 10).map((i) => (i.trigger.type === 'sns' ? i.trigger.attempt : 0));
      assert.deepEqual(attempts(), [1]);
      assert.equal(broker.functions.listInvocations('reject')[0].error?.errorMessage, 'cannot process 1 records');

      clock.advance(59_000);
      assert.deepEqual(attempts(), [1], 'no retry before a minute');
      clock.advance(1_000);
      await until(() => attempts().length === 2, 20000, 'first retry');
      clock.advance(120_000);
      await until(() => attempts().length === 3, 20000, 'second retry');
      clock.advance(600_000);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(attempts(), [3, 2, 1], 'never more than two retries');
      assert.ok(broker.functions.listInvocations('reject').every((i) => i.status === 'failed'));
    } finally {
      broker.dispose();
    }
  });

  it('honours a function’s maximumRetryAttempts of 0', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock, functionRunner: new NodeInvocationRunner() });
    try {
      broker.functions.create({ name: 'reject', module: fixture('throwing.cjs'), maximumRetryAttempts: 0 });
      const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
      broker.sns.operations.Subscribe({ TopicArn, Protocol: 'lambda', Endpoint: functionArn('reject') });
      broker.sns.operations.Publish({ TopicArn, Message: 'once' });
      await broker.sns.settled();
      clock.advance(3_600_000);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(broker.functions.listInvocations('reject').length, 1);
    } finally {
      broker.dispose();
    }
  });

  it('a subscription to a function that does not exist is not delivered', async () => {
    const { broker } = realBroker();
    try {
      const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 't' });
      broker.sns.operations.Subscribe({ TopicArn, Protocol: 'lambda', Endpoint: functionArn('ghost') });
      broker.sns.operations.Publish({ TopicArn, Message: 'lost?' });
      await broker.sns.settled();
      const [delivery] = broker.sns.listDeliveries(TopicArn);
      assert.notEqual(delivery.status, 'delivered');
      assert.match(delivery.detail ?? '', /Function not found/);
    } finally {
      broker.dispose();
    }
  });
});
