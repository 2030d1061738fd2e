import assert from 'node:assert/strict';
import { awsCli, awsCliJson } from './support/clients';
import { serveDuringSuite } from './support/serve';

/** Step Functions through Debian's /usr/bin/aws (JSON 1.0, signed for `states`), with a task that sends to SQS. */
describe('Step Functions with Debian awscli', function () {
  // Each awscli run costs seconds of Python start-up; a busy machine needs the room.
  this.timeout(240_000);
  const served = serveDuringSuite();
  const aws = (...args: string[]) => awsCliJson(served.url, args);


  it('create-state-machine, start-execution, describe-execution, get-execution-history, and the message read back with sqs', async () => {
    const { QueueUrl } = (await aws('sqs', 'create-queue', '--queue-name', 'cli-sfn-q')) as { QueueUrl: string };
    const definition = JSON.stringify({
      StartAt: 'Shape',
      States: {
        Shape: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('hello {}', $.who)" }, Next: 'Send' },
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl, 'MessageBody.$': '$.greeting' }, ResultPath: null, End: true },
      },
    });
    const created = (await aws('stepfunctions', 'create-state-machine', '--name', 'cli-sm', '--definition', definition, '--role-arn', 'arn:aws:iam::000000000000:role/r')) as {
      stateMachineArn: string;
      creationDate: number;
    };
    assert.equal(created.stateMachineArn, 'arn:aws:states:us-east-1:000000000000:stateMachine:cli-sm');
    const { executionArn } = (await aws('stepfunctions', 'start-execution', '--state-machine-arn', created.stateMachineArn, '--name', 'run-1', '--input', '{"who":"cli"}')) as {
      executionArn: string;
    };
    assert.equal(executionArn, 'arn:aws:states:us-east-1:000000000000:execution:cli-sm:run-1');
    let described: Record<string, unknown> = {};
    for (let i = 0; i < 20; i++) {
      described = await aws('stepfunctions', 'describe-execution', '--execution-arn', executionArn);
      if (described.status !== 'RUNNING') break;
    }
    assert.equal(described.status, 'SUCCEEDED');
    assert.equal(described.output, '{"greeting":"hello cli"}');
    const history = (await aws('stepfunctions', 'get-execution-history', '--execution-arn', executionArn, '--reverse-order')) as { events: { type: string }[] };
    assert.deepEqual(history.events.map((e) => e.type).reverse(), [
      'ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
    const received = (await aws('sqs', 'receive-message', '--queue-url', QueueUrl, '--wait-time-seconds', '1')) as { Messages: { Body: string }[] };
    assert.equal(received.Messages[0].Body, 'hello cli');
    const listed = (await aws('stepfunctions', 'list-state-machines')) as { stateMachines: { name: string }[] };
    assert.deepEqual(listed.stateMachines.map((m) => m.name), ['cli-sm']);
  });

  it('the recorded errors on stderr', async () => {
    const missing = await awsCli(served.url, ['stepfunctions', 'describe-state-machine', '--state-machine-arn', 'not_a_valid_arn']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /An error occurred \(InvalidArn\) when calling the DescribeStateMachine operation( \(reached max retries: 0\))?: Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'/);
    const invalid = await awsCli(served.url, ['stepfunctions', 'create-state-machine', '--name', 'cli-bad', '--definition', '{"StartAt":"A"}', '--role-arn', 'arn:aws:iam::000000000000:role/r']);
    assert.match(invalid.stderr, /An error occurred \(InvalidDefinition\) when calling the CreateStateMachine operation( \(reached max retries: 0\))?: Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: \[States\] at \/'/);
    const noExecution = await awsCli(served.url, ['stepfunctions', 'describe-execution', '--execution-arn', 'arn:aws:states:us-east-1:000000000000:execution:cli-sm:nope']);
    assert.match(noExecution.stderr, /\(ExecutionDoesNotExist\) when calling the DescribeExecution operation( \(reached max retries: 0\))?: Execution Does Not Exist: 'arn:aws:states:us-east-1:000000000000:execution:cli-sm:nope'/);
  });
});
