import assert from 'node:assert/strict';
import { ResourceNotFoundException } from '@aws-sdk/client-kinesis';
import { NotFoundException } from '@aws-sdk/client-sns';
import { QueueDoesNotExist, SQSServiceException } from '@aws-sdk/client-sqs';
import { Broker } from '../../../src/broker/broker';
import { AwsError } from '../../../src/broker/errors';
import { remoteClient } from '../../../src/extension/client/remote-client';
import { fromSdkError } from '../../../src/extension/client/sdk-errors';
import { startServer } from '../../../src/server/server';

const ENDPOINT = 'http://127.0.0.1:4566';
const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

/** The fields callers see of an AwsError. */
const seen = (e: Error) => {
  assert.ok(e instanceof AwsError, `${e.name}: ${e.message} is an AwsError`);
  return { code: e.code, queryCode: e.queryCode, message: e.message, status: e.status, fault: e.fault };
};

describe('SDK errors become the AwsError the engine threw', () => {
  // The remote client loads the AWS SDK on its first call (half a second on an idle machine, seconds on a
  // busy one): load it once here, so no test's time limit pays for it.
  before(async function () {
    this.timeout(60_000);
    await Promise.all([import('@aws-sdk/client-sqs'), import('@aws-sdk/client-sns'), import('@aws-sdk/client-kinesis'), import('@aws-sdk/client-firehose'), import('@aws-sdk/client-eventbridge')]);
  });

  it('SQS (JSON, query-compatible): the JSON code from __type, the query code from Code', () => {
    // as the SDK builds it from `__type` and `x-amzn-query-error`
    const e = Object.assign(new QueueDoesNotExist({ ...metadata(400), message: 'The specified queue does not exist.' }), {
      __type: 'com.amazonaws.sqs#QueueDoesNotExist', Code: 'AWS.SimpleQueueService.NonExistentQueue',
    });
    assert.deepEqual(seen(fromSdkError(e, ENDPOINT)), {
      code: 'QueueDoesNotExist', queryCode: 'AWS.SimpleQueueService.NonExistentQueue', message: 'The specified queue does not exist.', status: 400, fault: 'Sender',
    });
  });

  it('SNS (query): the wire code, not the SDK\'s exception name', () => {
    const e = Object.assign(new NotFoundException({ ...metadata(404), message: 'Topic does not exist' }), { Code: 'NotFound' });
    assert.equal(e.name, 'NotFoundException');
    assert.deepEqual(seen(fromSdkError(e, ENDPOINT)), { code: 'NotFound', queryCode: 'NotFound', message: 'Topic does not exist', status: 404, fault: 'Sender' });
  });

  it('Kinesis (JSON 1.1): the __type, less a namespace and a `:detail` suffix', () => {
    const e = Object.assign(new ResourceNotFoundException({ ...metadata(400), message: 'Stream s under account 000000000000 not found.' }), {
      __type: 'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.service/',
    });
    assert.deepEqual(seen(fromSdkError(e, ENDPOINT)), {
      code: 'ResourceNotFoundException', queryCode: 'ResourceNotFoundException', message: 'Stream s under account 000000000000 not found.', status: 400, fault: 'Sender',
    });
  });

  it('an unmodeled server fault keeps its name, status and fault', () => {
    const e = new SQSServiceException({ name: 'InternalFailure', $fault: 'server', ...metadata(500), message: 'We encountered an internal error. Please try again.' });
    assert.deepEqual(seen(fromSdkError(e, ENDPOINT)), {
      code: 'InternalFailure', queryCode: 'InternalFailure', message: 'We encountered an internal error. Please try again.', status: 500, fault: 'Receiver',
    });
    const noStatus = new SQSServiceException({ name: 'ServiceUnavailable', $fault: 'server', $metadata: {}, message: 'down' });
    assert.equal((fromSdkError(noStatus, ENDPOINT) as AwsError).status, 500);
  });

  it('a broker that does not answer is said so in a sentence naming the endpoint', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED', $metadata: { attempts: 2 } });
    const mapped = fromSdkError(refused, ENDPOINT);
    assert.ok(!(mapped instanceof AwsError));
    assert.match(mapped.message, /^The broker at http:\/\/127\.0\.0\.1:4566 does not answer \(ECONNREFUSED\)/);
    const timeout = Object.assign(new Error('Connection timed out after 2000 ms'), { name: 'TimeoutError' });
    assert.match(fromSdkError(timeout, ENDPOINT).message, /does not answer \(TimeoutError\)/);
  });

  it('anything else passes through as an Error', () => {
    const other = new TypeError('boom');
    assert.equal(fromSdkError(other, ENDPOINT), other);
    assert.equal(fromSdkError('text', ENDPOINT).message, 'text');
  });
});

describe('the remote client against a real broker', () => {
  const key = { accessKeyId: 'AKIDREMOTE', secretAccessKey: 'remote-secret-never-shown' };

  it('signs with its key for a broker that checks signatures; a wrong secret is refused, and the error holds no secret', async () => {
    const broker = new Broker();
    const server = await startServer(broker, { port: 0, accessKeys: [key], log: () => undefined });
    const good = remoteClient(server.url, { ...key, region: 'us-east-1' });
    const wrong = remoteClient(server.url, { accessKeyId: key.accessKeyId, secretAccessKey: 'wrong-secret-never-shown', region: 'us-east-1' });
    try {
      await good.sqs('CreateQueue', { QueueName: 'strict' });
      assert.deepEqual((await good.snapshot()).queues.map((q) => q.name), ['strict']);
      const refusals: [string, () => Promise<unknown>, string, number][] = [
        ['SQS', () => wrong.sqs('ListQueues', {}), 'SignatureDoesNotMatch', 403],
        ['SNS', () => wrong.sns('ListTopics', {}), 'SignatureDoesNotMatch', 403],
        ['Kinesis', () => wrong.kinesis('ListStreams', {}), 'InvalidSignatureException', 400],
      ];
      for (const [service, call, code, status] of refusals) {
        const error = await call().then(() => assert.fail(`${service} accepted a wrong secret`), (e: unknown) => e as AwsError);
        assert.ok(error instanceof AwsError, `${service}: ${String(error)}`);
        assert.deepEqual([error.code, error.status], [code, status], service);
        const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${JSON.stringify(Object.getOwnPropertyDescriptors(error))}`;
        assert.ok(!everything.includes('wrong-secret-never-shown'), 'the secret is in the error');
      }
    } finally {
      good.dispose();
      wrong.dispose();
      await server.close();
      broker.dispose();
    }
  });

  it('fails fast with a clear error when the broker is gone', async () => {
    const broker = new Broker();
    const server = await startServer(broker, { port: 0, log: () => undefined });
    const client = remoteClient(server.url);
    await client.sqs('ListQueues', {});
    await server.close();
    broker.dispose();
    const started = Date.now();
    try {
      await assert.rejects(client.sqs('ListQueues', {}), (e: Error) => e.message.startsWith(`The broker at ${server.url} does not answer`));
      assert.ok(Date.now() - started < 2000, `failed after ${Date.now() - started} ms`);
    } finally {
      client.dispose();
    }
  });
});
