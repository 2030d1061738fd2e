import assert from 'node:assert/strict';
import path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import type { BrokerEvent } from '../../../src/broker/events';
import { resolveDefinitionPaths } from '../../../src/broker/functions/definitions';
import type { FunctionEvent } from '../../../src/broker/functions/events';
import { fixture, fixtures, realBroker } from './helpers';

// Real child processes: generous limits, because a busy machine starts them slowly.
describe('functions: registry, manual invocation and invocation records', function () {
  this.timeout(30_000);
  let broker: Broker;
  let events: BrokerEvent[];

  beforeEach(() => {
    ({ broker, events } = realBroker());
  });
  afterEach(() => broker.dispose());

  const functionEvents = () => events.filter((e): e is FunctionEvent => e.service === 'functions');

  it('creates, lists, updates and deletes functions, emitting a change event for each', () => {
    const created = broker.functions.create({ name: 'echo', module: fixture('ok.cjs'), environment: { GREETING: 'hi' } });
    assert.equal(created.functionArn, 'arn:aws:lambda:us-east-1:000000000000:function:echo');
    assert.equal(created.handler, 'handler');
    assert.equal(created.timeout, 3);
    assert.deepEqual(broker.functions.list().map((f) => f.functionName), ['echo']);
    broker.functions.update({ name: 'echo', module: fixture('ok.cjs'), timeout: 10 });
    assert.equal(broker.functions.get(created.functionArn).timeout, 10);
    broker.functions.delete('echo');
    assert.deepEqual(broker.functions.list(), []);
    assert.deepEqual(functionEvents().map((e) => e.type), ['functionCreated', 'functionUpdated', 'functionDeleted']);
  });

  it('answers unknown and duplicate functions and bad definitions with Lambda’s errors', () => {
    assert.throws(() => broker.functions.get('ghost'), {
      code: 'ResourceNotFoundException',
      status: 404,
      message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost',
    });
    broker.functions.create({ name: 'echo', module: fixture('ok.cjs') });
    assert.throws(() => broker.functions.create({ name: 'echo', module: fixture('ok.cjs') }), {
      code: 'ResourceConflictException',
      message: 'Function already exist: echo',
    });
    assert.throws(() => broker.functions.create({ name: 'bad name', module: fixture('ok.cjs') }), { code: 'InvalidParameterValueException' });
    assert.throws(() => broker.functions.create({ name: 'late', module: fixture('ok.cjs'), timeout: 901 }), { code: 'InvalidParameterValueException' });
    assert.throws(() => broker.functions.create({ name: 'odd', module: fixture('ok.cjs'), handler: 'not-a-name' }), { code: 'InvalidParameterValueException' });
    assert.deepEqual(broker.functions.list().map((f) => f.functionName), ['echo']);
  });

  it('a definition whose event source is invalid creates nothing', () => {
    assert.throws(() =>
      broker.functions.create({ name: 'echo', module: fixture('ok.cjs'), events: [{ type: 'sqs', queue: 'missing-queue' }] }),
    );
    assert.deepEqual(broker.functions.list(), []);
    assert.deepEqual(broker.functions.listEventSourceMappings(), []);
  });

  it('invokes by hand, with Lambda’s reserved variables and an endpoint pointing at the broker', async () => {
    broker.functions.create({ name: 'echo', module: fixture('ok.cjs'), environment: { GREETING: 'hello' } });
    const record = await broker.functions.invoke('echo', { orderId: 7 });
    assert.equal(record.status, 'succeeded');
    assert.deepEqual(record.trigger, { type: 'manual' });
    const output = record.output as Record<string, unknown>;
    assert.deepEqual(output.event, { orderId: 7 });
    assert.equal(output.greeting, 'hello');
    assert.equal(output.lambdaName, 'echo');
    assert.equal(output.awsRequestId, record.requestId);
    assert.match(record.logs, /got event \{"orderId":7\}/);
    assert.ok(record.durationMs >= 0);
    const [started, completed] = functionEvents().filter((e) => e.type.startsWith('invocation'));
    assert.equal(started.type, 'invocationStarted');
    assert.equal(completed.type === 'invocationCompleted' && completed.invocation.requestId, record.requestId);
  });

  it('records failures and timeouts with their error', async () => {
    broker.functions.create({ name: 'reject', module: fixture('throwing.cjs') });
    const failed = await broker.functions.invoke('reject', { Records: [1, 2] });
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.errorType, 'OrderRejected');
    assert.equal(failed.error?.errorMessage, 'cannot process 2 records');
    assert.equal(failed.output, undefined);

    broker.functions.create({ name: 'slow', module: fixture('slow.cjs'), timeout: 1 });
    const timedOut = await broker.functions.invoke('slow', {});
    assert.equal(timedOut.status, 'timedOut');
    assert.equal(timedOut.error?.errorType, 'Sandbox.Timedout');
    assert.deepEqual(broker.functions.listInvocations('slow').map((i) => i.requestId), [timedOut.requestId]);
  });

  it('without a runner an invocation fails instead of running code in the broker', async () => {
    const bare = new Broker();
    bare.functions.create({ name: 'echo', module: fixture('ok.cjs') });
    const record = await bare.functions.invoke('echo', {});
    assert.equal(record.status, 'failed');
    assert.equal(record.error?.errorType, 'ServiceException');
    bare.dispose();
  });

  it('keeps only the most recent invocations', async () => {
    // No runner: the history is the service's own bookkeeping, no process needs to start.
    const limited = new Broker();
    const functions = limited.functions;
    functions.create({ name: 'echo', module: fixture('ok.cjs') });
    for (let i = 0; i < 60; i++) await functions.invoke('echo', { i });
    const kept = functions.listInvocations('echo', 100);
    assert.equal(kept.length, 50);
    assert.deepEqual(kept[0].input, { i: 59 });
    assert.deepEqual(kept[49].input, { i: 10 });
    assert.equal(functions.listInvocations('echo', 0).length, 0);
    limited.dispose();
  });

  it('an update ends warm environments, so the next invocation runs the new definition', async () => {
    broker.functions.create({ name: 'echo', module: fixture('ok.cjs') });
    await broker.functions.invoke('echo', {});
    const warm = await broker.functions.invoke('echo', {});
    assert.equal((warm.output as { invocations: number }).invocations, 2);
    broker.functions.update({ name: 'echo', module: fixture('ok.cjs'), environment: { GREETING: 'new' } });
    const fresh = await broker.functions.invoke('echo', {});
    assert.equal((fresh.output as { invocations: number }).invocations, 1);
    assert.equal((fresh.output as { greeting: string }).greeting, 'new');
  });

  it('resolves relative module paths against the folder that declared them', () => {
    const resolved = resolveDefinitionPaths({ name: 'echo', module: 'ok.cjs' }, fixtures);
    assert.equal(resolved.module, path.join(fixtures, 'ok.cjs'));
  });

  it('applies a definitions file: creates, updates what changed, deletes what is gone, and reports bad entries', () => {
    const sqs = broker.sqs.operations;
    sqs.CreateQueue({ QueueName: 'jobs' });
    assert.deepEqual(
      broker.functions.apply([
        { name: 'a', module: fixture('ok.cjs') },
        { name: 'b', module: fixture('ok.cjs'), events: [{ type: 'sqs', queue: 'jobs', enabled: false }] },
      ]),
      [],
    );
    const mapping = broker.functions.listEventSourceMappings({ functionName: 'b' })[0];
    assert.equal(mapping.eventSourceArn, 'arn:aws:sqs:us-east-1:000000000000:jobs');
    assert.equal(mapping.state, 'Disabled');
    events.length = 0;

    const failures = broker.functions.apply(JSON.parse(JSON.stringify([
      { name: 'b', module: fixture('ok.cjs'), timeout: 5, events: [{ type: 'sqs', queue: 'jobs', enabled: false }] },
      { name: 'c', module: fixture('ok.cjs'), timeout: 'soon' },
      { name: 'd', module: fixture('ok.cjs'), events: [{ type: 'sns', topic: 't' }] },
    ])));
    assert.deepEqual(failures.map((f) => f.name), ['c', 'd']);
    assert.match(failures[0].error, /Timeout must be a whole number/);
    assert.match(failures[1].error, /needs a type/);
    assert.deepEqual(broker.functions.list().map((f) => [f.functionName, f.timeout]), [['b', 5]]);
    assert.deepEqual(
      functionEvents().filter((e) => e.type.startsWith('function')).map((e) => `${e.type} ${e.functionName}`),
      ['functionUpdated b', 'functionDeleted a'],
    );
    assert.equal(broker.functions.listEventSourceMappings().length, 1, 'the declared mapping was rebuilt, not doubled');
    events.length = 0;
    broker.functions.apply([{ name: 'b', module: fixture('ok.cjs'), timeout: 5, events: [{ type: 'sqs', queue: 'jobs', enabled: false }] }]);
    assert.deepEqual(functionEvents(), [], 'an unchanged definition changes nothing');
  });

  it('refuses a payload that is not JSON', async () => {
    broker.functions.create({ name: 'echo', module: fixture('ok.cjs') });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await assert.rejects(broker.functions.invoke('echo', circular), { code: 'InvalidRequestContentException' });
  });
});
