import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';
import { fixture, until } from '../functions/helpers';
import { recordedEntry } from './helpers';

describe('EventBridge local function targets', () => {
  it('invokes the function with the event (test_put_events_with_target_lambda)', async () => {
    const broker = new Broker({ functionRunner: new NodeInvocationRunner() });
    try {
      broker.functions.create({ name: 'echo', module: fixture('ok.cjs') });
      const ops = broker.eventbridge.operations;
      ops.PutRule({ Name: 'r', EventPattern: '{"source":["core.update-account-command"]}' });
      ops.PutTargets({ Rule: 'r', Targets: [{ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:echo' }] });
      const { Entries } = ops.PutEvents({ Entries: [recordedEntry] });
      await until(() => broker.functions.listInvocations('echo', 10).length === 1, 20000, 'the invocation');
      await broker.eventbridge.settled();
      const [invocation] = broker.functions.listInvocations('echo', 10);
      assert.equal(invocation.status, 'succeeded');
      const input = invocation.input as Record<string, unknown>;
      assert.equal(input.id, Entries[0].EventId);
      assert.deepEqual(input.detail, JSON.parse(recordedEntry.Detail));
    } finally {
      broker.dispose();
    }
  });
});
