import assert from 'node:assert/strict';
import { Restartable, SECOND } from './support';

describe('Store: Step Functions across a restart', () => {
  let env: Restartable;
  beforeEach(() => (env = new Restartable()));
  afterEach(() => env.cleanup());

  const sfn = () => env.broker.stepfunctions.operations;
  const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: true }, End: true } } });

  it('keeps state machines with their tags, and ended executions with their outcome and history', async () => {
    const { stateMachineArn } = sfn().CreateStateMachine({ name: 'kept', definition, roleArn: 'arn:aws:iam::000000000000:role/r', tags: [{ key: 'team', value: 'a' }] });
    sfn().CreateStateMachine({ name: 'dropped', definition, roleArn: 'arn:aws:iam::000000000000:role/r' });
    sfn().DeleteStateMachine({ stateMachineArn: stateMachineArn.replace('kept', 'dropped') });
    const { executionArn } = sfn().StartExecution({ stateMachineArn, name: 'done' });
    await env.broker.stepfunctions.settled();
    const machineBefore = sfn().DescribeStateMachine({ stateMachineArn });
    const executionBefore = sfn().DescribeExecution({ executionArn });
    const historyBefore = sfn().GetExecutionHistory({ executionArn });

    await env.restart(SECOND);

    assert.deepEqual(sfn().DescribeStateMachine({ stateMachineArn }), machineBefore);
    assert.deepEqual(sfn().ListStateMachines({}).stateMachines.map((m) => m.name), ['kept']);
    assert.deepEqual(sfn().ListTagsForResource({ resourceArn: stateMachineArn }).tags, [{ key: 'team', value: 'a' }]);
    assert.deepEqual(sfn().DescribeExecution({ executionArn }), executionBefore);
    assert.deepEqual(sfn().GetExecutionHistory({ executionArn }), historyBefore);
    assert.deepEqual(sfn().ListExecutions({ stateMachineArn }).executions.map((e) => [e.name, e.status]), [['done', 'SUCCEEDED']]);
    // the name stays taken, and the machine still runs
    assert.throws(() => sfn().StartExecution({ stateMachineArn, name: 'done' }), { code: 'ExecutionAlreadyExists' });
    const again = sfn().StartExecution({ stateMachineArn, name: 'again' });
    await env.broker.stepfunctions.settled();
    assert.equal(sfn().DescribeExecution({ executionArn: again.executionArn }).output, '{"ok":true}');
  });

  it('forgets what a reset deleted', async () => {
    const { stateMachineArn } = sfn().CreateStateMachine({ name: 'm', definition, roleArn: 'arn:aws:iam::000000000000:role/r' });
    const { executionArn } = sfn().StartExecution({ stateMachineArn });
    await env.broker.stepfunctions.settled();
    env.broker.stepfunctions.reset();
    await env.restart();
    assert.deepEqual(sfn().ListStateMachines({}).stateMachines, []);
    assert.throws(() => sfn().DescribeExecution({ executionArn }), { code: 'ExecutionDoesNotExist' });
  });
});
