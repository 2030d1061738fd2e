import assert from 'node:assert/strict';
import * as k from '@aws-sdk/client-kinesis';
import { Decoder } from 'cbor-x';
import { awsCli, credentials, refused } from './support/clients';
import { raw, type RawRequest } from './support/raw';
import { ServeProcess, startServe } from './support/serve';

/**
 * Issue 25, Kinesis: the differences a peer suite written against AWS and real clients found, checked with
 * @aws-sdk/client-kinesis, the AWS CLI and raw HTTP (for requests no SDK would send).
 */
describe('Kinesis fidelity to AWS (issue 25)', function () {
  this.timeout(60_000);
  let server: ServeProcess;
  let client: k.KinesisClient;
  const cbor = new Decoder({ mapsAsObjects: true, useRecords: false });

  before(async () => {
    server = await startServe();
    client = new k.KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    assert.equal(await server.stop(), 0);
  });

  const json = (target: string | undefined, body: string | undefined, contentType = 'application/x-amz-json-1.1'): RawRequest => ({
    method: 'POST',
    headers: {
      ...(contentType ? { 'content-type': contentType } : {}),
      ...(target ? { 'x-amz-target': target } : {}),
    },
    body,
  });
  const totalShards = async (StreamName: string) => (await client.send(new k.ListShardsCommand({ StreamName }))).Shards!.length;

  describe('resharding', () => {
    it('UpdateShardCount on an ON_DEMAND stream is a ValidationException, with the SDK and the CLI', async () => {
      await client.send(new k.CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
      await refused(
        client.send(new k.UpdateShardCountCommand({ StreamName: 'od', TargetShardCount: 8, ScalingType: 'UNIFORM_SCALING' })),
        'ValidationException',
        /ON_DEMAND/,
      );
      const cli = await awsCli(server.url, ['kinesis', 'update-shard-count', '--stream-name', 'od', '--target-shard-count', '8', '--scaling-type', 'UNIFORM_SCALING']);
      assert.notEqual(cli.code, 0);
      assert.match(cli.stderr, /\(ValidationException\) when calling the UpdateShardCount operation/);
    });

    it('SplitShard and MergeShards on a closed shard say the one AWS text', async () => {
      await client.send(new k.CreateStreamCommand({ StreamName: 'closed', ShardCount: 2 }));
      await client.send(new k.MergeShardsCommand({ StreamName: 'closed', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }));
      const text =
        'Shard shardId-000000000000 in stream closed under account 000000000000 has already been merged or split, ' +
        'and thus is not eligible for merging or splitting.';
      await refused(
        client.send(new k.SplitShardCommand({ StreamName: 'closed', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '5' })),
        'InvalidArgumentException',
        text,
      );
      await refused(
        client.send(new k.MergeShardsCommand({ StreamName: 'closed', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' })),
        'InvalidArgumentException',
        text,
      );
    });

    it('UNIFORM_SCALING leaves as many shards in all as AWS: 37 from 10 to 13, 7 from 5 to 3', async () => {
      for (const [StreamName, from, to, total] of [['up', 10, 13, 37], ['down', 5, 3, 7]] as const) {
        await client.send(new k.CreateStreamCommand({ StreamName, ShardCount: from }));
        const out = await client.send(new k.UpdateShardCountCommand({ StreamName, TargetShardCount: to, ScalingType: 'UNIFORM_SCALING' }));
        assert.deepEqual([out.CurrentShardCount, out.TargetShardCount], [from, to]);
        assert.equal(await totalShards(StreamName), total, StreamName);
        const open = await client.send(new k.ListShardsCommand({ StreamName, ShardFilter: { Type: 'AT_LATEST' } }));
        assert.equal(open.Shards!.length, to);
      }
    });
  });

  describe('request validation', () => {
    it('quotes a PutRecords of 501 entries as Java object names, never [object Object]', async () => {
      const Records = Array.from({ length: 501 }, (_, i) => ({ PartitionKey: `k${i}`, Data: Buffer.from('x') }));
      await refused(client.send(new k.PutRecordsCommand({ StreamName: 'any', Records })), 'ValidationException', /PutRecordsRequestEntry@/);
      const res = await raw(server.url, json('Kinesis_20131202.PutRecords', JSON.stringify({ StreamName: 'any', Records: Records.map((r) => ({ ...r, Data: 'eA==' })) })));
      assert.doesNotMatch(res.text, /object Object/);
      assert.match(JSON.parse(res.text).message, /^1 validation error detected: Value '\[com\.amazonaws\.kinesis\.v20131202\.PutRecordsRequestEntry@[0-9a-f]+, /);
    });

    it('lists every constraint failure in one ValidationException, in AWS order', async () => {
      await refused(
        client.send(new k.CreateStreamCommand({ StreamName: 'bad name', ShardCount: 0 })),
        'ValidationException',
        "2 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          "Value 'bad name' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      );
    });

    it('a member of the wrong JSON type is a SerializationException worded as AWS, before any other check', async () => {
      const cases: [string, unknown, string][] = [
        ['CreateStream', { StreamName: true, ShardCount: 0 }, 'class java.lang.Boolean can not be converted to an String'],
        ['CreateStream', { StreamName: 'bad name', ShardCount: 0, Tags: 'x' }, 'Expected map or null'],
        ['PutRecords', { StreamName: 'missing', Records: 5 }, 'Expected list or null'],
        ['CreateStream', { StreamName: 's', StreamModeDetails: 'ON_DEMAND' }, 'Expected null'],
        ['DescribeStream', { StreamName: 'missing', Limit: '5' }, 'class java.lang.String can not be converted to an Integer'],
      ];
      for (const [action, body, message] of cases) {
        const res = await raw(server.url, json(`Kinesis_20131202.${action}`, JSON.stringify(body)));
        assert.equal(res.status, 400, res.text);
        assert.deepEqual(JSON.parse(res.text), { __type: 'SerializationException', Message: message }, action);
      }
    });

    it('reads any <text>-<digits> as a shard number and words misses as AWS', async () => {
      await client.send(new k.CreateStreamCommand({ StreamName: 'ids', ShardCount: 2 }));
      const it = await client.send(new k.GetShardIteratorCommand({ StreamName: 'ids', ShardId: 'shard-1', ShardIteratorType: 'TRIM_HORIZON' }));
      assert.ok(it.ShardIterator);
      await refused(
        client.send(new k.GetShardIteratorCommand({ StreamName: 'nowhere', ShardId: 'abc', ShardIteratorType: 'LATEST' })),
        'ResourceNotFoundException',
        'Could not find shard abc in stream nowhere under account 000000000000.',
      );
      await refused(
        client.send(new k.SplitShardCommand({ StreamName: 'ids', ShardToSplit: 'shard-9', NewStartingHashKey: '5' })),
        'ResourceNotFoundException',
        'Could not find shard shardId-000000000009 in stream ids under account 000000000000.',
      );
    });

    it('refuses tag characters AWS refuses and takes %, with the SDK and the CLI', async () => {
      await client.send(new k.CreateStreamCommand({ StreamName: 'tagged', ShardCount: 1 }));
      const refusedText = 'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @ :.';
      for (const bad of ['a;b', 'a,b', 'a\tb', 'a\nb']) {
        await refused(client.send(new k.AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { k: bad } })), 'InvalidArgumentException', refusedText);
      }
      const cli = await awsCli(server.url, ['kinesis', 'add-tags-to-stream', '--stream-name', 'tagged', '--tags', 'k=a;b']);
      assert.notEqual(cli.code, 0);
      assert.match(cli.stderr, /InvalidArgumentException/);
      await client.send(new k.AddTagsToStreamCommand({ StreamName: 'tagged', Tags: { '100%': 'ok' } }));
      const tags = await client.send(new k.ListTagsForStreamCommand({ StreamName: 'tagged' }));
      assert.deepEqual(tags.Tags, [{ Key: '100%', Value: 'ok' }]);
    });
  });

  describe('bare answers of the front end', () => {
    it('an unknown operation or no target is a bare UnknownOperationException', async () => {
      for (const target of ['Kinesis_20131202.ListStream', undefined, 'Nope.ListStreams']) {
        const res = await raw(server.url, json(target, '{}'));
        assert.equal(res.status, 400, String(target));
        assert.deepEqual(JSON.parse(res.text), { __type: 'UnknownOperationException' }, String(target));
      }
    });

    it('an empty body is a bare SerializationException; in CBOR when the request was not JSON', async () => {
      const empty = await raw(server.url, json('Kinesis_20131202.ListStreams', undefined));
      assert.equal(empty.status, 400);
      assert.equal(empty.headers['content-type'], 'application/x-amz-json-1.1');
      assert.deepEqual(JSON.parse(empty.text), { __type: 'SerializationException' });

      const noType = await raw(server.url, json('Kinesis_20131202.ListStreams', undefined, ''));
      assert.equal(noType.status, 400);
      assert.equal(noType.headers['content-type'], 'application/x-amz-cbor-1.1');
      assert.deepEqual(cbor.decode(noType.body), { __type: 'SerializationException' });

      const unknown = await raw(server.url, json('Kinesis_20131202.ListStream', undefined, ''));
      assert.deepEqual(cbor.decode(unknown.body), { __type: 'UnknownOperationException' });
    });

    it('actions AWS answers with an empty body answer with an empty body, not {}', async () => {
      const res = await raw(server.url, json('Kinesis_20131202.CreateStream', JSON.stringify({ StreamName: 'empty-answer', ShardCount: 1 })));
      assert.equal(res.status, 200);
      assert.equal(res.text, '');
      assert.equal(res.headers['content-length'], '0');
      const listed = await raw(server.url, json('Kinesis_20131202.ListStreams', '{}'));
      assert.ok(JSON.parse(listed.text).StreamNames.includes('empty-answer'), 'actions with output still answer JSON');
    });
  });

  describe('browser clients', () => {
    it('answers an OPTIONS preflight from an allowed origin as AWS does; other origins stay refused', async () => {
      const preflight = await raw(server.url, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:3000', 'access-control-request-headers': 'content-type, x-amz-target', 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.status, 200);
      assert.equal(preflight.headers['access-control-allow-origin'], '*');
      assert.equal(preflight.headers['access-control-allow-headers'], 'content-type, x-amz-target');
      assert.equal(preflight.headers['access-control-allow-methods'], 'POST');
      assert.equal(preflight.headers['access-control-max-age'], '172800');
      assert.equal(preflight.text, '');

      const list = json('Kinesis_20131202.ListStreams', '{}');
      const call = await raw(server.url, { ...list, headers: { ...list.headers, origin: 'http://localhost:3000' } });
      assert.equal(call.status, 200);
      assert.equal(call.headers['access-control-allow-origin'], '*');
      assert.match(String(call.headers['access-control-expose-headers']), /x-amzn-RequestId/);

      const foreign = await raw(server.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
      assert.equal(foreign.status, 403);
      assert.equal(foreign.headers['access-control-allow-origin'], undefined);
    });
  });
});

describe('Kinesis stream status transitions with serve --stream-create-delay-ms (issue 25)', function () {
  this.timeout(60_000);
  let server: ServeProcess;
  let client: k.KinesisClient;

  before(async () => {
    server = await startServe(['--stream-create-delay-ms', '400']);
    client = new k.KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    assert.equal(await server.stop(), 0);
  });

  const status = async (StreamName: string) =>
    (await client.send(new k.DescribeStreamSummaryCommand({ StreamName }))).StreamDescriptionSummary!.StreamStatus;

  it('streams pass through CREATING, and UPDATING on a reshard, before ACTIVE; the SDK waiter waits for it', async () => {
    await client.send(new k.CreateStreamCommand({ StreamName: 'slow', ShardCount: 1 }));
    assert.equal(await status('slow'), 'CREATING');
    await k.waitUntilStreamExists({ client, maxWaitTime: 20, minDelay: 1 }, { StreamName: 'slow' });
    assert.equal(await status('slow'), 'ACTIVE');
    await client.send(new k.UpdateShardCountCommand({ StreamName: 'slow', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }));
    assert.equal(await status('slow'), 'UPDATING');
    await k.waitUntilStreamExists({ client, maxWaitTime: 20, minDelay: 1 }, { StreamName: 'slow' });
    assert.equal(await status('slow'), 'ACTIVE');
  });

  it('refuses a delay that is not a whole number of milliseconds', async () => {
    const bad = await startServe(['--stream-create-delay-ms', 'soon']).then(
      (s) => s.stop().then(() => 'started'),
      (e: Error) => e.message,
    );
    assert.match(bad, /--stream-create-delay-ms must be a whole number of milliseconds, not "soon"/);
  });
});
