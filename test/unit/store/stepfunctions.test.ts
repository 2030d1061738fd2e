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

  it('keeps a distributed Map\'s map run and child executions; one cut by the restart comes back ABORTED, its children not resumed', async () => {
    const map = (inner: Record<string, unknown>) =>
      JSON.stringify({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'I', States: { I: inner } }, End: true } } });
    const role = 'arn:aws:iam::000000000000:role/r';
    const done = sfn().CreateStateMachine({ name: 'done', definition: map({ Type: 'Pass', End: true }), roleArn: role });
    const cut = sfn().CreateStateMachine({ name: 'cut', definition: map({ Type: 'Wait', Seconds: 3600, End: true }), roleArn: role });
    const ended = sfn().StartExecution({ stateMachineArn: done.stateMachineArn, input: '[1,2]' });
    await env.broker.stepfunctions.settled();
    const endedRun = sfn().ListMapRuns({ executionArn: ended.executionArn }).mapRuns[0].mapRunArn;
    const before = sfn().DescribeMapRun({ mapRunArn: endedRun });
    const running = sfn().StartExecution({ stateMachineArn: cut.stateMachineArn, input: '[1]' });
    await new Promise((r) => setImmediate(r));
    const cutRun = sfn().ListMapRuns({ executionArn: running.executionArn }).mapRuns[0].mapRunArn;

    await env.restart(SECOND);

    assert.deepEqual(sfn().DescribeMapRun({ mapRunArn: endedRun }), before);
    assert.deepEqual(sfn().ListExecutions({ mapRunArn: endedRun }).executions.map((e) => e.status), ['SUCCEEDED', 'SUCCEEDED']);
    assert.equal(sfn().DescribeMapRun({ mapRunArn: cutRun }).status, 'ABORTED');
    assert.equal(sfn().DescribeExecution({ executionArn: running.executionArn }).status, 'FAILED');
    assert.deepEqual(sfn().ListExecutions({ mapRunArn: cutRun }).executions.map((e) => e.status), ['FAILED']);
    // a reset forgets them for good
    env.broker.stepfunctions.reset();
    await env.restart();
    assert.throws(() => sfn().DescribeMapRun({ mapRunArn: endedRun }), { code: 'ResourceNotFound' });
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

describe('Store: running Step Functions executions across a restart', () => {
  let env: Restartable;
  beforeEach(() => (env = new Restartable()));
  afterEach(() => env.cleanup());

  const sfn = () => env.broker.stepfunctions.operations;
  const role = 'arn:aws:iam::000000000000:role/r';
  const types = (executionArn: string) => sfn().GetExecutionHistory({ executionArn, maxResults: 1000 }).events.map((e) => e.type);
  /** Lets the execution's synchronous states and microtasks run. */
  const tick = () => new Promise((r) => setImmediate(r));

  it('a Wait resumes at its due time on the broker clock, with its variables and history', async () => {
    const definition = JSON.stringify({
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { order: 'o-1' }, Next: 'Hold' },
        Hold: { Type: 'Wait', Seconds: 60, Next: 'Done' },
        Done: { Type: 'Pass', Parameters: { 'order.$': '$order' }, End: true },
      },
    });
    const { stateMachineArn } = sfn().CreateStateMachine({ name: 'waits', definition, roleArn: role });
    const { executionArn } = sfn().StartExecution({ stateMachineArn, name: 'w' });
    await tick();
    const before = types(executionArn);
    assert.deepEqual(before, ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'WaitStateEntered']);

    await env.restart(20 * SECOND);
    assert.equal(sfn().DescribeExecution({ executionArn }).status, 'RUNNING');
    assert.deepEqual(types(executionArn), before);
    env.clock.advance(30 * SECOND);
    await tick();
    assert.equal(sfn().DescribeExecution({ executionArn }).status, 'RUNNING', 'not before its due time');
    env.clock.advance(10 * SECOND);
    await env.broker.stepfunctions.settled();
    const done = sfn().DescribeExecution({ executionArn });
    assert.equal(done.status, 'SUCCEEDED');
    assert.equal(done.output, '{"order":"o-1"}');
    const events = sfn().GetExecutionHistory({ executionArn, maxResults: 1000 }).events;
    assert.deepEqual(
      events.map((e) => [e.id, e.previousEventId, e.type]),
      [
        [1, 0, 'ExecutionStarted'],
        [2, 0, 'PassStateEntered'],
        [3, 2, 'PassStateExited'],
        [4, 3, 'WaitStateEntered'],
        [5, 4, 'WaitStateExited'],
        [6, 5, 'PassStateEntered'],
        [7, 6, 'PassStateExited'],
        [8, 7, 'ExecutionSucceeded'],
      ],
    );
    assert.equal((events[4].timestamp as Date).getTime() - (events[3].timestamp as Date).getTime(), 60 * SECOND);

    // and the ended execution stays as it ended
    await env.restart();
    assert.equal(sfn().DescribeExecution({ executionArn }).status, 'SUCCEEDED');
  });

  it('a Wait whose due time passed while the broker was down ends at once', async () => {
    const definition = JSON.stringify({ StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 5, End: true } } });
    const { stateMachineArn } = sfn().CreateStateMachine({ name: 'late', definition, roleArn: role });
    const { executionArn } = sfn().StartExecution({ stateMachineArn, input: '{"k":1}' });
    await tick();
    await env.restart(60 * SECOND);
    await env.broker.stepfunctions.settled();
    assert.equal(sfn().DescribeExecution({ executionArn }).output, '{"k":1}');
  });

  it('a .waitForTaskToken task still takes SendTaskSuccess after a restart', async () => {
    const { QueueUrl } = await env.broker.sqs.operations.CreateQueue({ QueueName: 'approvals' });
    const definition = JSON.stringify({
      StartAt: 'Approve',
      States: {
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl, MessageBody: { 'token.$': '$$.Task.Token' } },
          ResultPath: '$.approval',
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    });
    const { stateMachineArn } = sfn().CreateStateMachine({ name: 'approve', definition, roleArn: role });
    const { executionArn } = sfn().StartExecution({ stateMachineArn, input: '{"order":7}' });
    for (let i = 0; i < 20 && !types(executionArn).includes('TaskSubmitted'); i++) await tick();
    assert.ok(types(executionArn).includes('TaskSubmitted'));

    await env.restart(SECOND);
    const received = await env.broker.sqs.operations.ReceiveMessage({ QueueUrl });
    const { token } = JSON.parse(received.Messages![0].Body!) as { token: string };
    sfn().SendTaskSuccess({ taskToken: token, output: '{"approved":true}' });
    await env.broker.stepfunctions.settled();
    const done = sfn().DescribeExecution({ executionArn });
    assert.equal(done.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(done.output!), { order: 7, approval: { approved: true } });
    assert.equal(types(executionArn).filter((t) => t === 'TaskSubmitted').length, 1, 'the message was not sent again');
  });

  it('a failed execution can be redriven after a restart, from the state that failed', async () => {
    const definition = JSON.stringify({
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { who: 'kept' }, Next: 'Gate' },
        Gate: { Type: 'Choice', Choices: [{ Variable: '$.open', BooleanEquals: true, Next: 'Done' }] },
        Done: { Type: 'Pass', Parameters: { 'who.$': '$who' }, End: true },
      },
    });
    const { stateMachineArn } = sfn().CreateStateMachine({ name: 'gate', definition, roleArn: role });
    const { executionArn } = sfn().StartExecution({ stateMachineArn, input: '{"open":true,"first":1}' });
    await env.broker.stepfunctions.settled();
    assert.equal(sfn().DescribeExecution({ executionArn }).status, 'SUCCEEDED');
    const failing = sfn().StartExecution({ stateMachineArn, input: '{"open":false}' });
    await env.broker.stepfunctions.settled();
    assert.equal(sfn().DescribeExecution({ executionArn: failing.executionArn }).error, 'States.NoChoiceMatched');

    await env.restart();
    assert.equal(sfn().DescribeExecution({ executionArn: failing.executionArn }).redriveStatus, 'REDRIVABLE');
    sfn().RedriveExecution({ executionArn: failing.executionArn });
    await env.broker.stepfunctions.settled();
    // the Choice is entered again with the input it had, and fails again: redriving does not change data
    const again = sfn().DescribeExecution({ executionArn: failing.executionArn });
    assert.deepEqual([again.status, again.error, again.redriveCount], ['FAILED', 'States.NoChoiceMatched', 1]);
    assert.deepEqual(types(failing.executionArn).slice(-3), ['ExecutionRedriven', 'ChoiceStateEntered', 'ExecutionFailed']);
    await env.restart();
    assert.equal(sfn().DescribeExecution({ executionArn: failing.executionArn }).redriveCount, 1);
  });

  it('an execution stopped in the middle of a Map ends FAILED saying why, not run twice', async () => {
    const definition = JSON.stringify({
      StartAt: 'Each',
      States: { Each: { Type: 'Map', ItemProcessor: { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 60, End: true } } }, End: true } },
    });
    const { stateMachineArn } = sfn().CreateStateMachine({ name: 'each', definition, roleArn: role });
    const { executionArn } = sfn().StartExecution({ stateMachineArn, input: '[1,2]' });
    await tick();
    await env.restart(SECOND);
    const d = sfn().DescribeExecution({ executionArn });
    assert.equal(d.status, 'FAILED');
    assert.equal(d.error, 'States.Runtime');
    assert.match(d.cause!, /^The broker stopped while the execution was in the state 'Each'/);
    assert.equal(types(executionArn).at(-1), 'ExecutionFailed');
  });
});
