import assert from 'node:assert/strict';
import { accountQueueArn, makeQueue, newBroker, receiveAll, recordedEntry } from './helpers';

const pass = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const machineArn = (name: string) => `arn:aws:states:us-east-1:111111111111:stateMachine:${name}`;

function ruleTo(ctx: ReturnType<typeof newBroker>, target: Record<string, unknown>) {
  ctx.ops.PutRule({ Name: 'r', EventPattern: '{"source":["core.update-account-command"]}' });
  ctx.ops.PutTargets({ Rule: 'r', Targets: [{ Id: 'sfn', Arn: machineArn('m'), ...target }] });
}

describe('EventBridge state machine targets', () => {
  it('starts an execution with the event as its input', async () => {
    const ctx = newBroker();
    const { stateMachineArn } = ctx.broker.stepfunctions.operations.CreateStateMachine({ name: 'm', definition: pass, roleArn: 'arn:aws:iam::111111111111:role/r' });
    assert.equal(stateMachineArn, machineArn('m'));
    ruleTo(ctx, {});
    const { Entries } = ctx.ops.PutEvents({ Entries: [recordedEntry] });
    await ctx.broker.eventbridge.settled();
    const sfn = ctx.broker.stepfunctions.operations;
    const { executions } = sfn.ListExecutions({ stateMachineArn });
    assert.equal(executions.length, 1);
    const input = JSON.parse(sfn.DescribeExecution({ executionArn: executions[0].executionArn }).input!) as Record<string, unknown>;
    assert.equal(input.id, Entries[0].EventId);
    assert.deepEqual(input.detail, JSON.parse(recordedEntry.Detail));
    assert.deepEqual(ctx.events.filter((e) => e.type === 'delivery').map((e) => e.type === 'delivery' && e.status), ['delivered']);
  });

  it('gives the execution the InputTransformer output', async () => {
    const ctx = newBroker();
    const { stateMachineArn } = ctx.broker.stepfunctions.operations.CreateStateMachine({ name: 'm', definition: pass, roleArn: 'arn:aws:iam::111111111111:role/r' });
    ruleTo(ctx, { InputTransformer: { InputPathsMap: { acc: '$.detail.payload.acc_id' }, InputTemplate: '{"account": <acc>}' } });
    ctx.ops.PutEvents({ Entries: [recordedEntry] });
    await ctx.broker.eventbridge.settled();
    const sfn = ctx.broker.stepfunctions.operations;
    const [execution] = sfn.ListExecutions({ stateMachineArn }).executions;
    assert.deepEqual(JSON.parse(sfn.DescribeExecution({ executionArn: execution.executionArn }).input!), { account: '0a787ecb-4015' });
  });

  it('retries a missing state machine by the RetryPolicy, then moves the event to the dead-letter queue', async () => {
    const ctx = newBroker();
    const { url: dlq } = makeQueue(ctx.broker, 'dlq');
    ruleTo(ctx, { RetryPolicy: { MaximumRetryAttempts: 1 }, DeadLetterConfig: { Arn: accountQueueArn('dlq') } });
    ctx.ops.PutEvents({ Entries: [recordedEntry] });
    ctx.clock.advance(10_000);
    assert.deepEqual(ctx.events.filter((e) => e.type === 'delivery').map((e) => e.type === 'delivery' && e.status), ['retrying', 'deadLettered']);
    const [m] = await receiveAll(ctx.broker, dlq);
    assert.equal(m.MessageAttributes?.TARGET_ARN.StringValue, machineArn('m'));
    assert.match(m.MessageAttributes!.ERROR_MESSAGE.StringValue!, /State Machine Does Not Exist/);
    assert.equal(JSON.parse(m.Body!).source, 'core.update-account-command');
  });
});
