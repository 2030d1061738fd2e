import assert from 'node:assert/strict';
import { raw, sqsJson } from './support/raw';
import { ServeProcess, startServe } from './support/serve';

/** Requests the fuzz test found answered wrongly, each kept as the test that would have caught it. */
describe('fuzz findings', function () {
  this.timeout(30_000);
  let server: ServeProcess;

  before(async () => {
    server = await startServe();
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it('a JSON member set to null counts as not sent (StartMessageMoveTask with "DestinationArn": null was a 500)', async () => {
    for (const name of ['dlq', 'src']) await raw(server.url, sqsJson('CreateQueue', { QueueName: name }));
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:dlq';
    const redrive = JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '1' });
    await raw(server.url, sqsJson('SetQueueAttributes', { QueueUrl: `${server.url}/000000000000/src`, Attributes: { RedrivePolicy: redrive } }));
    const res = await raw(server.url, sqsJson('StartMessageMoveTask', { SourceArn: dlqArn, DestinationArn: null, MaxNumberOfMessagesPerSecond: 10 }));
    assert.equal(res.status, 200, res.text);
    assert.ok(JSON.parse(res.text).TaskHandle);
    const kinesis = await raw(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' },
      body: JSON.stringify({ Limit: null, ExclusiveStartStreamName: null }),
    });
    assert.equal(kinesis.status, 200, kinesis.text);
    assert.doesNotMatch(server.output(), /InternalFailure/);
  });

  it('a fractional count is a SerializationException, not a 500 (UpdateShardCount with TargetShardCount 1.5)', async () => {
    const kinesis = (action: string, input: unknown) =>
      raw(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Kinesis_20131202.${action}` },
        body: JSON.stringify(input),
      });
    assert.equal((await kinesis('CreateStream', { StreamName: 'fractions', ShardCount: 1 })).status, 200);
    for (const [action, input] of [
      ['UpdateShardCount', { StreamName: 'fractions', TargetShardCount: 1.5, ScalingType: 'UNIFORM_SCALING' }],
      ['CreateStream', { StreamName: 'fractions-2', ShardCount: 2.5 }],
      ['ListShards', { StreamName: 'fractions', MaxResults: 0.5 }],
    ] as const) {
      const res = await kinesis(action, input);
      assert.equal(res.status, 400, `${action}: ${res.text}`);
      assert.equal(JSON.parse(res.text).__type, 'SerializationException');
    }
    const shards = JSON.parse((await kinesis('ListShards', { StreamName: 'fractions' })).text).Shards;
    assert.equal(shards.length, 1, 'the stream was not resharded');
    assert.doesNotMatch(server.output(), /InternalFailure/);
  });
});
