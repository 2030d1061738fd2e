import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { planRedrive, runRedrive } from '../../../src/extension/dlq/redrive-plan';

describe('dead-letter workbench: redrive with a plan', () => {
  let clock: FakeClock;
  let broker: Broker;
  let url: string;

  beforeEach(async () => {
    clock = new FakeClock();
    broker = new Broker({ clock });
    url = broker.sqs.operations.CreateQueue({ QueueName: 'orders' }).QueueUrl;
    const dlq = broker.sqs.operations.CreateQueue({ QueueName: 'orders-dlq' }).QueueUrl;
    const arn = broker.sqs.operations.GetQueueAttributes({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }).Attributes!.QueueArn;
    broker.sqs.operations.SetQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 1 }), VisibilityTimeout: '1' } });
    broker.sqs.operations.SendMessage({ QueueUrl: url, MessageBody: '{"total":"12"}', MessageAttributes: { tenant: { DataType: 'String', StringValue: 'acme' } } });
    broker.sqs.operations.SendMessage({ QueueUrl: url, MessageBody: 'not json' });
    await broker.sqs.operations.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    clock.advance(2000);
    await broker.sqs.operations.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
  });
  afterEach(() => broker.dispose());

  it('plans a transform as before and after, keeps attributes, and sets aside what it cannot transform', async () => {
    const dead = broker.sqs.peek('orders-dlq').messages;
    assert.equal(dead.length, 2);
    const { entries, errors } = await planRedrive(dead, { transform: '$merge([$, {"total": $number(total)}])' });
    assert.equal(entries.length, 1);
    assert.equal(entries[0].destination, 'orders');
    assert.equal(entries[0].before, '{"total":"12"}');
    assert.equal(entries[0].after, '{"total":12}');
    assert.equal(entries[0].attributes?.tenant.StringValue, 'acme');
    assert.equal(errors.length, 1);
    assert.match(errors[0].error, /not JSON/);
    // A dry run changes nothing.
    assert.equal(broker.sqs.peek('orders-dlq').messages.length, 2);
    await assert.rejects(planRedrive(dead, { transform: '$merge([' }), /JSONata/);
  });

  it('sends each message and only then deletes its original; a failed send keeps the original', async () => {
    const dead = broker.sqs.peek('orders-dlq').messages;
    const { entries } = await planRedrive(dead, { dropAttributes: true });
    const missing = { ...entries[1], destination: 'gone' };
    const out = await runRedrive(broker, 'orders-dlq', [entries[0], missing]);
    assert.deepEqual(out.sent, [entries[0].messageId]);
    assert.equal(out.failed.length, 1);
    assert.match(out.failed[0].error, /does not exist/);
    const left = broker.sqs.peek('orders-dlq').messages.map((m) => m.messageId);
    assert.deepEqual(left, [entries[1].messageId]);
    const back = broker.sqs.peek('orders').messages;
    assert.equal(back.length, 1);
    assert.equal(back[0].body, entries[0].before);
    assert.equal(back[0].receiveCount, 0);
    assert.equal(back[0].messageAttributes, undefined);
  });
});
