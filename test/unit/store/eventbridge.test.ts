import assert from 'node:assert/strict';
import { Restartable, SECOND } from './support';

describe('Store: EventBridge across a restart', () => {
  let env: Restartable;
  beforeEach(() => (env = new Restartable({}, { identity: { accountId: '111111111111' } })));
  afterEach(() => env.cleanup());

  const events = () => env.broker.eventbridge.operations;
  const sqs = () => env.broker.sqs.operations;

  it('keeps buses with policies and tags, rules with patterns, states, targets and tags; routing still works', async () => {
    const queue = sqs().CreateQueue({ QueueName: 'q' }).QueueUrl;
    const { EventBusArn } = events().CreateEventBus({ Name: 'orders', Description: 'the orders', Tags: [{ Key: 'team', Value: 'shop' }] });
    events().PutPermission({ EventBusName: 'orders', StatementId: 's1', Principal: '*', Action: 'events:PutEvents' });
    const { RuleArn } = events().PutRule({ Name: 'placed', EventBusName: 'orders', EventPattern: '{"detail-type":["Order Placed"]}', Tags: [{ Key: 'k', Value: 'v' }] });
    events().PutTargets({
      Rule: 'placed',
      EventBusName: 'orders',
      Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:q', InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"order": <id>}' } }],
    });
    events().PutRule({ Name: 'off', EventPattern: '{"source":["x"]}', State: 'DISABLED' });
    const busBefore = events().DescribeEventBus({ Name: 'orders' });
    const rulesBefore = events().ListRules({ EventBusName: 'orders' });
    const targetsBefore = events().ListTargetsByRule({ Rule: 'placed', EventBusName: 'orders' });

    await env.restart(SECOND);

    assert.deepEqual(events().DescribeEventBus({ Name: 'orders' }), busBefore);
    assert.deepEqual(events().ListTagsForResource({ ResourceARN: EventBusArn }).Tags, [{ Key: 'team', Value: 'shop' }]);
    assert.deepEqual(events().ListTagsForResource({ ResourceARN: RuleArn }).Tags, [{ Key: 'k', Value: 'v' }]);
    assert.deepEqual(events().ListRules({ EventBusName: 'orders' }), rulesBefore);
    assert.deepEqual(events().ListTargetsByRule({ Rule: 'placed', EventBusName: 'orders' }), targetsBefore);
    assert.equal(events().DescribeRule({ Name: 'off' }).State, 'DISABLED');

    events().PutEvents({ Entries: [{ EventBusName: 'orders', Source: 'shop', DetailType: 'Order Placed', Detail: '{"id":42}' }] });
    const got = await sqs().ReceiveMessage({ QueueUrl: queue, MaxNumberOfMessages: 10 });
    assert.deepEqual(got.Messages?.map((m) => m.Body), ['{"order": 42}']);

    events().RemoveTargets({ Rule: 'placed', EventBusName: 'orders', Ids: ['t'] });
    events().DeleteRule({ Name: 'placed', EventBusName: 'orders' });
    events().DeleteEventBus({ Name: 'orders' });
    await env.restart();
    assert.deepEqual(events().ListEventBuses({}).EventBuses.map((b) => b.Name), ['default']);
    assert.deepEqual(events().ListRules({}).Rules.map((r) => r.Name), ['off']);
  });

  it('re-arms scheduled rules without making up the firings missed while down', async () => {
    const queue = sqs().CreateQueue({ QueueName: 'q' }).QueueUrl;
    events().PutRule({ Name: 'tick', ScheduleExpression: 'rate(1 minute)' });
    events().PutTargets({ Rule: 'tick', Targets: [{ Id: 't', Arn: 'arn:aws:sqs:us-east-1:111111111111:q' }] });
    await env.restart(10 * 60 * SECOND);
    assert.equal((await sqs().ReceiveMessage({ QueueUrl: queue, MaxNumberOfMessages: 10 })).Messages?.length ?? 0, 0);
    env.clock.advance(60 * SECOND);
    assert.equal((await sqs().ReceiveMessage({ QueueUrl: queue, MaxNumberOfMessages: 10 })).Messages?.length, 1);
  });
});
