import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';
import { fixture } from '../functions/helpers';
import { execute } from './recorded';

/** The interpreter, one state type or feature at a time, on a broker with a fake clock. */
const types = (history: Record<string, unknown>[]) => history.map((e) => e.type);
const output = (describe: { output?: string }) => JSON.parse(describe.output!) as unknown;

/** Runs a test against a broker on a fake clock (starting at `start`), disposed of afterwards. */
async function withBroker(run: (broker: Broker, clock: FakeClock) => Promise<void>, start?: number): Promise<void> {
  const clock = new FakeClock(start);
  const broker = new Broker({ clock });
  try {
    await run(broker, clock);
  } finally {
    broker.dispose();
  }
}

describe('Step Functions interpreter', () => {
  describe('Pass and the paths', () => {
    it('applies InputPath, Parameters, ResultPath and OutputPath in order', async () => {
      const { describe } = await execute(
        { StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.in', Parameters: { 'v.$': '$.v', fixed: 1 }, ResultPath: '$.in.result', OutputPath: '$.in', End: true } } },
        { in: { v: 'x' }, other: true },
      );
      assert.deepEqual(output(describe), { v: 'x', result: { v: 'x', fixed: 1 } });
    });

    it('ResultPath null keeps the input; a missing path fails with States.Runtime', async () => {
      const kept = await execute({ StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, ResultPath: null, End: true } } }, { a: 1 });
      assert.deepEqual(output(kept.describe), { a: 1 });
      const missing = await execute({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.nope', End: true } } }, { a: 1 });
      assert.equal(missing.describe.status, 'FAILED');
      assert.equal(missing.describe.error, 'States.Runtime');
      assert.equal(missing.describe.cause, "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.nope' : No results for path: $['nope']");
    });
  });

  it('a state output over 256 KiB fails with States.DataLimitExceeded (test_start_large_input)', async () => {
    const { history } = await execute({ StartAt: 'State_1', States: { State_1: { Type: 'Pass', Result: 'x'.repeat(256 * 1024), End: true } } }, {});
    assert.deepEqual(types(history), ['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
    assert.deepEqual(history[2].executionFailedEventDetails, {
      error: 'States.DataLimitExceeded',
      cause: "The state/task 'State_1' returned a result with a size exceeding the maximum number of bytes service limit.",
    });
  });

  describe('intrinsic functions', () => {
    it('ArrayUnique, UUID, MathRandom, Base64 and Hash', async () => {
      const { describe } = await execute(
        {
          StartAt: 'P',
          States: {
            P: {
              Type: 'Pass',
              Parameters: {
                'unique.$': 'States.ArrayUnique($.a)',
                'uuid.$': 'States.UUID()',
                'random.$': 'States.MathRandom(1, 10)',
                'b64.$': "States.Base64Encode('hello')",
                'back.$': "States.Base64Decode('aGVsbG8=')",
                'hash.$': "States.Hash('hello', 'SHA-256')",
                'format.$': "States.Format('{} and {}', $.a, States.ArrayLength($.a))",
              },
              End: true,
            },
          },
        },
        { a: [1, 1, 'x', 'x', null] },
      );
      const out = output(describe) as Record<string, unknown>;
      assert.deepEqual(out.unique, [1, 'x', null]);
      assert.match(String(out.uuid), /^[0-9a-f-]{36}$/);
      assert.ok(Number(out.random) >= 1 && Number(out.random) < 10);
      assert.equal(out.b64, 'aGVsbG8=');
      assert.equal(out.back, 'hello');
      assert.equal(out.hash, '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
      assert.equal(out.format, '[1, 1, x, x, null] and 5');
    });
  });

  describe('Choice', () => {
    it('And/Or/Not, IsPresent and Default', async () => {
      const def = {
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Choices: [
              { And: [{ Variable: '$.n', NumericGreaterThanEquals: 10 }, { Not: { Variable: '$.s', StringMatches: 'skip*' } }], Next: 'Big' },
              { Or: [{ Variable: '$.flag', IsPresent: true }, { Variable: '$.n', NumericLessThan: 0 }], Next: 'Odd' },
            ],
            Default: 'Small',
          },
          Big: { Type: 'Pass', Result: 'big', End: true },
          Odd: { Type: 'Pass', Result: 'odd', End: true },
          Small: { Type: 'Pass', Result: 'small', End: true },
        },
      };
      assert.equal(output((await execute(def, { n: 12, s: 'go' })).describe), 'big');
      assert.equal(output((await execute(def, { n: 12, s: 'skip-me' })).describe), 'small');
      assert.equal(output((await execute(def, { n: 1, s: 'x', flag: false })).describe), 'odd');
      assert.equal(output((await execute(def, { n: -1, s: 'x' })).describe), 'odd');
    });

    it('no match and no Default fails with States.NoChoiceMatched', async () => {
      const { describe } = await execute({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'E' }] }, E: { Type: 'Succeed' } } }, { n: 2 });
      assert.equal(describe.error, 'States.NoChoiceMatched');
    });
  });

  describe('Wait on the broker clock', () => {
    it('Seconds, Timestamp and TimestampPath wait broker time, not wall time', async () => {
      await withBroker(async (broker, clock) => {
        const def = {
          StartAt: 'W1',
          States: {
            W1: { Type: 'Wait', Seconds: 3600, Next: 'W2' },
            W2: { Type: 'Wait', Timestamp: '2026-01-01T02:00:00Z', Next: 'W3' },
            W3: { Type: 'Wait', TimestampPath: '$.until', End: true },
          },
        };
        const started = Date.now();
        const { describe } = await execute(def, { until: '2026-01-01T03:00:00Z' }, broker, clock);
        assert.equal(describe.status, 'SUCCEEDED');
        assert.equal(describe.stopDate!.toISOString(), '2026-01-01T03:00:00.000Z');
        assert.ok(Date.now() - started < 5000);
      }, Date.UTC(2026, 0, 1));
    });
  });

  it('the machine-wide TimeoutSeconds times the execution out (test_global_timeout)', async () => {
    const { describe, history } = await execute({ TimeoutSeconds: 5, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }, {});
    assert.equal(describe.status, 'TIMED_OUT');
    assert.equal(describe.redriveStatus, 'REDRIVABLE');
    // as recorded: no error or cause in the description
    assert.equal(describe.error, undefined);
    assert.equal(describe.cause, undefined);
    assert.equal(describe.stopDate!.getTime() - describe.startDate.getTime(), 5000);
    assert.deepEqual(types(history), ['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
  });

  describe('Parallel and Map', () => {
    it('Parallel gives each branch the input and collects the outputs in branch order', async () => {
      const { describe, history } = await execute(
        {
          StartAt: 'P',
          States: {
            P: {
              Type: 'Parallel',
              Branches: [
                { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, Next: 'A' }, A: { Type: 'Pass', Result: 'slow', End: true } } },
                { StartAt: 'B', States: { B: { Type: 'Pass', InputPath: '$.x', End: true } } },
              ],
              End: true,
            },
          },
        },
        { x: 1 },
      );
      assert.deepEqual(output(describe), ['slow', 1]);
      assert.deepEqual(types(history).slice(0, 4), ['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted', 'WaitStateEntered']);
      assert.deepEqual(types(history).slice(-3), ['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
    });

    it('Map with ItemsPath, ItemSelector and the $$.Map.Item context, MaxConcurrency 1 in order', async () => {
      const { describe, history } = await execute(
        {
          StartAt: 'M',
          States: {
            M: {
              Type: 'Map',
              ItemsPath: '$.items',
              MaxConcurrency: 1,
              ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'k.$': '$.k' },
              ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } },
              End: true,
            },
          },
        },
        { items: ['a', 'b'], k: 7 },
      );
      assert.deepEqual(output(describe), [
        { index: 0, value: 'a', k: 7 },
        { index: 1, value: 'b', k: 7 },
      ]);
      const started = history.filter((e) => e.type === 'MapStateStarted')[0] as { mapStateStartedEventDetails: unknown };
      assert.deepEqual(started.mapStateStartedEventDetails, { length: 2 });
    });

    it('a failing branch fails the Parallel at once and its siblings record nothing more', async () => {
      const { describe, history } = await execute(
        {
          StartAt: 'P',
          States: {
            P: {
              Type: 'Parallel',
              Branches: [
                { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, Next: 'After' }, After: { Type: 'Pass', End: true } } },
                { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom' } } },
              ],
              End: true,
            },
          },
        },
        {},
      );
      assert.equal(describe.error, 'Boom');
      assert.equal(describe.stopDate!.getTime(), describe.startDate.getTime());
      assert.deepEqual(types(history), ['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted', 'WaitStateEntered', 'FailStateEntered', 'ParallelStateFailed', 'ExecutionFailed']);
    });

    it('a failing iteration fails the Map, which Catch handles', async () => {
      const { describe, history } = await execute(
        {
          StartAt: 'M',
          States: {
            M: {
              Type: 'Map',
              ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Bad', Cause: 'item' } } },
              Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Done' }],
              Next: 'Done',
            },
            Done: { Type: 'Pass', End: true },
          },
        },
        [1],
      );
      assert.equal(describe.status, 'SUCCEEDED', describe.cause);
      assert.ok(types(history).includes('MapIterationFailed'));
      assert.ok(types(history).includes('MapStateFailed'));
      void describe;
    });
  });

  describe('Retry and Catch', () => {
    const sqsTask = (extra: Record<string, unknown>) => ({
      StartAt: 'Send',
      States: {
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'http://127.0.0.1:4566/000000000000/missing', MessageBody: 'x' }, ...extra, End: true },
        Caught: { Type: 'Pass', End: true },
      },
    });

    it('retries with IntervalSeconds, BackoffRate and MaxDelaySeconds on the broker clock, then fails', async () => {
      await withBroker(async (broker, clock) => {
        const { describe, history } = await execute(
          sqsTask({ Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3, MaxDelaySeconds: 10 }] }),
          {},
          broker,
          clock,
        );
        assert.equal(describe.status, 'FAILED');
        assert.equal(describe.error, 'SQS.AmazonSQSException');
        assert.match(describe.cause!, /^The specified queue does not exist.* \(Service: AmazonSQS; Status Code: 400; Error Code: AWS.SimpleQueueService.NonExistentQueue; /);
        const failed = history.filter((e) => e.type === 'TaskFailed').map((e) => (e.timestamp as Date).getTime());
        // attempts at 0, +2 s, +6 s (2x3), +10 s (18 capped at MaxDelaySeconds)
        assert.deepEqual(failed.map((t) => (t - failed[0]) / 1000), [0, 2, 8, 18]);
      });
    });

    it('Catch puts Error and Cause at its ResultPath and goes to Next; States.Runtime is not caught by States.ALL', async () => {
      const caught = await execute(sqsTask({ End: undefined, Next: 'Caught', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Caught' }] }), { keep: 1 });
      assert.equal(caught.describe.status, 'SUCCEEDED');
      const out = output(caught.describe) as { keep: number; err: { Error: string; Cause: string } };
      assert.equal(out.keep, 1);
      assert.equal(out.err.Error, 'SQS.AmazonSQSException');
      assert.deepEqual(types(caught.history).slice(-4), ['TaskStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);

      const runtime = await execute(
        { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', InputPath: '$.missing', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'E' }], End: true }, E: { Type: 'Succeed' } } },
        {},
      );
      assert.equal(runtime.describe.error, 'States.Runtime');
    });
  });

  describe('service tasks', () => {
    it('sqs:sendMessage sends the message and records TaskScheduled/Started/Succeeded', async () => {
      await withBroker(async (broker, clock) => {
        const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'orders' });
        const { describe, history } = await execute(
          { StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl, 'MessageBody.$': '$' }, End: true } } },
          { order: 1 },
          broker,
          clock,
        );
        assert.equal(describe.status, 'SUCCEEDED');
        assert.deepEqual(types(history), ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
        const scheduled = history[2].taskScheduledEventDetails as Record<string, unknown>;
        assert.deepEqual({ ...scheduled, parameters: JSON.parse(String(scheduled.parameters)) }, {
          resourceType: 'sqs',
          resource: 'sendMessage',
          region: 'us-east-1',
          parameters: { QueueUrl, MessageBody: { order: 1 } },
        });
        const { Messages } = await broker.sqs.operations.ReceiveMessage({ QueueUrl });
        assert.equal(Messages?.[0].Body, '{"order":1}');
        assert.equal((output(describe) as { MessageId: string }).MessageId, Messages?.[0].MessageId);
      });
    });

    it('.waitForTaskToken sends the token and waits for SendTaskSuccess; SendTaskFailure fails the task', async () => {
      await withBroker(async (broker) => {
        const sfn = broker.stepfunctions.operations;
        const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'approvals' });
        const def = {
          StartAt: 'Ask',
          States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl, MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } },
        };
        const { stateMachineArn } = sfn.CreateStateMachine({ name: 'approve', definition: JSON.stringify(def), roleArn: 'arn:aws:iam::000000000000:role/r' });
        const tokenOf = async () => {
          for (let i = 0; i < 50; i++) {
            const { Messages } = await broker.sqs.operations.ReceiveMessage({ QueueUrl });
            if (Messages?.length) return (JSON.parse(Messages[0].Body) as { token: string }).token;
            await new Promise((r) => setImmediate(r));
          }
          throw new Error('no token');
        };
        const ok = sfn.StartExecution({ stateMachineArn, name: 'ok' });
        sfn.SendTaskSuccess({ taskToken: await tokenOf(), output: '{"approved":true}' });
        await broker.stepfunctions.executions.get(ok.executionArn)!.run.done;
        const okDescribe = sfn.DescribeExecution({ executionArn: ok.executionArn });
        assert.equal(okDescribe.output, '{"approved":true}');
        assert.deepEqual(
          types(sfn.GetExecutionHistory({ executionArn: ok.executionArn }).events),
          ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded'],
        );

        const no = sfn.StartExecution({ stateMachineArn, name: 'no' });
        const token = await tokenOf();
        sfn.SendTaskHeartbeat({ taskToken: token });
        sfn.SendTaskFailure({ taskToken: token, error: 'Rejected', cause: 'by a human' });
        await broker.stepfunctions.executions.get(no.executionArn)!.run.done;
        const noDescribe = sfn.DescribeExecution({ executionArn: no.executionArn });
        assert.deepEqual([noDescribe.status, noDescribe.error, noDescribe.cause], ['FAILED', 'Rejected', 'by a human']);
        // the token is spent
        assert.throws(() => sfn.SendTaskSuccess({ taskToken: token, output: '{}' }), { code: 'TaskTimedOut' });
        assert.throws(() => sfn.SendTaskSuccess({ taskToken: 'nope', output: '{}' }), { code: 'InvalidToken', message: "Invalid Token: 'Invalid token'" });
      });
    });

    it('TimeoutSeconds and a missed HeartbeatSeconds both fail a waiting task with States.Timeout (test_heartbeat_timeout)', async () => {
      await withBroker(async (broker, clock) => {
        const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'slow' });
        const task = (extra: Record<string, unknown>) => ({
          StartAt: 'T',
          States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl, 'MessageBody.$': '$$.Task.Token' }, ...extra, End: true } },
        });
        const timedOut = await execute(task({ TimeoutSeconds: 30 }), {}, broker, clock);
        assert.equal(timedOut.describe.error, 'States.Timeout');
        assert.equal(timedOut.history.at(-2)!.type, 'TaskTimedOut');
        const heartbeat = await execute(task({ HeartbeatSeconds: 5, TimeoutSeconds: 60 }), {}, broker, clock);
        assert.equal(heartbeat.describe.error, 'States.Timeout');
        assert.equal(heartbeat.history.at(-2)!.type, 'TaskTimedOut');
      });
    });

    it('sns:publish and events:putEvents go through the other services', async () => {
      await withBroker(async (broker, clock) => {
        const { TopicArn } = broker.sns.operations.CreateTopic({ Name: 'news' });
        const { describe } = await execute(
          {
            StartAt: 'Pub',
            States: {
              Pub: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn, Message: { hello: 'world' } }, ResultPath: '$.sns', Next: 'Put' },
              Put: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ Source: 'app', DetailType: 'done', Detail: { ok: true } }] }, ResultPath: '$.events', End: true },
            },
          },
          {},
          broker,
          clock,
        );
        assert.equal(describe.status, 'SUCCEEDED', describe.cause);
        const out = output(describe) as { sns: { MessageId: string }; events: { FailedEntryCount: number; Entries: { EventId: string }[] } };
        assert.ok(out.sns.MessageId);
        assert.equal(out.events.FailedEntryCount, 0);
        assert.ok(out.events.Entries[0].EventId);
        const missing = await execute({ StartAt: 'Pub', States: { Pub: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: `${TopicArn}-gone`, Message: 'x' }, End: true } } }, {}, broker, clock);
        assert.equal(missing.describe.error, 'SNS.NotFoundException');
      });
    });
  });

  describe('StopExecution', () => {
    it('aborts a waiting execution and records ExecutionAborted', async () => {
      await withBroker(async (broker, clock) => {
        const sfn = broker.stepfunctions.operations;
        const { stateMachineArn } = sfn.CreateStateMachine({ name: 'w', definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }), roleArn: 'arn:aws:iam::000000000000:role/r' });
        const { executionArn } = sfn.StartExecution({ stateMachineArn });
        await new Promise((r) => setImmediate(r));
        sfn.StopExecution({ executionArn, error: 'Stop', cause: 'enough' });
        clock.advance(120_000);
        const d = sfn.DescribeExecution({ executionArn });
        assert.deepEqual([d.status, d.error, d.cause], ['ABORTED', 'Stop', 'enough']);
        const events = sfn.GetExecutionHistory({ executionArn }).events;
        assert.deepEqual(types(events), ['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
        assert.equal(events[2].previousEventId, 0);
      });
    });
  });

  describe('local functions', function () {
    this.timeout(30_000);
    it('lambda:invoke and a bare function ARN run the function; a missing one fails as AWS does', async () => {
      const broker = new Broker({ functionRunner: new NodeInvocationRunner() });
      try {
        broker.functions.create({ name: 'echo', module: fixture('ok.cjs') });
        broker.functions.create({ name: 'fails', module: fixture('throwing.cjs') });
        const sfn = broker.stepfunctions.operations;
        const def = {
          StartAt: 'Invoke',
          States: {
            Invoke: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'echo', 'Payload.$': '$' }, ResultSelector: { 'event.$': '$.Payload.event', 'status.$': '$.StatusCode' }, ResultPath: '$.first', Next: 'Bare' },
            Bare: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:fails', Catch: [{ ErrorEquals: ['OrderRejected'], ResultPath: '$.error', Next: 'Done' }], Next: 'Done' },
            Done: { Type: 'Succeed' },
          },
        };
        const { stateMachineArn } = sfn.CreateStateMachine({ name: 'fn', definition: JSON.stringify(def), roleArn: 'arn:aws:iam::000000000000:role/r' });
        const { executionArn } = sfn.StartExecution({ stateMachineArn, input: '{"n":1}' });
        await broker.stepfunctions.executions.get(executionArn)!.run.done;
        const d = sfn.DescribeExecution({ executionArn });
        assert.equal(d.status, 'SUCCEEDED', d.cause);
        const out = JSON.parse(d.output!) as { first: { event: unknown; status: number }; error: { Error: string; Cause: string } };
        assert.deepEqual(out.first, { event: { n: 1 }, status: 200 });
        assert.equal(out.error.Error, 'OrderRejected');
        assert.equal((JSON.parse(out.error.Cause) as { errorMessage: string }).errorMessage, 'cannot process event');
        const history = sfn.GetExecutionHistory({ executionArn }).events;
        assert.ok(types(history).includes('LambdaFunctionFailed'));

        const missing = { StartAt: 'I', States: { I: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'nope' }, End: true } } };
        const m = sfn.CreateStateMachine({ name: 'missing', definition: JSON.stringify(missing), roleArn: 'arn:aws:iam::000000000000:role/r' });
        const run = sfn.StartExecution({ stateMachineArn: m.stateMachineArn });
        await broker.stepfunctions.executions.get(run.executionArn)!.run.done;
        const failed = sfn.DescribeExecution({ executionArn: run.executionArn });
        assert.equal(failed.error, 'Lambda.ResourceNotFoundException');
        assert.match(failed.cause!, /^Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope:\$LATEST \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; /);
      } finally {
        broker.dispose();
      }
    });
  });
});
