import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { localSnapshot } from '../../../src/extension/client/local-client';
import { RECENT_EXECUTIONS } from '../../../src/extension/client/snapshot';
import { EXECUTION_ICONS, executionDescription } from '../../../src/extension/tree/labels';
import { childNodes, rootNodes, type ResourceNode } from '../../../src/extension/tree/nodes';

const settings = { showEmptyGroups: false, showMessageCounts: true, showClosedShards: true };
const ROLE = 'arn:aws:iam::000000000000:role/states';

describe('the Resources tree: state machines and their executions', () => {
  it('lists state machines by name with their executions newest first, each with its status', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 2, 10, 0, 0));
    const broker = new Broker({ clock });
    try {
      const ops = broker.stepfunctions.operations;
      const waits = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } });
      const fails = JSON.stringify({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Nope', Cause: 'no' } } });
      const { stateMachineArn: waiting } = ops.CreateStateMachine({ name: 'waits', definition: waits, roleArn: ROLE });
      const { stateMachineArn: failing } = ops.CreateStateMachine({ name: 'fails', definition: fails, roleArn: ROLE, type: 'EXPRESS' });
      ops.StartExecution({ stateMachineArn: waiting, name: 'first' });
      clock.advance(1000);
      ops.StartExecution({ stateMachineArn: waiting, name: 'second' });
      ops.StartExecution({ stateMachineArn: failing, name: 'broken' });

      const snapshot = localSnapshot(broker, 'http://127.0.0.1:4566');
      const roots = rootNodes(snapshot, settings);
      const group = roots.find((r) => r.name === 'State machines');
      assert.ok(group, 'a State machines group once one exists');
      const machines = childNodes(group, snapshot, settings) as Extract<ResourceNode, { kind: 'stateMachine' }>[];
      assert.deepEqual(machines.map((m) => [m.name, m.stateMachine.type]), [['fails', 'EXPRESS'], ['waits', 'STANDARD']]);
      const executions = childNodes(machines[1], snapshot, settings) as Extract<ResourceNode, { kind: 'execution' }>[];
      assert.deepEqual(executions.map((e) => [e.name, e.execution.status]), [['second', 'RUNNING'], ['first', 'RUNNING']]);
      const [broken] = childNodes(machines[0], snapshot, settings) as Extract<ResourceNode, { kind: 'execution' }>[];
      assert.equal(broken.execution.status, 'FAILED');

      clock.advance(60_000);
      await broker.stepfunctions.settled();
      const after = localSnapshot(broker, 'http://127.0.0.1:4566').stateMachines!.find((m) => m.name === 'waits')!;
      assert.deepEqual(after.executions.map((e) => e.status), ['SUCCEEDED', 'SUCCEEDED']);
    } finally {
      broker.dispose();
    }
  });

  it(`keeps the ${RECENT_EXECUTIONS} most recent executions of a machine`, async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock });
    try {
      const ops = broker.stepfunctions.operations;
      const { stateMachineArn } = ops.CreateStateMachine({ name: 'pass', definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }), roleArn: ROLE });
      for (let i = 0; i < RECENT_EXECUTIONS + 5; i++) {
        ops.StartExecution({ stateMachineArn, name: `run-${i}` });
        clock.advance(10);
      }
      const [machine] = localSnapshot(broker, 'http://127.0.0.1:4566').stateMachines!;
      assert.equal(machine.executions.length, RECENT_EXECUTIONS);
      assert.equal(machine.executions[0].name, `run-${RECENT_EXECUTIONS + 4}`);
    } finally {
      broker.dispose();
    }
  });

  it('describes an execution by its status and start time, with an icon per status', () => {
    const start = new Date(2026, 0, 2, 14, 3, 7).getTime();
    assert.equal(executionDescription({ status: 'TIMED_OUT', startDate: start }, start + 1000), 'timed out · 14:03:07');
    assert.match(executionDescription({ status: 'SUCCEEDED', startDate: start }, start + 3 * 86_400_000), /^succeeded · 2026-01-0\d 14:03:07$/);
    for (const status of ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const) assert.ok(EXECUTION_ICONS[status][0]);
  });
});
