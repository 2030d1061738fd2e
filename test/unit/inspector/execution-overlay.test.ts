import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import type { ExecutionStatus, HistoryRow } from '../../../src/inspector/protocol';
import { eventsOfState, stateInputOutput, stateProgress } from '../../../webview/logic/execution-overlay';

const ROLE = 'arn:aws:iam::000000000000:role/states';

/** Runs a definition on a fake-clock broker and hands its history, as the inspector gets it, to `check`. */
async function run(definition: object, check: (events: HistoryRow[], status: ExecutionStatus, broker: Broker, clock: FakeClock) => void | Promise<void>, input = '{}') {
  const clock = new FakeClock();
  const broker = new Broker({ clock });
  try {
    const ops = broker.stepfunctions.operations;
    broker.sqs.operations.CreateQueue({ QueueName: 'approvals' });
    const { stateMachineArn } = ops.CreateStateMachine({ name: 'm', definition: JSON.stringify(definition), roleArn: ROLE });
    const { executionArn } = ops.StartExecution({ stateMachineArn, input });
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    const read = () => {
      const { events } = ops.GetExecutionHistory({ executionArn, maxResults: 1000 });
      const rows: HistoryRow[] = events.map((e) => {
        const key = Object.keys(e).find((k) => k.endsWith('EventDetails'));
        return { id: e.id as number, previousEventId: e.previousEventId as number, type: e.type as string, timestamp: (e.timestamp as Date).getTime(), ...(key ? { details: e[key] as Record<string, unknown> } : {}) };
      });
      return { rows, status: ops.DescribeExecution({ executionArn }).status };
    };
    const { rows, status } = read();
    await check(rows, status, broker, clock);
  } finally {
    broker.dispose();
  }
}

const statuses = (events: HistoryRow[], status: ExecutionStatus) => Object.fromEntries([...stateProgress(events, status)].map(([k, v]) => [k, v.status]));

describe('an execution overlaid on its graph', () => {
  it('marks states succeeded along the path taken, with their input and output', async () => {
    await run(
      { StartAt: 'Check', States: { Check: { Type: 'Choice', Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Big' }], Default: 'Small' }, Big: { Type: 'Pass', Result: 'big', End: true }, Small: { Type: 'Pass', End: true } } },
      (events, status) => {
        assert.equal(status, 'SUCCEEDED');
        assert.deepEqual(statuses(events, status), { Check: 'succeeded', Big: 'succeeded' });
        assert.deepEqual(stateInputOutput(events, 'Big'), { input: '{"total":150}', output: '"big"' });
        assert.deepEqual(eventsOfState(events, 'Big').map((e) => e.type), ['PassStateEntered', 'PassStateExited']);
      },
      '{"total":150}',
    );
  });

  it('shows a waiting task running, then a retried task caught and the Fail state failed', async () => {
    const definition = {
      StartAt: 'Approve',
      States: {
        Approve: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'http://127.0.0.1:4566/000000000000/approvals', MessageBody: { 'token.$': '$$.Task.Token' } }, Next: 'Charge' },
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { QueueUrl: 'http://127.0.0.1:4566/000000000000/missing', MessageBody: 'x' },
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Refuse' }],
          Next: 'Done',
        },
        Refuse: { Type: 'Fail', Error: 'Refused' },
        Done: { Type: 'Succeed' },
      },
    };
    await run(definition, async (events, status, broker, clock) => {
      assert.equal(status, 'RUNNING');
      assert.deepEqual(statuses(events, status), { Approve: 'running' });
      const [message] = (await broker.sqs.operations.ReceiveMessage({ QueueUrl: broker.sqs.listQueueSummaries()[0].url })).Messages ?? [];
      const token = (JSON.parse(message.Body) as { token: string }).token;
      broker.stepfunctions.operations.SendTaskSuccess({ taskToken: token, output: '{"ok":true}' });
      for (let i = 0; i < 5; i++) {
        clock.advance(2000);
        await new Promise((r) => setImmediate(r));
      }
      await broker.stepfunctions.settled();
      const [{ executionArn }] = broker.stepfunctions.operations.ListExecutions({ stateMachineArn: broker.stepfunctions.listStateMachineSummaries()[0].arn }).executions;
      const after = broker.stepfunctions.operations.GetExecutionHistory({ executionArn, maxResults: 1000 }).events.map((e) => {
        const key = Object.keys(e).find((k) => k.endsWith('EventDetails'));
        return { id: e.id as number, previousEventId: e.previousEventId as number, type: e.type as string, timestamp: 0, ...(key ? { details: e[key] as Record<string, unknown> } : {}) };
      });
      const progress = stateProgress(after, 'FAILED');
      assert.deepEqual(Object.fromEntries([...progress].map(([k, v]) => [k, v.status])), { Approve: 'succeeded', Charge: 'caught', Refuse: 'failed' }, after.map((e) => e.type).join());
      assert.equal(progress.get('Charge')!.retries, 2);
    });
  });

  it('fails the Parallel whose branch failed', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 60, End: true } } },
            { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Boom' } } },
          ],
          End: true,
        },
      },
    };
    await run(definition, async (events, status, broker, clock) => {
      clock.advance(61_000);
      await broker.stepfunctions.settled();
      const [{ executionArn }] = broker.stepfunctions.operations.ListExecutions({ stateMachineArn: broker.stepfunctions.listStateMachineSummaries()[0].arn }).executions;
      const d = broker.stepfunctions.operations.DescribeExecution({ executionArn });
      const after = broker.stepfunctions.operations.GetExecutionHistory({ executionArn, maxResults: 1000 }).events.map((e) => {
        const key = Object.keys(e).find((k) => k.endsWith('EventDetails'));
        return { id: e.id as number, previousEventId: e.previousEventId as number, type: e.type as string, timestamp: 0, ...(key ? { details: e[key] as Record<string, unknown> } : {}) };
      });
      assert.equal(d.status, 'FAILED');
      const seen = statuses(after, 'FAILED');
      assert.deepEqual([seen.Both, seen.Boom], ['failed', 'failed'], after.map((e) => `${e.id}<${e.previousEventId} ${e.type}`).join('\n'));
      void events;
      void status;
    });
  });
});
