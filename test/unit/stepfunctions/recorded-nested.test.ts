import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { execute, histories, recordedInput, sameHistory, snapshot, template } from './recorded';

/**
 * Nested executions (`states:startExecution`, `.sync`, `.sync:2`) recorded against AWS, replayed: the
 * target machine the recorded test made, the recorded input pointed at it, and the same history
 * (TaskSubmitted with the start's answer, then the nested execution's description as output or cause).
 */
const CASES = [
  { file: 'callback/test_callback.snapshot.json', test: 'test_start_execution_sync', template: 'callbacks/sfn_start_execution_sync.json', target: 'base/pass_result.json' },
  { file: 'callback/test_callback.snapshot.json', test: 'test_start_execution_sync2', template: 'callbacks/sfn_start_execution_sync2.json', target: 'base/pass_result.json' },
  { file: 'callback/test_callback.snapshot.json', test: 'test_start_execution_sync_delegate_failure', template: 'callbacks/sfn_start_execution_sync.json', target: 'base/raise_failure.json' },
  { file: 'services/test_sfn_task_service.snapshot.json', test: 'test_start_execution', template: 'services/sfn_start_execution.json', target: 'base/pass_result.json' },
  { file: 'services/test_sfn_task_service.snapshot.json', test: 'test_start_execution_input_json', template: 'services/sfn_start_execution.json', target: 'base/pass_result.json' },
  { file: 'error_handling/test_task_service_sfn.snapshot.json', test: 'test_start_execution_no_such_arn', template: 'services/sfn_start_execution.json', target: undefined },
];

describe('Step Functions nested executions recorded against AWS', () => {
  for (const c of CASES) {
    const entry = Object.entries(snapshot(c.file)).find(([key]) => key.split('::').pop() === c.test)![1];
    for (const events of histories(entry['recorded-content'])) {
      it(`${c.test} (${c.template})`, async () => {
        const clock = new FakeClock();
        const broker = new Broker({ clock });
        try {
          const input = recordedInput(events) as Record<string, unknown>;
          const name = `target-${Math.random().toString(36).slice(2)}`;
          const targetArn = c.target
            ? broker.stepfunctions.operations.CreateStateMachine({ name, definition: JSON.stringify(template(c.target)), roleArn: 'arn:aws:iam::000000000000:role/sfn' }).stateMachineArn
            : `arn:aws:states:us-east-1:000000000000:stateMachine:${name}`;
          const { history } = await execute(template(c.template), { ...input, StateMachineArn: targetArn }, broker, clock);
          sameHistory(events, history);
        } finally {
          broker.dispose();
        }
      });
    }
  }
});

describe('Step Functions nested executions', () => {
  it('a .sync task ends early when the nested execution answers its task token (test_sync_with_task_token)', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock });
    try {
      const sfn = broker.stepfunctions.operations;
      const role = 'arn:aws:iam::000000000000:role/sfn';
      const child = sfn.CreateStateMachine({ name: 'child', definition: JSON.stringify({ StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, End: true } } }), roleArn: role });
      const parent = {
        StartAt: 'Run',
        States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: child.stateMachineArn, Name: 'nested', Input: { 'token.$': '$$.Task.Token' } }, End: true } },
      };
      const { stateMachineArn } = sfn.CreateStateMachine({ name: 'parent', definition: JSON.stringify(parent), roleArn: role });
      const { executionArn } = sfn.StartExecution({ stateMachineArn });
      await new Promise((r) => setImmediate(r));
      const nested = sfn.ListExecutions({ stateMachineArn: child.stateMachineArn }).executions[0];
      const { token } = JSON.parse(sfn.DescribeExecution({ executionArn: nested.executionArn }).input!) as { token: string };
      sfn.SendTaskSuccess({ taskToken: token, output: '"early"' });
      await broker.stepfunctions.executions.get(executionArn)!.run.done;
      const d = sfn.DescribeExecution({ executionArn });
      assert.deepEqual([d.status, d.output], ['SUCCEEDED', '"early"']);
    } finally {
      broker.dispose();
    }
  });
});
