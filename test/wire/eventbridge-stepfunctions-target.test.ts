import assert from 'node:assert/strict';
import * as eb from '@aws-sdk/client-eventbridge';
import * as sfn from '@aws-sdk/client-sfn';
import { credentials } from './support/clients';
import { ServeProcess, startServe } from './support/serve';

/**
 * A state machine as an EventBridge rule target, seen by clients: @aws-sdk/client-eventbridge puts the rule
 * and the event, @aws-sdk/client-sfn finds the execution the event started, with the event as its input.
 */
const REGION = 'us-east-1';
const DETAIL = { command: 'update-account', payload: { acc_id: '0a787ecb-4015' } };

describe('EventBridge state machine targets with @aws-sdk/client-eventbridge and @aws-sdk/client-sfn', function () {
  this.timeout(60_000);
  let server: ServeProcess;
  let events: eb.EventBridgeClient;
  let states: sfn.SFNClient;

  before(async () => {
    server = await startServe();
    events = new eb.EventBridgeClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1 });
    states = new sfn.SFNClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1 });
  });
  after(async () => {
    events.destroy();
    states.destroy();
    assert.equal(await server.stop(), 0);
    assert.doesNotMatch(server.output(), /InternalFailure|Unhandled/);
  });

  it('PutEvents starts an execution whose input is the event', async () => {
    const { stateMachineArn } = await states.send(
      new sfn.CreateStateMachineCommand({
        name: 'on-account-update',
        definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
        roleArn: 'arn:aws:iam::000000000000:role/sfn',
      }),
    );
    await events.send(new eb.PutRuleCommand({ Name: 'to-sfn', EventPattern: JSON.stringify({ source: ['core.update-account-command'] }) }));
    const put = await events.send(
      new eb.PutTargetsCommand({ Rule: 'to-sfn', Targets: [{ Id: 'machine', Arn: stateMachineArn, RoleArn: 'arn:aws:iam::000000000000:role/events' }] }),
    );
    assert.equal(put.FailedEntryCount, 0);
    const { Entries } = await events.send(
      new eb.PutEventsCommand({ Entries: [{ Source: 'core.update-account-command', DetailType: 'update', Detail: JSON.stringify(DETAIL) }] }),
    );
    let executions: sfn.ExecutionListItem[] = [];
    for (let i = 0; i < 50 && executions.length === 0; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      executions = (await states.send(new sfn.ListExecutionsCommand({ stateMachineArn }))).executions ?? [];
    }
    assert.equal(executions.length, 1);
    const execution = await states.send(new sfn.DescribeExecutionCommand({ executionArn: executions[0].executionArn }));
    const input = JSON.parse(execution.input!) as Record<string, unknown>;
    assert.equal(input.id, Entries![0].EventId);
    assert.equal(input.source, 'core.update-account-command');
    assert.deepEqual(input.detail, DETAIL);
  });
});
