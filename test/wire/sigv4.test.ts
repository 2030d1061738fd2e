import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { CreateDeliveryStreamCommand, FirehoseClient, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CreateTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttp2Handler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import { XMLParser } from 'fast-xml-parser';
import { Sha256 } from '../../src/server/auth/sha256';
import { AWS_CLI } from './support/clients';
import { raw, sqsJson } from './support/raw';
import { runCli, ServeProcess, startServe } from './support/serve';

const KEY = { accessKeyId: 'AKIAEVENTYARDTEST01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const OTHER = { accessKeyId: 'AKIAEVENTYARDTEST02', secretAccessKey: 'second-secret' };
const xml = new XMLParser({ parseTagValue: false });

interface SdkError {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}
const failure = (p: Promise<unknown>): Promise<SdkError> =>
  p.then(
    () => assert.fail('the request was accepted'),
    (e: SdkError) => e,
  );

/** `serve --access-key`: strict SigV4 checked the way AWS checks it, against real SDK and CLI signatures. */
describe('strict SigV4 verification', function () {
  this.timeout(60_000);
  let server: ServeProcess;
  const config = (credentials = KEY) => ({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });

  before(async () => {
    server = await startServe(['--access-key', `${KEY.accessKeyId}:${KEY.secretAccessKey}`, '--access-key', `${OTHER.accessKeyId}:${OTHER.secretAccessKey}`]);
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it('accepts the real SDKs\' signatures: SQS JSON, SNS query, Kinesis over HTTP/2 and Firehose, with either configured key', async () => {
    const sqs = new SQSClient(config());
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'signed' }));
    await new SQSClient(config(OTHER)).send(new SendMessageCommand({ QueueUrl, MessageBody: 'héllo, signed' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(Messages?.[0].Body, 'héllo, signed');

    const sns = new SNSClient(config());
    await sns.send(new CreateTopicCommand({ Name: 'signed-topic', Attributes: { DisplayName: 'a b&c=d' } }));
    assert.equal((await sns.send(new ListTopicsCommand({}))).Topics?.length, 1);

    const kinesis = new KinesisClient(config());
    assert.ok(kinesis.config.requestHandler instanceof NodeHttp2Handler, 'Kinesis signs and sends over HTTP/2');
    await kinesis.send(new CreateStreamCommand({ StreamName: 'signed-stream', ShardCount: 1 }));
    await kinesis.send(new PutRecordCommand({ StreamName: 'signed-stream', PartitionKey: 'p', Data: Buffer.from('d') }));
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'signed-stream', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
    assert.equal((await kinesis.send(new GetRecordsCommand({ ShardIterator }))).Records?.length, 1);
    kinesis.destroy();

    const firehose = new FirehoseClient(config());
    await firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'signed-fh', ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/r', BucketARN: 'arn:aws:s3:::signed-bucket' } }));
    assert.deepEqual((await firehose.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames, ['signed-fh']);
  });

  it('refuses an unknown key with InvalidClientTokenId (query services) or UnrecognizedClientException (JSON 1.1)', async () => {
    const stranger = { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: KEY.secretAccessKey };
    const sqs = await failure(new SQSClient(config(stranger)).send(new CreateQueueCommand({ QueueName: 'x' })));
    assert.deepEqual([sqs.name, sqs.$metadata.httpStatusCode, sqs.message], ['InvalidClientTokenId', 403, 'The security token included in the request is invalid.']);
    const sns = await failure(new SNSClient(config(stranger)).send(new ListTopicsCommand({})));
    assert.deepEqual([sns.name, sns.$metadata.httpStatusCode], ['InvalidClientTokenId', 403]);
    const kinesisClient = new KinesisClient(config(stranger));
    const kinesis = await failure(kinesisClient.send(new CreateStreamCommand({ StreamName: 'x', ShardCount: 1 })));
    kinesisClient.destroy();
    assert.deepEqual([kinesis.name, kinesis.$metadata.httpStatusCode], ['UnrecognizedClientException', 400]);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch (403) or InvalidSignatureException (400), creating nothing', async () => {
    const wrong = { accessKeyId: KEY.accessKeyId, secretAccessKey: 'not-the-secret' };
    const sqs = await failure(new SQSClient(config(wrong)).send(new CreateQueueCommand({ QueueName: 'never' })));
    assert.equal(sqs.name, 'SignatureDoesNotMatch');
    assert.equal(sqs.$metadata.httpStatusCode, 403);
    assert.match(sqs.message, /^The request signature we calculated does not match the signature you provided/);
    const firehose = await failure(new FirehoseClient(config(wrong)).send(new ListDeliveryStreamsCommand({})));
    assert.deepEqual([firehose.name, firehose.$metadata.httpStatusCode], ['InvalidSignatureException', 400]);
    const { QueueUrls } = await new SQSClient(config()).send(new ListQueuesCommand({}));
    assert.ok(!(QueueUrls ?? []).some((u) => u.endsWith('/never')), 'the refused CreateQueue did not run');
  });

  it('checks the CLI\'s query-protocol signatures: the right key works, a wrong secret gets SignatureDoesNotMatch', async () => {
    const ok = await cli(server.url, KEY, ['sqs', 'create-queue', '--queue-name', 'from-cli', '--attributes', 'DelaySeconds=0']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /from-cli/);
    const listed = await cli(server.url, KEY, ['sns', 'list-topics']);
    assert.equal(listed.code, 0, listed.stderr);
    const bad = await cli(server.url, { ...KEY, secretAccessKey: 'nope' }, ['sqs', 'list-queues']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /\(SignatureDoesNotMatch\)/);
  });

  it('answers unsigned, half-signed, tampered and stale requests as AWS does, in the request\'s protocol', async () => {
    const unsigned = await raw(server.url, sqsJson('ListQueues', {}));
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers['x-amzn-query-error'], 'MissingAuthenticationToken;Sender');
    const kinesisUnsigned = await raw(server.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' }, body: '{}' });
    assert.deepEqual([kinesisUnsigned.status, JSON.parse(kinesisUnsigned.text).__type], [400, 'MissingAuthenticationTokenException']);

    const half = await raw(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/20261129/us-east-1/sns/aws4_request` },
      body: 'Action=ListTopics&Version=2010-03-31',
    });
    assert.equal(half.status, 400);
    const error = xml.parse(half.text).ErrorResponse.Error;
    assert.equal(error.Code, 'IncompleteSignature');
    assert.match(error.Message, /Authorization header requires 'Signature' parameter\. Authorization header requires 'SignedHeaders' parameter\./);
    assert.match(half.text, /xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"/, 'answered in the service\'s own namespace');

    const body = JSON.stringify({ QueueName: 'tampered' });
    const signed = await sign(server.url, body, new Date());
    const tampered = await raw(server.url, { method: 'POST', headers: signed, body: body.replace('tampered', 'tamperex') });
    assert.equal(tampered.headers['x-amzn-query-error'], 'SignatureDoesNotMatch;Sender');
    const replay = await raw(server.url, { method: 'POST', headers: signed, body });
    assert.equal(replay.status, 200, 'the untouched request passes');

    const stale = await sign(server.url, body, new Date(Date.now() - 20 * 60 * 1000));
    const expired = await raw(server.url, { method: 'POST', headers: stale, body });
    assert.equal(expired.status, 403);
    assert.match(JSON.parse(expired.text).message, /^Signature expired: [0-9]{8}T[0-9]{6}Z is now earlier than [0-9]{8}T[0-9]{6}Z \([0-9]{8}T[0-9]{6}Z - 15 min\.\)$/);

    const health = await raw(server.url, { method: 'GET', path: '/_eventyard/health' });
    assert.equal(health.status, 200, 'Eventyard\'s own admin routes need no signature');
  });

  it('answers dozens of malformed Authorization and X-Amz-Date headers with AWS auth errors, never a failure', async () => {
    const key = KEY.accessKeyId;
    const now = new Date().toISOString().replace(/[-:]/g, '').replace(/\.[0-9]{3}/, '');
    const credentials = [`${key}/${now.slice(0, 8)}/us-east-1/sqs/aws4_request`, `${key}/20261399/us-east-1/sqs/aws4_request`, `${key}//us-east-1/sqs/aws4_request`,
      `${key}/${now.slice(0, 8)}/us-east-1/sqs`, '/////', `${key}/${now.slice(0, 8)}/us east/s q s/aws4_request`, 'x'.repeat(5000), ''];
    const signedHeaders = ['host;x-amz-date', 'host', '', ';;', 'content-length;host;x-amz-date', 'x-nope', 'HOST;X-AMZ-DATE', 'host;x-amz-date;x-amz-date'];
    const signatures = ['0'.repeat(64), 'z'.repeat(64), '', 'ab', '0'.repeat(65)];
    const dates = [now, '', '20261129', 'not a date', '99999999T999999Z', '19700101T000000Z'];
    let tried = 0;
    for (const credential of credentials) {
      for (const signed of signedHeaders) {
        const signature = signatures[tried % signatures.length];
        const date = dates[tried % dates.length];
        const res = await raw(server.url, {
          method: 'POST',
          headers: { ...sqsJson('ListQueues', {}).headers, 'x-amz-date': date, authorization: `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signed}, Signature=${signature}` },
          body: '{}',
        });
        tried++;
        assert.ok([400, 403].includes(res.status), `${credential.slice(0, 40)} ${signed} ${signature.slice(0, 8)} ${date}: ${res.status} ${res.text}`);
        const code = String(res.headers['x-amzn-query-error']).split(';')[0];
        assert.ok(['IncompleteSignature', 'InvalidClientTokenId', 'SignatureDoesNotMatch'].includes(code), code);
      }
    }
    assert.equal(tried, credentials.length * signedHeaders.length);
    assert.equal(server.child.exitCode, null);
    assert.doesNotMatch(server.output(), /InternalFailure|Unhandled/);
  });

  it('refuses a malformed --access-key', async () => {
    for (const value of ['nocolon', ':secret', 'key:']) {
      const r = await runCli(['serve', '--access-key', value]);
      assert.equal(r.code, 2, value);
      assert.match(r.stderr, /--access-key must be <access key id>:<secret access key>/);
    }
  });
});

/** Headers of an SQS CreateQueue signed as the SDK signs it, at `date`. */
async function sign(url: string, body: string, date: Date): Promise<Record<string, string>> {
  const { host } = new URL(url);
  const signer = new SignatureV4({ credentials: KEY, region: 'us-east-1', service: 'sqs', sha256: Sha256 });
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: host,
      path: '/',
      headers: { host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.CreateQueue', 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') },
      body,
    },
    { signingDate: date },
  );
  return request.headers;
}

function cli(url: string, key: typeof KEY, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' };
  return new Promise((resolve) => {
    execFile(AWS_CLI, ['--endpoint-url', url, '--output', 'json', ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
