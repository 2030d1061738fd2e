import assert from 'node:assert/strict';
import { awsCli, awsCliJson } from './support/clients';
import { recordedSqsErrors } from './support/recorded-sqs-errors';
import { ServeProcess, startServe } from './support/serve';

/** Every SQS action awscli 2.9 has, through Debian's /usr/bin/aws, which speaks SQS's query/XML protocol. */
describe('SQS over query/XML with Debian awscli', function () {
  // Each aws invocation starts a Python interpreter: seconds apiece on a loaded machine.
  this.timeout(240_000);
  let server: ServeProcess;
  const aws = (...args: string[]) => awsCliJson(server.url, ['sqs', ...args]);

  before(async () => {
    server = await startServe();
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it('create-queue with attributes and tags, get-queue-url, list-queues, list-queue-tags, delete-queue', async () => {
    const created = await aws('create-queue', '--queue-name', 'cli-q', '--attributes', 'DelaySeconds=2', '--tags', 'team=blue');
    const url = `${server.url}/000000000000/cli-q`;
    assert.deepEqual(created, { QueueUrl: url });
    assert.deepEqual(await aws('get-queue-url', '--queue-name', 'cli-q'), { QueueUrl: url });
    assert.deepEqual(await aws('list-queues', '--queue-name-prefix', 'cli-'), { QueueUrls: [url] });
    assert.deepEqual(await aws('list-queue-tags', '--queue-url', url), { Tags: { team: 'blue' } });
    const attrs = await aws('get-queue-attributes', '--queue-url', url, '--attribute-names', 'DelaySeconds');
    assert.deepEqual(attrs, { Attributes: { DelaySeconds: '2' } });
    await aws('delete-queue', '--queue-url', url);
    assert.deepEqual(await aws('list-queues', '--queue-name-prefix', 'cli-'), {});
  });

  it('set-queue-attributes, tag-queue and untag-queue', async () => {
    const { QueueUrl } = (await aws('create-queue', '--queue-name', 'cli-attrs')) as { QueueUrl: string };
    await aws('set-queue-attributes', '--queue-url', QueueUrl, '--attributes', 'VisibilityTimeout=77,MaximumMessageSize=2048');
    const attrs = await aws('get-queue-attributes', '--queue-url', QueueUrl, '--attribute-names', 'All');
    const values = (attrs as { Attributes: Record<string, string> }).Attributes;
    assert.equal(values.VisibilityTimeout, '77');
    assert.equal(values.MaximumMessageSize, '2048');
    assert.equal(values.QueueArn, 'arn:aws:sqs:us-east-1:000000000000:cli-attrs');
    await aws('tag-queue', '--queue-url', QueueUrl, '--tags', 'a=1,b=2');
    await aws('untag-queue', '--queue-url', QueueUrl, '--tag-keys', 'a');
    assert.deepEqual(await aws('list-queue-tags', '--queue-url', QueueUrl), { Tags: { b: '2' } });
  });

  it('send-message, receive-message, change-message-visibility and delete-message', async () => {
    const { QueueUrl } = (await aws('create-queue', '--queue-name', 'cli-msgs')) as { QueueUrl: string };
    const body = 'carriage\r\nreturn <xml> & "quotes" ünïcödé';
    const sent = (await aws(
      'send-message',
      '--queue-url',
      QueueUrl,
      '--message-body',
      body,
      '--message-attributes',
      JSON.stringify({
        colour: { DataType: 'String', StringValue: 'red' },
        raw: { DataType: 'Binary', BinaryValue: 'AAEC/w==' },
      }),
    )) as Record<string, string>;
    assert.match(sent.MessageId, /^[0-9a-f-]{36}$/);
    const received = (await aws(
      'receive-message',
      '--queue-url',
      QueueUrl,
      '--message-attribute-names',
      'All',
      '--attribute-names',
      'All',
    )) as { Messages: Record<string, never>[] };
    const [m] = received.Messages as unknown as {
      Body: string;
      ReceiptHandle: string;
      MD5OfBody: string;
      MessageAttributes: Record<string, { StringValue?: string; BinaryValue?: string }>;
      Attributes: Record<string, string>;
    }[];
    assert.equal(m.Body, body);
    assert.equal(m.MD5OfBody, sent.MD5OfMessageBody);
    assert.equal(m.MessageAttributes.colour.StringValue, 'red');
    assert.equal(m.MessageAttributes.raw.BinaryValue, 'AAEC/w==');
    assert.equal(m.Attributes.ApproximateReceiveCount, '1');
    await aws('change-message-visibility', '--queue-url', QueueUrl, '--receipt-handle', m.ReceiptHandle, '--visibility-timeout', '0');
    const again = (await aws('receive-message', '--queue-url', QueueUrl)) as { Messages: { ReceiptHandle: string }[] };
    await aws('delete-message', '--queue-url', QueueUrl, '--receipt-handle', again.Messages[0].ReceiptHandle);
    assert.deepEqual(await aws('receive-message', '--queue-url', QueueUrl), {});
  });

  it('send-message-batch, change-message-visibility-batch and delete-message-batch', async () => {
    const { QueueUrl } = (await aws('create-queue', '--queue-name', 'cli-batch')) as { QueueUrl: string };
    const sent = (await aws(
      'send-message-batch',
      '--queue-url',
      QueueUrl,
      '--entries',
      JSON.stringify([
        { Id: 'a', MessageBody: 'one', MessageAttributes: { k: { DataType: 'Number', StringValue: '1' } } },
        { Id: 'b', MessageBody: 'two' },
        { Id: 'bad', MessageBody: 'three', DelaySeconds: 901 },
      ]),
    )) as { Successful: { Id: string }[]; Failed: { Id: string; SenderFault: boolean; Code: string }[] };
    assert.deepEqual(sent.Successful.map((s) => s.Id).sort(), ['a', 'b']);
    assert.equal(sent.Failed[0].Id, 'bad');
    assert.equal(sent.Failed[0].SenderFault, true);
    const received = (await aws('receive-message', '--queue-url', QueueUrl, '--max-number-of-messages', '10')) as {
      Messages: { ReceiptHandle: string }[];
    };
    assert.equal(received.Messages.length, 2);
    const entries = received.Messages.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle }));
    const changed = (await aws(
      'change-message-visibility-batch',
      '--queue-url',
      QueueUrl,
      '--entries',
      JSON.stringify(entries.map((e) => ({ ...e, VisibilityTimeout: 60 }))),
    )) as { Successful: unknown[] };
    assert.equal(changed.Successful.length, 2);
    const deleted = (await aws('delete-message-batch', '--queue-url', QueueUrl, '--entries', JSON.stringify(entries))) as {
      Successful: unknown[];
    };
    assert.equal(deleted.Successful.length, 2);
  });

  it('purge-queue, add-permission, remove-permission and list-dead-letter-source-queues', async () => {
    const dlq = (await aws('create-queue', '--queue-name', 'cli-dlq')) as { QueueUrl: string };
    const redrive = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:cli-dlq', maxReceiveCount: 2 });
    const source = (await aws('create-queue', '--queue-name', 'cli-src', '--attributes', JSON.stringify({ RedrivePolicy: redrive }))) as {
      QueueUrl: string;
    };
    assert.deepEqual(await aws('list-dead-letter-source-queues', '--queue-url', dlq.QueueUrl), { queueUrls: [source.QueueUrl] });

    await aws('send-message', '--queue-url', source.QueueUrl, '--message-body', 'x');
    await aws('purge-queue', '--queue-url', source.QueueUrl);
    const counts = (await aws('get-queue-attributes', '--queue-url', source.QueueUrl, '--attribute-names', 'ApproximateNumberOfMessages')) as {
      Attributes: Record<string, string>;
    };
    assert.equal(counts.Attributes.ApproximateNumberOfMessages, '0');

    await aws('add-permission', '--queue-url', dlq.QueueUrl, '--label', 'p1', '--aws-account-ids', '111122223333', '--actions', 'SendMessage', 'ReceiveMessage');
    const policy = (await aws('get-queue-attributes', '--queue-url', dlq.QueueUrl, '--attribute-names', 'Policy')) as {
      Attributes: { Policy: string };
    };
    const statement = JSON.parse(policy.Attributes.Policy).Statement[0];
    assert.equal(statement.Sid, 'p1');
    assert.deepEqual(statement.Action, ['SQS:SendMessage', 'SQS:ReceiveMessage']);
    await aws('remove-permission', '--queue-url', dlq.QueueUrl, '--label', 'p1');
    assert.deepEqual(await aws('get-queue-attributes', '--queue-url', dlq.QueueUrl, '--attribute-names', 'Policy'), {});
  });

  it('errors reach the CLI with the query protocol codes and wording AWS uses', async () => {
    const missing = await awsCli(server.url, ['sqs', 'get-queue-url', '--queue-name', 'nope']);
    const recorded = recordedSqsErrors.sqs_query.test_non_existent_queue;
    assert.equal(missing.code, 254);
    assert.match(missing.stderr, new RegExp(`\\(${recorded.Code.replace(/\./g, '\\.')}\\).*GetQueueUrl operation.*: ${recorded.Message}`));
    const { QueueUrl } = (await aws('create-queue', '--queue-name', 'cli-err')) as { QueueUrl: string };
    const empty = await awsCli(server.url, ['sqs', 'send-message', '--queue-url', QueueUrl, '--message-body', '']);
    assert.match(empty.stderr, /\(MissingParameter\).*The request must contain the parameter MessageBody\./);
  });

  it('add-permission with more than 7 actions is refused with OverLimit (HTTP 403) and leaves no policy', async () => {
    const { QueueUrl } = (await aws('create-queue', '--queue-name', 'cli-overlimit')) as { QueueUrl: string };
    const actions = ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'GetQueueAttributes', 'GetQueueUrl', 'PurgeQueue', 'ListQueueTags'];
    const r = await awsCli(server.url, ['sqs', 'add-permission', '--queue-url', QueueUrl, '--label', 'many', '--aws-account-ids', '111122223333', '--actions', ...actions, '--debug']);
    assert.equal(r.code, 254);
    assert.match(r.stderr, /\(OverLimit\).*AddPermission operation.*: 8 Actions were found, maximum allowed is 7\./);
    assert.match(r.stderr, /"POST \/ HTTP\/1\.1" 403 /, 'answered with HTTP 403');
    assert.deepEqual(await aws('get-queue-attributes', '--queue-url', QueueUrl, '--attribute-names', 'Policy'), {});
    await aws('add-permission', '--queue-url', QueueUrl, '--label', 'seven', '--aws-account-ids', '111122223333', '--actions', ...actions.slice(0, 7));
  });
});
