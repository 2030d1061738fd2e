import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import { collect } from '../../../src/broker/s3/storage';
import { batches, csvRows } from '../../../src/broker/stepfunctions/distributed-map';
import { execute, sameValue, snapshot } from './recorded';

/**
 * The distributed Map: items from S3 through the broker's S3 engine, child executions of a map run,
 * its counts (DescribeMapRun, compared with test_sfn_api_map_run's recording), batching, tolerated
 * failures, UpdateMapRun and ResultWriter.
 */
const DISTRIBUTED = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' };
const ROLE = 'arn:aws:iam::000000000000:role/sfn';

async function withBroker(f: (broker: Broker, clock: FakeClock) => Promise<void>): Promise<void> {
  const clock = new FakeClock();
  const broker = new Broker({ clock });
  try {
    await f(broker, clock);
  } finally {
    broker.dispose();
  }
}

async function put(broker: Broker, bucket: string, key: string, body: string): Promise<void> {
  await broker.s3.operations.CreateBucket({ Bucket: bucket }).catch(() => undefined);
  await broker.s3.operations.PutObject({ Bucket: bucket, Key: key, Body: Buffer.from(body) });
}

const readerMap = (reader: Record<string, unknown>, extra: Record<string, unknown> = {}, inner: Record<string, unknown> = { Type: 'Pass', End: true }) => ({
  StartAt: 'MapState',
  States: {
    MapState: {
      Type: 'Map',
      ItemReader: reader,
      ItemProcessor: { ProcessorConfig: DISTRIBUTED, StartAt: 'Inner', States: { Inner: inner } },
      End: true,
      ...extra,
    },
  },
});

describe('Step Functions distributed Map', () => {
  it('reads a CSV object with its header row; ListMapRuns and DescribeMapRun answer as recorded (test_list_map_runs_and_describe_map_run)', () =>
    withBroker(async (broker, clock) => {
      await put(broker, 'bucket-name', 'file.csv', 'Col1,Col2,Col3\nValue1,Value2,Value3\nValue4,Value5,Value6');
      // LocalStack's MAP_ITEM_READER_BASE_CSV_HEADERS_FIRST_LINE template, which the recording ran (not in the reference).
      const definition = readerMap(
        { ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Resource: 'arn:aws:states:::s3:getObject', Parameters: { 'Bucket.$': '$.Bucket', 'Key.$': '$.Key' } },
        { MaxConcurrency: 1 },
      );
      const { describe, history, executionArn } = await execute(definition, { Bucket: 'bucket-name', Key: 'file.csv' }, broker, clock);
      assert.equal(describe.status, 'SUCCEEDED', describe.cause);
      assert.deepEqual(JSON.parse(describe.output!), [
        { Col1: 'Value1', Col2: 'Value2', Col3: 'Value3' },
        { Col1: 'Value4', Col2: 'Value5', Col3: 'Value6' },
      ]);
      assert.deepEqual(
        history.map((e) => e.type),
        ['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded'],
      );
      const sfn = broker.stepfunctions.operations;
      const recorded = Object.values(snapshot('test_sfn_api_map_run.snapshot.json'))[0]['recorded-content'] as Record<string, Record<string, unknown>>;
      const list = sfn.ListMapRuns({ executionArn });
      const strip = (v: Record<string, unknown>) => JSON.parse(JSON.stringify({ ...v, ResponseMetadata: undefined, redriveCount: undefined })) as unknown;
      const withDates = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'startDate' ? 'start-date' : k === 'stopDate' ? 'stop-date' : x))) as unknown;
      sameValue(strip(recorded.list_map_runs), withDates(list), 'list_map_runs');
      const mapRunArn = list.mapRuns[0].mapRunArn;
      assert.match(mapRunArn, /^arn:aws:states:us-east-1:000000000000:mapRun:sm-[a-z0-9]+\/MapState:[0-9a-f-]{36}$/);
      const described = sfn.DescribeMapRun({ mapRunArn }) as unknown as Record<string, unknown>;
      assert.equal(described.redriveCount, 0);
      const counts = (c: Record<string, unknown>) => ({ ...c, failuresNotRedrivable: undefined, pendingRedrive: undefined });
      sameValue(strip(recorded.describe_map_run), withDates({ ...strip(described as Record<string, unknown>) as object, itemCounts: counts(described.itemCounts as Record<string, unknown>), executionCounts: counts(described.executionCounts as Record<string, unknown>) }), 'describe_map_run');
      // The children are executions of the map run's machine, listed by its ARN.
      const children = sfn.ListExecutions({ mapRunArn });
      assert.equal(children.executions.length, 2);
      for (const child of children.executions) {
        assert.equal(child.mapRunArn, mapRunArn);
        assert.equal(child.stateMachineArn, list.mapRuns[0].stateMachineArn);
        assert.equal(sfn.DescribeExecution({ executionArn: child.executionArn }).mapRunArn, mapRunArn);
      }
      assert.deepEqual(
        sfn.GetExecutionHistory({ executionArn: children.executions[0].executionArn }).events.map((e) => e.type),
        ['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded'],
      );
    }));

  it('reads JSON arrays, JSON Lines and bucket listings; MaxItems cuts them', () =>
    withBroker(async (broker, clock) => {
      await put(broker, 'items', 'a.json', JSON.stringify([{ n: 1 }, { n: 2 }, { n: 3 }]));
      await put(broker, 'items', 'b.jsonl', '{"n":1}\n{"n":2}\n\n');
      const json = await execute(readerMap({ Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON', MaxItems: 2 }, Parameters: { Bucket: 'items', Key: 'a.json' } }), {}, broker, clock);
      assert.deepEqual(JSON.parse(json.describe.output!), [{ n: 1 }, { n: 2 }]);
      const lines = await execute(readerMap({ Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'items', Key: 'b.jsonl' } }), {}, broker, clock);
      assert.deepEqual(JSON.parse(lines.describe.output!), [{ n: 1 }, { n: 2 }]);
      const listing = await execute(readerMap({ Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'items', Prefix: 'b' } }), {}, broker, clock);
      const [object] = JSON.parse(listing.describe.output!) as Record<string, unknown>[];
      assert.deepEqual(Object.keys(object), ['Etag', 'Key', 'LastModified', 'Size', 'StorageClass']);
      assert.equal(object.Key, 'b.jsonl');
      assert.equal(object.Size, 17);
      assert.equal(typeof object.LastModified, 'number');
    }));

  it('fails with States.ItemReaderFailed when the object is missing, catchable', () =>
    withBroker(async (broker, clock) => {
      await broker.s3.operations.CreateBucket({ Bucket: 'empty' });
      const definition = readerMap({ Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'empty', Key: 'none.json' } });
      const { describe } = await execute(definition, {}, broker, clock);
      assert.equal(describe.status, 'FAILED');
      assert.equal(describe.error, 'States.ItemReaderFailed');
      assert.equal(describe.cause, 'The specified key does not exist.');
    }));

  it('runs in JSONata: ItemReader Arguments, ItemSelector and MaxConcurrency as expressions, children in JSONata too', () =>
    withBroker(async (broker, clock) => {
      await put(broker, 'jsonata', 'items.json', JSON.stringify([1, 2, 3]));
      const definition = {
        QueryLanguage: 'JSONata',
        StartAt: 'MapState',
        States: {
          MapState: {
            Type: 'Map',
            MaxConcurrency: '{% $states.input.limit %}',
            ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Arguments: { Bucket: '{% $states.input.bucket %}', Key: 'items.json' } },
            ItemSelector: { value: '{% $states.context.Map.Item.Value %}', index: '{% $states.context.Map.Item.Index %}' },
            ItemProcessor: { ProcessorConfig: DISTRIBUTED, StartAt: 'Double', States: { Double: { Type: 'Pass', Output: '{% $states.input.value * 2 + $states.input.index %}', End: true } } },
            End: true,
          },
        },
      };
      const { describe, executionArn } = await execute(definition, { bucket: 'jsonata', limit: 2 }, broker, clock);
      assert.equal(describe.status, 'SUCCEEDED', describe.cause);
      assert.deepEqual(JSON.parse(describe.output!), [2, 5, 8]);
      const sfn = broker.stepfunctions.operations;
      assert.equal(sfn.DescribeMapRun({ mapRunArn: sfn.ListMapRuns({ executionArn }).mapRuns[0].mapRunArn }).maxConcurrency, 2);
    }));

  it('batches items with BatchInput, ItemSelector applied to each item first', () =>
    withBroker(async (broker, clock) => {
      const definition = {
        StartAt: 'MapState',
        States: {
          MapState: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' },
            ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'tag.$': '$.tag' } },
            ItemProcessor: { ProcessorConfig: DISTRIBUTED, StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      };
      const { describe, executionArn } = await execute(definition, { items: ['a', 'b', 'c'], tag: 'T' }, broker, clock);
      assert.deepEqual(JSON.parse(describe.output!), [
        { BatchInput: { tag: 'T' }, Items: [{ v: 'a', i: 0 }, { v: 'b', i: 1 }] },
        { BatchInput: { tag: 'T' }, Items: [{ v: 'c', i: 2 }] },
      ]);
      const sfn = broker.stepfunctions.operations;
      const run = sfn.DescribeMapRun({ mapRunArn: sfn.ListMapRuns({ executionArn }).mapRuns[0].mapRunArn });
      assert.equal(run.itemCounts.total, 3);
      assert.equal(run.itemCounts.succeeded, 3);
      assert.equal(run.executionCounts.total, 2);
      assert.equal(run.executionCounts.succeeded, 2);
    }));

  it('tolerates failures up to ToleratedFailureCount, then fails the run with States.ExceedToleratedFailureThreshold', () =>
    withBroker(async (broker, clock) => {
      const inner = { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Ok' }], Default: 'Boom' };
      const definition = (tolerated: number) => ({
        StartAt: 'MapState',
        States: {
          MapState: {
            Type: 'Map',
            ToleratedFailureCount: tolerated,
            ItemProcessor: { ProcessorConfig: DISTRIBUTED, StartAt: 'Check', States: { Check: inner, Ok: { Type: 'Succeed' }, Boom: { Type: 'Fail', Error: 'Bad', Cause: 'bad item' } } },
            End: true,
          },
        },
      });
      const items = [{ ok: true }, { ok: false }, { ok: true }, { ok: false }];
      const tolerated = await execute(definition(2), items, broker, clock);
      assert.equal(tolerated.describe.status, 'SUCCEEDED');
      assert.deepEqual(JSON.parse(tolerated.describe.output!), [{ ok: true }, { Error: 'Bad', Cause: 'bad item' }, { ok: true }, { Error: 'Bad', Cause: 'bad item' }]);
      const failed = await execute(definition(1), items, broker, clock);
      assert.equal(failed.describe.status, 'FAILED');
      assert.equal(failed.describe.error, 'States.ExceedToleratedFailureThreshold');
      const runFailed = failed.history.find((e) => e.type === 'MapRunFailed');
      assert.deepEqual(runFailed?.mapRunFailedEventDetails, { error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' });
      const sfn = broker.stepfunctions.operations;
      const run = sfn.DescribeMapRun({ mapRunArn: sfn.ListMapRuns({ executionArn: failed.executionArn }).mapRuns[0].mapRunArn });
      assert.equal(run.status, 'FAILED');
      assert.equal(run.toleratedFailureCount, 1);
      assert.equal(run.itemCounts.failed, 2);
    }));

  it('runs at most MaxConcurrency children at once; UpdateMapRun raises it while the run goes on', () =>
    withBroker(async (broker, clock) => {
      const sfn = broker.stepfunctions.operations;
      const definition = {
        StartAt: 'MapState',
        States: {
          MapState: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: { ProcessorConfig: DISTRIBUTED, StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 60, End: true } } }, End: true },
        },
      };
      const { stateMachineArn } = sfn.CreateStateMachine({ name: 'hold', definition: JSON.stringify(definition), roleArn: ROLE });
      const { executionArn } = sfn.StartExecution({ stateMachineArn, input: '[1,2,3,4]' });
      await new Promise((r) => setImmediate(r));
      const mapRunArn = sfn.ListMapRuns({ executionArn }).mapRuns[0].mapRunArn;
      assert.equal(sfn.DescribeMapRun({ mapRunArn }).executionCounts.running, 1);
      assert.equal(sfn.DescribeMapRun({ mapRunArn }).executionCounts.pending, 3);
      sfn.UpdateMapRun({ mapRunArn, maxConcurrency: 3 });
      assert.equal(sfn.DescribeMapRun({ mapRunArn }).executionCounts.running, 3);
      assert.equal(sfn.DescribeMapRun({ mapRunArn }).maxConcurrency, 3);
      assert.throws(() => sfn.UpdateMapRun({ mapRunArn, toleratedFailurePercentage: 101 }), /Member must have value less than or equal to 100/);
      assert.throws(() => sfn.DescribeMapRun({ mapRunArn: `${mapRunArn}x` }), (e: Error & { code?: string }) => e.code === 'ResourceNotFound');
      // Stopping the parent stops its children and the run.
      sfn.StopExecution({ executionArn });
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      assert.equal(sfn.DescribeMapRun({ mapRunArn }).status, 'ABORTED');
      assert.ok(sfn.ListExecutions({ mapRunArn }).executions.every((e) => e.status === 'ABORTED'));
      clock.advance(0);
    }));

  it('RedriveExecution takes up the failed map run: the children that succeeded are kept, the others redriven', () =>
    withBroker(async (broker, clock) => {
      const sfn = broker.stepfunctions.operations;
      await put(broker, 'redrive', 'ok-1', 'one');
      const definition = {
        StartAt: 'MapState',
        States: {
          MapState: {
            Type: 'Map',
            // one at a time: the first succeeds, the second fails the run, the third never starts
            MaxConcurrency: 1,
            ItemProcessor: {
              ProcessorConfig: DISTRIBUTED,
              StartAt: 'Read',
              States: { Read: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', Parameters: { Bucket: 'redrive', 'Key.$': "States.Format('ok-{}', $)" }, ResultSelector: { 'body.$': '$.Body' }, End: true } },
            },
            End: true,
          },
        },
      };
      const first = await execute(definition, [1, 2, 3], broker, clock);
      assert.equal(first.describe.status, 'FAILED');
      const mapRunArn = sfn.ListMapRuns({ executionArn: first.executionArn }).mapRuns[0].mapRunArn;
      const before = sfn.ListExecutions({ mapRunArn }).executions;
      assert.deepEqual(before.map((e) => e.status).sort(), ['FAILED', 'SUCCEEDED']);
      assert.equal(sfn.DescribeMapRun({ mapRunArn }).itemCounts.pending, 1);
      const succeededChild = before.find((e) => e.status === 'SUCCEEDED')!.executionArn;
      await put(broker, 'redrive', 'ok-2', 'two');
      await put(broker, 'redrive', 'ok-3', 'three');

      sfn.RedriveExecution({ executionArn: first.executionArn });
      await broker.stepfunctions.executions.get(first.executionArn)!.run.done;
      const after = sfn.DescribeExecution({ executionArn: first.executionArn });
      assert.equal(after.status, 'SUCCEEDED', after.cause);
      assert.deepEqual(JSON.parse(after.output!), [{ body: 'one' }, { body: 'two' }, { body: 'three' }]);
      // the same map run and children, not new ones
      assert.deepEqual(sfn.ListMapRuns({ executionArn: first.executionArn }).mapRuns.map((r) => r.mapRunArn), [mapRunArn]);
      const run = sfn.DescribeMapRun({ mapRunArn });
      assert.equal(run.status, 'SUCCEEDED');
      assert.equal(run.redriveCount, 1);
      assert.ok(run.redriveDate instanceof Date);
      assert.equal(run.itemCounts.succeeded, 3);
      const children = sfn.ListExecutions({ mapRunArn }).executions;
      assert.equal(children.length, 3);
      assert.ok(before.every((b) => children.some((c) => c.executionArn === b.executionArn)));
      assert.equal(sfn.DescribeExecution({ executionArn: succeededChild }).redriveCount, 0);
      const failedChild = before.find((e) => e.status === 'FAILED')!.executionArn;
      assert.equal(sfn.DescribeExecution({ executionArn: failedChild }).redriveCount, 1);
      const types = sfn.GetExecutionHistory({ executionArn: first.executionArn, maxResults: 1000 }).events.map((e) => e.type);
      assert.deepEqual(types.slice(types.indexOf('ExecutionRedriven')), ['ExecutionRedriven', 'MapStateEntered', 'MapStateStarted', 'MapRunRedriven', 'MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
    }));

  it('ResultWriter writes the manifest and the SUCCEEDED and FAILED files to S3 and outputs where', () =>
    withBroker(async (broker, clock) => {
      await broker.s3.operations.CreateBucket({ Bucket: 'results' });
      const definition = {
        StartAt: 'MapState',
        States: {
          MapState: {
            Type: 'Map',
            ToleratedFailurePercentage: 50,
            ItemProcessor: {
              ProcessorConfig: DISTRIBUTED,
              StartAt: 'Check',
              States: { Check: { Type: 'Choice', Choices: [{ Variable: '$', NumericGreaterThan: 1, Next: 'Boom' }], Default: 'Ok' }, Ok: { Type: 'Pass', End: true }, Boom: { Type: 'Fail', Error: 'Big' } },
            },
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'out' } },
            End: true,
          },
        },
      };
      const { describe } = await execute(definition, [1, 2], broker, clock);
      assert.equal(describe.status, 'SUCCEEDED', describe.cause);
      const output = JSON.parse(describe.output!) as { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } };
      const id = output.MapRunArn.slice(output.MapRunArn.lastIndexOf(':') + 1);
      assert.deepEqual(output.ResultWriterDetails, { Bucket: 'results', Key: `out/${id}/manifest.json` });
      const read = async (key: string) => JSON.parse((await collect((await broker.s3.operations.GetObject({ Bucket: 'results', Key: key })).Body)).toString()) as unknown;
      const manifest = (await read(`out/${id}/manifest.json`)) as { ResultFiles: Record<string, { Key: string }[]>; MapRunArn: string };
      assert.equal(manifest.MapRunArn, output.MapRunArn);
      assert.deepEqual(manifest.ResultFiles.PENDING, []);
      const succeeded = (await read(manifest.ResultFiles.SUCCEEDED[0].Key)) as Record<string, unknown>[];
      assert.equal(succeeded.length, 1);
      assert.equal(succeeded[0].Output, '1');
      assert.equal(succeeded[0].Status, 'SUCCEEDED');
      const failed = (await read(manifest.ResultFiles.FAILED[0].Key)) as Record<string, unknown>[];
      assert.equal(failed[0].Error, 'Big');
      assert.equal(failed[0].Input, '2');
    }));

  it('refuses a bad Map Label in AWS\'s words (test_map_state_label_*_fail, every recorded character)', () =>
    withBroker(async (broker) => {
      const cases = Object.entries(snapshot('test_sfn_api_map_run.snapshot.json')).filter(([key]) => key.includes('label'));
      assert.ok(cases.length > 60, `${cases.length} cases`);
      for (const [key, entry] of cases) {
        const recorded = Object.values(entry['recorded-content'])[0] as { Error: { Code: string; Message: string } };
        const message = recorded.Error.Message;
        // The recording quotes the definition it sent: send the same text.
        const definition = message.slice(message.indexOf(" in definition '") + " in definition '".length, -2);
        assert.throws(
          () => broker.stepfunctions.operations.CreateStateMachine({ name: 'labels', definition, roleArn: ROLE }),
          (e: Error & { code?: string }) => {
            assert.equal(e.code, recorded.Error.Code, key);
            assert.equal(e.message, message, key);
            return true;
          },
        );
      }
    }));

  it('parses quoted CSV fields and groups batches by bytes', () => {
    assert.deepEqual(csvRows('a,"b,c","say ""hi"""\r\n\n1,2,"x\ny"\n', ','), [
      ['a', 'b,c', 'say "hi"'],
      ['1', '2', 'x\ny'],
    ]);
    assert.deepEqual(csvRows('a|b\n', '|'), [['a', 'b']]);
    const grouped = batches(['aaaa', 'bbbb', 'cccc'], { MaxInputBytesPerBatch: 14 });
    assert.deepEqual(grouped.map((g) => g.size), [2, 1]);
  });
});
