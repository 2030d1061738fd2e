import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { collect } from '../../../src/broker/s3/storage';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';
import { fixture } from '../functions/helpers';
import { parseResource } from '../../../src/broker/stepfunctions/tasks';
import { execute, histories, recordedInput, sameHistory, snapshot, template } from './recorded';

/**
 * `aws-sdk:<service>:<action>` tasks recorded against AWS (error_handling/test_aws_sdk,
 * services/test_aws_sdk_task_service), replayed on the broker's own S3 and Step Functions: the same
 * events, the same `S3.NoSuchKeyException`-style error names and the same outputs.
 */
type Setup = (broker: Broker, input: Record<string, unknown>) => Promise<void> | void;

const bucket = (name: string): Setup => async (broker) => {
  await broker.s3.operations.CreateBucket({ Bucket: name });
};
const object = (name: string, key: string, body: string): Setup => async (broker) => {
  await broker.s3.operations.CreateBucket({ Bucket: name });
  await broker.s3.operations.PutObject({ Bucket: name, Key: key, Body: Buffer.from(body) });
};

const CASES: { file: string; test: string; template: string; setup?: Setup }[] = [
  { file: 'error_handling/test_aws_sdk.snapshot.json', test: 'test_no_such_bucket', template: 'errorhandling/aws_sdk_task_error_s3_list_objects.json' },
  { file: 'error_handling/test_aws_sdk.snapshot.json', test: 'test_s3_no_such_key', template: 'errorhandling/aws_sdk_task_error_s3_no_such_key.json', setup: bucket('bucket-name') },
  { file: 'services/test_aws_sdk_task_service.snapshot.json', test: 'test_s3_get_object[str]', template: 'services/aws_sdk_s3_get_object.json', setup: object('bucket-name', 'file_key', 'text data') },
  { file: 'services/test_aws_sdk_task_service.snapshot.json', test: 'test_s3_get_object[empty_str]', template: 'services/aws_sdk_s3_get_object.json', setup: object('bucket-name', 'file_key', '') },
  { file: 'services/test_aws_sdk_task_service.snapshot.json', test: 'test_s3_get_object[binary]', template: 'services/aws_sdk_s3_get_object.json', setup: object('bucket-name', 'file_key', 'binary data') },
  ...['str', 'dict', 'list', 'bool', 'num'].map((k) => ({ file: 'services/test_aws_sdk_task_service.snapshot.json', test: `test_s3_put_object[${k}]`, template: 'services/aws_sdk_s3_put_object.json', setup: bucket('bucket-name') })),
  { file: 'services/test_aws_sdk_task_service.snapshot.json', test: 'test_sfn_send_task_outcome_with_no_such_token[state_machine_template0]', template: 'services/aws_sdk_sfn_send_task_success.json' },
  { file: 'services/test_aws_sdk_task_service.snapshot.json', test: 'test_sfn_send_task_outcome_with_no_such_token[state_machine_template1]', template: 'services/aws_sdk_sfn_send_task_failure.json' },
];

describe('Step Functions aws-sdk tasks recorded against AWS', () => {
  for (const c of CASES) {
    const entry = Object.entries(snapshot(c.file)).find(([key]) => key.split('::').pop() === c.test)![1];
    const events = histories(entry['recorded-content'])[0];
    it(`${c.test} (${c.template})`, async () => {
      const clock = new FakeClock();
      const broker = new Broker({ clock });
      try {
        const input = recordedInput(events) as Record<string, unknown>;
        await c.setup?.(broker, input);
        const { history } = await execute(template(c.template), input, broker, clock);
        sameHistory(events, history);
      } finally {
        broker.dispose();
      }
    });
  }

  it('test_s3_put_object writes the JSON text of the Body, as AWS does (get-s3-object)', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock });
    try {
      await broker.s3.operations.CreateBucket({ Bucket: 'bucket-name' });
      await execute(template('services/aws_sdk_s3_put_object.json'), { Bucket: 'bucket-name', Key: 'file-key', Body: 'text data' }, broker, clock);
      const got = await broker.s3.operations.GetObject({ Bucket: 'bucket-name', Key: 'file-key' });
      assert.equal((await collect(got.Body)).toString(), '"text data"');
      assert.equal(got.version.contentType, 'text/plain; charset=UTF-8');
    } finally {
      broker.dispose();
    }
  });

  it('test_sfn_start_execution: aws-sdk:sfn:startExecution starts the machine and answers in PascalCase', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock });
    try {
      const sfn = broker.stepfunctions.operations;
      const target = sfn.CreateStateMachine({ name: 'target', definition: JSON.stringify(template('base/pass_result.json')), roleArn: 'arn:aws:iam::000000000000:role/sfn' });
      const entry = Object.entries(snapshot('services/test_aws_sdk_task_service.snapshot.json')).find(([key]) => key.endsWith('::test_sfn_start_execution'))![1];
      const events = histories(entry['recorded-content'])[0];
      const input = { ...(recordedInput(events) as Record<string, unknown>), StateMachineArn: target.stateMachineArn };
      const { history, describe } = await execute(template('services/aws_sdk_sfn_start_execution.json'), input, broker, clock);
      sameHistory(events, history);
      assert.deepEqual(Object.keys(JSON.parse(describe.output!) as object), ['ExecutionArn', 'StartDate']);
      assert.equal(sfn.ListExecutions({ stateMachineArn: target.stateMachineArn }).executions[0].name, 'TestStartTarget');
    } finally {
      broker.dispose();
    }
  });

  it('test_sfn_start_execution_implicit_json_serialisation: a JSON Input is sent as its text', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock });
    try {
      const sfn = broker.stepfunctions.operations;
      const target = sfn.CreateStateMachine({ name: 'target', definition: JSON.stringify(template('base/pass_result.json')), roleArn: 'arn:aws:iam::000000000000:role/sfn' });
      const entry = Object.entries(snapshot('services/test_aws_sdk_task_service.snapshot.json')).find(([key]) => key.endsWith('::test_sfn_start_execution_implicit_json_serialisation'))![1];
      const events = histories(entry['recorded-content'])[0];
      // The recorded test puts the target's ARN where the template says `__tbd__`.
      const definition = template('services/aws_sdk_sfn_start_execution_implicit_json_serialisation.json') as { States: { StartTarget: { Parameters: Record<string, unknown> } } };
      definition.States.StartTarget.Parameters.StateMachineArn = target.stateMachineArn;
      const { history } = await execute(definition, recordedInput(events), broker, clock);
      sameHistory(events, history);
      const started = sfn.ListExecutions({ stateMachineArn: target.stateMachineArn }).executions[0];
      assert.equal(sfn.DescribeExecution({ executionArn: started.executionArn }).input, '{"key":"value"}');
    } finally {
      broker.dispose();
    }
  });
});

describe('Step Functions aws-sdk tasks', () => {
  it('reads aws-sdk resources: the service and action in the history details, .waitForTaskToken', () => {
    assert.deepEqual(parseResource('arn:aws:states:::aws-sdk:sqs:sendMessage'), {
      kind: 'service',
      service: 'aws-sdk',
      resource: 'sendMessage',
      resourceType: 'aws-sdk:sqs',
      waitForTaskToken: false,
      sdk: { service: 'sqs', action: 'sendMessage' },
    });
    assert.equal(parseResource('arn:aws:states:::aws-sdk:sns:publish.waitForTaskToken')?.kind, 'service');
    assert.equal(parseResource('arn:aws:states:::aws-sdk:sns'), undefined);
  });

  it('calls SQS, SNS, Kinesis, Firehose and EventBridge through their engines, errors as <Service>.<Code>Exception', async () => {
    const clock = new FakeClock();
    const broker = new Broker({ clock });
    try {
      const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'orders' });
      await broker.kinesis.operations.CreateStream({ StreamName: 'clicks', ShardCount: 1 });
      const definition = {
        StartAt: 'Send',
        States: {
          Send: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sqs:sendMessage', Parameters: { QueueUrl, 'MessageBody.$': '$.body' }, ResultPath: '$.sent', Next: 'Put' },
          Put: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:kinesis:putRecord', Parameters: { StreamName: 'clicks', Data: 'aGk=', PartitionKey: 'k' }, ResultPath: '$.put', Next: 'Events' },
          Events: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:eventbridge:putEvents', Parameters: { Entries: [{ Source: 'shop', DetailType: 'order', Detail: '{}' }] }, ResultPath: '$.events', Next: 'Missing' },
          Missing: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:sqs:getQueueAttributes',
            Parameters: { QueueUrl: `${QueueUrl}-gone` },
            Catch: [{ ErrorEquals: ['Sqs.QueueDoesNotExistException'], ResultPath: '$.error', Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Succeed' },
        },
      };
      const { describe } = await execute(definition, { body: 'hello' }, broker, clock);
      assert.equal(describe.status, 'SUCCEEDED', describe.cause);
      const out = JSON.parse(describe.output!) as Record<string, Record<string, unknown>>;
      assert.match(String(out.sent.MessageId), /^[0-9a-f-]{36}$/);
      assert.equal(out.put.ShardId, 'shardId-000000000000');
      assert.equal(out.events.FailedEntryCount, 0);
      assert.equal(out.error.Error, 'Sqs.QueueDoesNotExistException');
      assert.match(String(out.error.Cause), /^The specified queue does not exist.* \(Service: Sqs, Status Code: 400, Request ID: [0-9a-f-]{36}\) \(SDK Attempt Count: 1\)$/);
      const received = broker.sqs.operations.ReceiveMessage({ QueueUrl });
      assert.equal((await received).Messages?.[0]?.Body, 'hello');
    } finally {
      broker.dispose();
    }
  });

  it('aws-sdk:lambda:invoke runs a local function: its Payload as JSON text, an error as FunctionError, a missing one Lambda.ResourceNotFoundException', async function () {
    this.timeout(30_000);
    const broker = new Broker({ functionRunner: new NodeInvocationRunner() });
    try {
      broker.functions.create({ name: 'echo', module: fixture('ok.cjs') });
      broker.functions.create({ name: 'fails', module: fixture('throwing.cjs') });
      const task = (fn: string, next: Record<string, unknown>) => ({ Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:lambda:invoke', Parameters: { FunctionName: fn, 'Payload.$': '$.in' }, ...next });
      const definition = {
        StartAt: 'Echo',
        States: {
          Echo: task('echo', { ResultPath: '$.echo', Next: 'Fails' }),
          Fails: task('fails', { ResultPath: '$.fails', Next: 'Missing' }),
          Missing: task('nope', { Catch: [{ ErrorEquals: ['Lambda.ResourceNotFoundException'], ResultPath: '$.missing', Next: 'Done' }], End: true }),
          Done: { Type: 'Succeed' },
        },
      };
      const sfn = broker.stepfunctions.operations;
      const { stateMachineArn } = sfn.CreateStateMachine({ name: 'sdk-lambda', definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::000000000000:role/r' });
      const { executionArn } = sfn.StartExecution({ stateMachineArn, input: '{"in":{"n":1}}' });
      await broker.stepfunctions.executions.get(executionArn)!.run.done;
      const d = sfn.DescribeExecution({ executionArn });
      assert.equal(d.status, 'SUCCEEDED', d.cause);
      const out = JSON.parse(d.output!) as Record<string, Record<string, unknown>>;
      assert.equal(out.echo.StatusCode, 200);
      assert.deepEqual((JSON.parse(String(out.echo.Payload)) as { event: unknown }).event, { n: 1 });
      assert.equal(out.fails.FunctionError, 'Unhandled');
      assert.equal((JSON.parse(String(out.fails.Payload)) as { errorMessage: string }).errorMessage, 'cannot process event');
      assert.equal(out.missing.Error, 'Lambda.ResourceNotFoundException');
    } finally {
      broker.dispose();
    }
  });

  it('fails an action this broker does not have with <Service>.SdkClientException, catchable as States.TaskFailed', async () => {
    const definition = {
      StartAt: 'Put',
      States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:putItem', Parameters: { TableName: 't' }, End: true } },
    };
    const { describe } = await execute(definition, {});
    assert.equal(describe.status, 'FAILED');
    assert.equal(describe.error, 'Dynamodb.SdkClientException');
  });
});
