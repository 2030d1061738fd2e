import assert from 'node:assert/strict';
import * as s3 from '@aws-sdk/client-s3';
import * as sfn from '@aws-sdk/client-sfn';
import { SQSClient, CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { credentials, refused, sdkFailure } from './support/clients';
import { serveDuringSuite } from './support/serve';

/**
 * The distributed Map and aws-sdk tasks over the wire: objects put with @aws-sdk/client-s3 are the
 * items a state machine made with @aws-sdk/client-sfn reads; its map run is read and changed with
 * DescribeMapRun / ListMapRuns / UpdateMapRun, its children with ListExecutions; its results land in S3.
 */
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/sfn`;
const DISTRIBUTED = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' };

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Step Functions distributed Map and aws-sdk tasks over the wire', function () {
  this.timeout(90_000);
  const server = serveDuringSuite();
  let client: sfn.SFNClient;
  let storage: s3.S3Client;
  let sqs: SQSClient;

  before(() => {
    client = new sfn.SFNClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1 });
    storage = new s3.S3Client({ endpoint: server.url, forcePathStyle: true, region: REGION, credentials, maxAttempts: 1 });
    sqs = new SQSClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1 });
  });
  after(() => {
    client?.destroy();
    storage?.destroy();
    sqs?.destroy();
  });

  const run = async (name: string, definition: unknown, input: unknown) => {
    const { stateMachineArn } = await client.send(new sfn.CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
    const described = await until(() => client.send(new sfn.DescribeExecutionCommand({ executionArn })), (d) => d.status !== 'RUNNING', 'the execution to end');
    return { executionArn: executionArn!, described };
  };

  it('reads a CSV object put through S3, runs a map run of child executions and writes the results to S3', async () => {
    await storage.send(new s3.CreateBucketCommand({ Bucket: 'dmap-in' }));
    await storage.send(new s3.CreateBucketCommand({ Bucket: 'dmap-out' }));
    await storage.send(new s3.PutObjectCommand({ Bucket: 'dmap-in', Key: 'orders.csv', Body: 'id,amount\n1,10\n2,"2,5"\n3,7\n' }));
    const definition = {
      StartAt: 'Orders',
      States: {
        Orders: {
          Type: 'Map',
          Label: 'orders',
          MaxConcurrency: 2,
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { 'Bucket.$': '$.bucket', Key: 'orders.csv' } },
          ItemBatcher: { MaxItemsPerBatch: 2 },
          ItemProcessor: { ProcessorConfig: DISTRIBUTED, StartAt: 'Count', States: { Count: { Type: 'Pass', Parameters: { 'n.$': 'States.ArrayLength($.Items)' }, End: true } } },
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'dmap-out', Prefix: 'runs' } },
          End: true,
        },
      },
    };
    const { executionArn, described } = await run('dmap-csv', definition, { bucket: 'dmap-in' });
    assert.equal(described.status, 'SUCCEEDED', described.cause);
    const output = JSON.parse(described.output!) as { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } };

    const { mapRuns } = await client.send(new sfn.ListMapRunsCommand({ executionArn }));
    assert.equal(mapRuns?.length, 1);
    const mapRunArn = mapRuns![0].mapRunArn!;
    assert.equal(output.MapRunArn, mapRunArn);
    assert.match(mapRunArn, /^arn:aws:states:us-east-1:000000000000:mapRun:dmap-csv\/orders:[0-9a-f-]{36}$/);
    assert.equal(mapRuns![0].stateMachineArn, `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:dmap-csv/orders`);
    assert.ok(mapRuns![0].startDate instanceof Date && mapRuns![0].stopDate instanceof Date);
    const d = await client.send(new sfn.DescribeMapRunCommand({ mapRunArn }));
    assert.equal(d.status, 'SUCCEEDED');
    assert.equal(d.maxConcurrency, 2);
    assert.equal(d.toleratedFailureCount, 0);
    assert.equal(d.toleratedFailurePercentage, 0);
    assert.deepEqual({ ...d.itemCounts }, { pending: 0, running: 0, succeeded: 3, failed: 0, timedOut: 0, aborted: 0, total: 3, resultsWritten: 3, failuresNotRedrivable: 0, pendingRedrive: 0 });
    assert.equal(d.executionCounts?.total, 2);

    const children = await client.send(new sfn.ListExecutionsCommand({ mapRunArn }));
    assert.equal(children.executions?.length, 2);
    const outputs = await Promise.all(children.executions!.map((c) => client.send(new sfn.DescribeExecutionCommand({ executionArn: c.executionArn }))));
    assert.deepEqual(outputs.map((o) => JSON.parse(o.output!) as unknown).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), [{ n: 1 }, { n: 2 }]);
    assert.ok(outputs.every((o) => o.mapRunArn === mapRunArn));
    // the quoted CSV field kept its comma
    assert.ok(outputs.some((o) => JSON.parse(o.input!).Items.some((i: { amount: string }) => i.amount === '2,5')));

    const history = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn }));
    const started = history.events!.find((e) => e.type === 'MapRunStarted');
    assert.equal(started?.mapRunStartedEventDetails?.mapRunArn, mapRunArn);
    assert.ok(history.events!.some((e) => e.type === 'MapRunSucceeded'));

    const manifest = await storage.send(new s3.GetObjectCommand({ Bucket: 'dmap-out', Key: output.ResultWriterDetails.Key }));
    const files = JSON.parse(await manifest.Body!.transformToString()) as { ResultFiles: { SUCCEEDED: { Key: string }[] } };
    const succeeded = await storage.send(new s3.GetObjectCommand({ Bucket: 'dmap-out', Key: files.ResultFiles.SUCCEEDED[0].Key }));
    assert.equal((JSON.parse(await succeeded.Body!.transformToString()) as unknown[]).length, 2);
  });

  it('lists a bucket as items; UpdateMapRun changes a running map run; AWS-shaped errors for unknown runs', async () => {
    await storage.send(new s3.CreateBucketCommand({ Bucket: 'dmap-list' }));
    for (const key of ['a', 'b', 'c']) await storage.send(new s3.PutObjectCommand({ Bucket: 'dmap-list', Key: `in/${key}`, Body: key }));
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          MaxConcurrency: 1,
          ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'dmap-list', Prefix: 'in/' } },
          ItemProcessor: { ProcessorConfig: DISTRIBUTED, StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, End: true } } },
          End: true,
        },
      },
    };
    const { stateMachineArn } = await client.send(new sfn.CreateStateMachineCommand({ name: 'dmap-list', definition: JSON.stringify(definition), roleArn: ROLE }));
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn }));
    const { mapRuns } = await until(() => client.send(new sfn.ListMapRunsCommand({ executionArn })), (r) => (r.mapRuns?.length ?? 0) > 0, 'the map run');
    const mapRunArn = mapRuns![0].mapRunArn!;
    assert.equal((await client.send(new sfn.DescribeMapRunCommand({ mapRunArn }))).executionCounts?.running, 1);
    await client.send(new sfn.UpdateMapRunCommand({ mapRunArn, maxConcurrency: 0 }));
    const after = await client.send(new sfn.DescribeMapRunCommand({ mapRunArn }));
    assert.equal(after.maxConcurrency, 0);
    assert.equal(after.executionCounts?.running, 3);
    const child = (await client.send(new sfn.ListExecutionsCommand({ mapRunArn }))).executions![0];
    const input = JSON.parse((await client.send(new sfn.DescribeExecutionCommand({ executionArn: child.executionArn }))).input!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(input), ['Etag', 'Key', 'LastModified', 'Size', 'StorageClass']);
    await refused(client.send(new sfn.UpdateMapRunCommand({ mapRunArn, toleratedFailurePercentage: 150 })), 'ValidationException', /toleratedFailurePercentage/);
    const missing = await sdkFailure(client.send(new sfn.DescribeMapRunCommand({ mapRunArn: `${mapRunArn}0` })));
    assert.equal(missing.name, 'ResourceNotFound');
    await client.send(new sfn.StopExecutionCommand({ executionArn }));
    const stopped = await until(() => client.send(new sfn.DescribeMapRunCommand({ mapRunArn })), (r) => r.status !== 'RUNNING', 'the map run to stop');
    assert.equal(stopped.status, 'ABORTED');
  });

  it('aws-sdk tasks reach SQS and S3 through the broker, and name S3 errors as AWS does', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-tasks' }));
    await storage.send(new s3.CreateBucketCommand({ Bucket: 'sdk-tasks' }));
    const definition = {
      StartAt: 'Send',
      States: {
        Send: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sqs:sendMessage', Parameters: { QueueUrl, MessageBody: 'from a task' }, ResultPath: '$.sent', Next: 'Put' },
        Put: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:putObject', Parameters: { Bucket: 'sdk-tasks', Key: 'k', Body: { a: 1 } }, ResultPath: '$.put', Next: 'Missing' },
        Missing: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
          Parameters: { Bucket: 'sdk-tasks', Key: 'nope' },
          Catch: [{ ErrorEquals: ['S3.NoSuchKeyException'], ResultPath: '$.error', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    };
    const { described } = await run('sdk-tasks', definition, {});
    assert.equal(described.status, 'SUCCEEDED', described.cause);
    const out = JSON.parse(described.output!) as { error: { Error: string; Cause: string } };
    assert.equal(out.error.Error, 'S3.NoSuchKeyException');
    assert.match(out.error.Cause, /^The specified key does not exist\. \(Service: S3, Status Code: 404, Request ID: /);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(received.Messages?.[0]?.Body, 'from a task');
    const object = await storage.send(new s3.GetObjectCommand({ Bucket: 'sdk-tasks', Key: 'k' }));
    assert.equal(await object.Body!.transformToString(), '{"a":1}');
  });
});
