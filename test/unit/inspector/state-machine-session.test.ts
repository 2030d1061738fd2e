import assert from 'node:assert/strict';
import type { ChangeNotice } from '../../../src/inspector/protocol';
import { stateProgress } from '../../../webview/logic/execution-overlay';
import { SessionHarness } from './harness';

const ROLE = 'arn:aws:iam::000000000000:role/states';
const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

describe('inspector: state machine session', () => {
  let h: SessionHarness;
  beforeEach(() => {
    h = new SessionHarness();
  });
  afterEach(() => h.dispose());

  function approvalMachine(name = 'orders') {
    const { QueueUrl } = h.broker.sqs.operations.CreateQueue({ QueueName: 'approvals' });
    const definition = {
      StartAt: 'Approve',
      States: {
        Approve: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl, MessageBody: { 'token.$': '$$.Task.Token' } }, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    h.broker.stepfunctions.operations.CreateStateMachine({ name, definition: JSON.stringify(definition), roleArn: ROLE });
  }

  it('describes the machine, starts an execution with input, and shows the task token it waits on', async () => {
    approvalMachine();
    const session = h.open({ kind: 'stateMachine', name: 'orders' });
    const before = await h.request(session, 'stateMachine/describe', {});
    assert.equal(before.type, 'STANDARD');
    assert.deepEqual(before.executions, []);
    assert.equal(JSON.parse(before.definition).StartAt, 'Approve');

    const { executionArn } = await h.request(session, 'stateMachine/start', { name: 'first', input: '{"total":150}' });
    await tick();
    const running = await h.request(session, 'stateMachine/execution', { executionArn });
    assert.equal(running.status, 'RUNNING');
    assert.equal(running.input, '{"total":150}');
    assert.deepEqual(running.events.map((e) => e.type), ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted']);
    assert.equal(running.waitingTokens.length, 1);
    assert.equal(running.waitingTokens[0].state, 'Approve');
    assert.equal(stateProgress(running.events, running.status).get('Approve')!.status, 'running');

    await h.request(session, 'stateMachine/sendTaskSuccess', { taskToken: running.waitingTokens[0].token, output: '{"approved":true}' });
    await h.broker.stepfunctions.settled();
    const done = await h.request(session, 'stateMachine/execution', { executionArn });
    assert.equal(done.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(done.output!), { approved: true });
    assert.deepEqual(done.waitingTokens, []);
    assert.deepEqual((await h.request(session, 'stateMachine/describe', {})).executions.map((e) => [e.name, e.status]), [['first', 'SUCCEEDED']]);
  });

  it('answers with AWS\'s errors: bad input, a repeated name, a token that is gone, a foreign execution', async () => {
    approvalMachine();
    h.broker.stepfunctions.operations.CreateStateMachine({ name: 'other', definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}', roleArn: ROLE });
    const session = h.open({ kind: 'stateMachine', name: 'orders' });
    await assert.rejects(h.request(session, 'stateMachine/start', { input: '{nope' }), (e: Error & { code: string }) => e.code === 'InvalidExecutionInput');
    await h.request(session, 'stateMachine/start', { name: 'twice', input: '{}' });
    await assert.rejects(h.request(session, 'stateMachine/start', { name: 'twice', input: '{"other":1}' }), (e: Error & { code: string }) => e.code === 'ExecutionAlreadyExists');
    await assert.rejects(h.request(session, 'stateMachine/sendTaskSuccess', { taskToken: 'x'.repeat(64), output: '{}' }), (e: Error & { code: string }) => e.code === 'TaskTimedOut');
    const { executionArn } = h.broker.stepfunctions.operations.StartExecution({ stateMachineArn: h.broker.stepfunctions.listStateMachineSummaries().find((m) => m.name === 'other')!.arn });
    await assert.rejects(h.request(session, 'stateMachine/execution', { executionArn }), (e: Error & { code: string }) => e.code === 'ExecutionDoesNotExist');
    const missing = h.open({ kind: 'stateMachine', name: 'gone' });
    await assert.rejects(h.request(missing, 'stateMachine/describe', {}), (e: Error & { code: string }) => e.code === 'StateMachineDoesNotExist');
  });

  it('forwards the changes of its own machine\'s executions only, naming the execution', async () => {
    approvalMachine();
    h.broker.stepfunctions.operations.CreateStateMachine({ name: 'orders-v2', definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}', roleArn: ROLE });
    const session = h.open({ kind: 'stateMachine', name: 'orders' });
    await session.receive({ type: 'ready' });
    const { executionArn } = await h.request(session, 'stateMachine/start', { input: '{}' });
    h.broker.stepfunctions.operations.StartExecution({ stateMachineArn: h.broker.stepfunctions.listStateMachineSummaries().find((m) => m.name === 'orders-v2')!.arn });
    await tick();
    h.flush();
    const notices = h.posted.flatMap((m) => (m.type === 'changed' ? m.changes : [])) as ChangeNotice[];
    assert.ok(notices.length > 0);
    assert.ok(notices.every((n) => n.service === 'states' && n.executionArn === executionArn), JSON.stringify(notices));
  });

  it('opened again on another execution, its page starts on that one; another machine is not taken', async () => {
    approvalMachine();
    const session = h.open({ kind: 'stateMachine', name: 'orders' });
    session.retarget({ kind: 'stateMachine', name: 'orders', execution: 'arn:aws:states:us-east-1:000000000000:execution:orders:second' });
    session.retarget({ kind: 'stateMachine', name: 'other', execution: 'arn:x' });
    await session.receive({ type: 'ready' });
    const init = h.posted.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    assert.deepEqual(init.resource, { kind: 'stateMachine', name: 'orders', execution: 'arn:aws:states:us-east-1:000000000000:execution:orders:second' });
  });

  it('stops an execution and redrives it from the state that failed, saying when it can be redriven', async () => {
    approvalMachine();
    const session = h.open({ kind: 'stateMachine', name: 'orders' });
    const { executionArn } = await h.request(session, 'stateMachine/start', { name: 'held', input: '{}' });
    await tick();
    assert.equal((await h.request(session, 'stateMachine/execution', { executionArn })).redriveStatus, 'NOT_REDRIVABLE');
    await h.request(session, 'stateMachine/stop', { executionArn });
    const stopped = await h.request(session, 'stateMachine/execution', { executionArn });
    assert.deepEqual([stopped.status, stopped.redriveStatus, stopped.redriveCount], ['ABORTED', 'REDRIVABLE', 0]);
    await h.request(session, 'stateMachine/redrive', { executionArn });
    await tick();
    const redriven = await h.request(session, 'stateMachine/execution', { executionArn });
    assert.deepEqual([redriven.status, redriven.redriveCount], ['RUNNING', 1]);
    assert.equal(redriven.waitingTokens[0]?.state, 'Approve', 'waiting on the task again');
    await assert.rejects(h.request(session, 'stateMachine/redrive', { executionArn }), (e: Error & { code: string }) => e.code === 'ExecutionNotRedrivable');
  });
});
