import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';

/** RedriveExecution: a failed execution goes on from the state that failed, with the input and variables it had. */
describe('Step Functions RedriveExecution', () => {
  const role = 'arn:aws:iam::000000000000:role/sfn';

  it('re-enters the failed state after an ExecutionRedriven event and counts the redrive', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock });
    try {
      const sfn = broker.stepfunctions.operations;
      // Fails until the queue it sends to exists: the fix a user makes before redriving.
      const definition = {
        StartAt: 'Set',
        States: {
          Set: { Type: 'Pass', Assign: { attempt: 'first' }, Result: { n: 1 }, Next: 'Send' },
          Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'http://127.0.0.1/000000000000/later', 'MessageBody.$': '$$.Execution.RedriveCount' }, ResultPath: null, Next: 'Done' },
          Done: { Type: 'Pass', Parameters: { 'n.$': '$.n', 'attempt.$': '$attempt' }, End: true },
        },
      };
      const { stateMachineArn } = sfn.CreateStateMachine({ name: 'redrive', definition: JSON.stringify(definition), roleArn: role });
      const { executionArn } = sfn.StartExecution({ stateMachineArn, name: 'r' });
      await broker.stepfunctions.executions.get(executionArn)!.run.done;
      const failed = sfn.DescribeExecution({ executionArn });
      assert.equal(failed.status, 'FAILED');
      assert.deepEqual([failed.redriveCount, failed.redriveStatus], [0, 'REDRIVABLE']);
      const before = sfn.GetExecutionHistory({ executionArn, maxResults: 1000 }).events.length;

      const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'later' });
      clock.advance(5000);
      const { redriveDate } = sfn.RedriveExecution({ executionArn });
      await broker.stepfunctions.executions.get(executionArn)!.run.done;
      const done = sfn.DescribeExecution({ executionArn });
      assert.equal(done.status, 'SUCCEEDED', done.cause);
      assert.equal(done.output, '{"n":1,"attempt":"first"}');
      assert.equal(done.redriveCount, 1);
      assert.deepEqual(done.redriveDate, redriveDate);
      assert.equal(done.redriveStatus, 'NOT_REDRIVABLE');
      const events = sfn.GetExecutionHistory({ executionArn, maxResults: 1000 }).events;
      assert.deepEqual(
        events.slice(before).map((e) => [e.id, e.previousEventId, e.type]),
        [
          [before + 1, before, 'ExecutionRedriven'],
          [before + 2, before + 1, 'TaskStateEntered'],
          [before + 3, before + 2, 'TaskScheduled'],
          [before + 4, before + 3, 'TaskStarted'],
          [before + 5, before + 4, 'TaskSucceeded'],
          [before + 6, before + 5, 'TaskStateExited'],
          [before + 7, before + 6, 'PassStateEntered'],
          [before + 8, before + 7, 'PassStateExited'],
          [before + 9, before + 8, 'ExecutionSucceeded'],
        ],
      );
      assert.deepEqual(events[before].executionRedrivenEventDetails, { redriveCount: 1 });
      // $$.Execution.RedriveCount says which run sent the message
      const got = broker.sqs.operations.ReceiveMessage({ QueueUrl });
      assert.equal((await got).Messages?.[0]?.Body, '1');
    } finally {
      broker.dispose();
    }
  });

  it('refuses a running or succeeded execution with ExecutionNotRedrivable', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock });
    try {
      const sfn = broker.stepfunctions.operations;
      const { stateMachineArn } = sfn.CreateStateMachine({ name: 'ok', definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } }), roleArn: role });
      const { executionArn } = sfn.StartExecution({ stateMachineArn });
      assert.throws(() => sfn.RedriveExecution({ executionArn }), { code: 'ExecutionNotRedrivable' });
      clock.advance(10_000);
      await broker.stepfunctions.executions.get(executionArn)!.run.done;
      assert.throws(() => sfn.RedriveExecution({ executionArn }), { code: 'ExecutionNotRedrivable', message: /Execution is SUCCEEDED and cannot be redriven/ });
      assert.throws(() => sfn.RedriveExecution({ executionArn: executionArn.replace(/:[^:]+$/, ':nope') }), { code: 'ExecutionDoesNotExist' });
    } finally {
      broker.dispose();
    }
  });
});
