import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as sqs from '@aws-sdk/client-sqs';
import { sqsClient } from './support/clients';
import { RecordedError, recordedSqsErrors } from './support/recorded-sqs-errors';
import { ServeProcess, startServe } from './support/serve';

/** Every SQS action through the latest AWS SDK for JavaScript (JSON 1.0 protocol) against `eventyard serve`. */
describe('SQS over JSON 1.0 with @aws-sdk/client-sqs', function () {
  this.timeout(30_000);
  let server: ServeProcess;
  let client: sqs.SQSClient;

  before(async () => {
    server = await startServe();
    client = sqsClient(server.url);
  });
  after(async () => {
    client.destroy();
    assert.equal(await server.stop(), 0);
  });

  const createQueue = async (QueueName: string, Attributes?: Record<string, string>) =>
    (await client.send(new sqs.CreateQueueCommand({ QueueName, Attributes }))).QueueUrl!;

  async function rejection(promise: Promise<unknown>): Promise<sqs.SQSServiceException & Record<string, unknown>> {
    try {
      await promise;
    } catch (e) {
      return e as sqs.SQSServiceException & Record<string, unknown>;
    }
    assert.fail('expected the call to fail');
  }

  /** The SDK's view of an error must match what it makes of AWS's recorded answer. */
  function assertRecorded(error: sqs.SQSServiceException & Record<string, unknown>, expected: RecordedError, queueName = '') {
    assert.equal(error.$metadata.httpStatusCode, expected.status);
    assert.equal(error.Code, expected.Code);
    assert.equal(error.Type, expected.Type);
    assert.equal(error.message, expected.Message.replace('<queue-name>', queueName));
    // Modelled errors surface under their shape name, the others under the legacy code AWS sends.
    assert.ok([expected.QueryErrorCode, expected.Code].includes(error.name), `unexpected error name ${error.name}`);
  }

  it('CreateQueue, GetQueueUrl, ListQueues and DeleteQueue manage queues with URLs on the endpoint used', async () => {
    const url = await createQueue('json-lifecycle');
    assert.equal(url, `${server.url}/000000000000/json-lifecycle`);
    const got = await client.send(new sqs.GetQueueUrlCommand({ QueueName: 'json-lifecycle' }));
    assert.equal(got.QueueUrl, url);
    const listed = await client.send(new sqs.ListQueuesCommand({ QueueNamePrefix: 'json-life' }));
    assert.deepEqual(listed.QueueUrls, [url]);
    await client.send(new sqs.DeleteQueueCommand({ QueueUrl: url }));
    const after = await client.send(new sqs.ListQueuesCommand({ QueueNamePrefix: 'json-life' }));
    assert.equal(after.QueueUrls, undefined);
  });

  it('CreateQueue of a name deleted under a minute ago fails with the QueueDeletedRecently the SDK models', async () => {
    const url = await createQueue('json-recreated');
    await client.send(new sqs.DeleteQueueCommand({ QueueUrl: url }));
    const error = await rejection(createQueue('json-recreated'));
    assert.ok(error instanceof sqs.QueueDeletedRecently, `unexpected error ${error.name}`);
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(error.message, 'You must wait 60 seconds after deleting a queue before you can create another with the same name.');
  });

  it('TagQueue beyond 50 tags fails and leaves the tags as they were', async () => {
    const url = await createQueue('json-many-tags');
    const Tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const error = await rejection(client.send(new sqs.TagQueueCommand({ QueueUrl: url, Tags })));
    assert.equal(error.name, 'InvalidParameterValue');
    assert.equal(error.message, 'Too many tags added for queue json-many-tags.');
    assert.equal((await client.send(new sqs.ListQueueTagsCommand({ QueueUrl: url }))).Tags, undefined);
  });

  it('GetQueueAttributes and SetQueueAttributes round-trip attributes', async () => {
    const url = await createQueue('json-attrs', { DelaySeconds: '3' });
    await client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '45' } }));
    const { Attributes } = await client.send(
      new sqs.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['DelaySeconds', 'VisibilityTimeout', 'QueueArn'] }),
    );
    assert.deepEqual(Attributes, {
      DelaySeconds: '3',
      VisibilityTimeout: '45',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:json-attrs',
    });
  });

  it('TagQueue, ListQueueTags and UntagQueue', async () => {
    const url = await createQueue('json-tags');
    await client.send(new sqs.TagQueueCommand({ QueueUrl: url, Tags: { team: 'blue', env: 'dev' } }));
    await client.send(new sqs.UntagQueueCommand({ QueueUrl: url, TagKeys: ['env'] }));
    const { Tags } = await client.send(new sqs.ListQueueTagsCommand({ QueueUrl: url }));
    assert.deepEqual(Tags, { team: 'blue' });
  });

  it('SendMessage and ReceiveMessage carry body, attributes and MD5s the SDK verifies', async () => {
    const url = await createQueue('json-messages');
    const body = 'line one\r\nline two <&> "quoted" ünïcödé 🎉';
    const sent = await client.send(
      new sqs.SendMessageCommand({
        QueueUrl: url,
        MessageBody: body,
        MessageAttributes: {
          colour: { DataType: 'String', StringValue: 'red' },
          blob: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 255]) },
        },
      }),
    );
    assert.equal(sent.MD5OfMessageBody, createHash('md5').update(body).digest('hex'));
    const received = await client.send(
      new sqs.ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    assert.equal(received.Messages?.length, 1);
    const [m] = received.Messages!;
    assert.equal(m.Body, body);
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.MessageAttributes?.colour.StringValue, 'red');
    assert.deepEqual([...(m.MessageAttributes?.blob.BinaryValue ?? [])], [0, 1, 2, 255]);
    assert.equal(m.Attributes?.ApproximateReceiveCount, '1');
    assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
  });

  it('ChangeMessageVisibility and DeleteMessage act on a received message', async () => {
    const url = await createQueue('json-visibility');
    await client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const first = await client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 30 }));
    const handle = first.Messages![0].ReceiptHandle!;
    await client.send(new sqs.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 }));
    const again = await client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url }));
    assert.equal(again.Messages?.[0].Body, 'x');
    await client.send(new sqs.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: again.Messages![0].ReceiptHandle! }));
    const empty = await client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url }));
    assert.equal(empty.Messages, undefined);
  });

  it('SendMessageBatch, ChangeMessageVisibilityBatch and DeleteMessageBatch report per-entry results', async () => {
    const url = await createQueue('json-batch');
    const sent = await client.send(
      new sqs.SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two' },
          { Id: 'bad', MessageBody: 'three', DelaySeconds: 901 },
        ],
      }),
    );
    assert.deepEqual(sent.Successful?.map((s) => s.Id).sort(), ['a', 'b']);
    assert.equal(sent.Failed?.[0].Id, 'bad');
    assert.equal(sent.Failed?.[0].SenderFault, true);
    const received = await client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    assert.equal(received.Messages?.length, 2);
    const handles = received.Messages!.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle! }));
    const changed = await client.send(
      new sqs.ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: handles.map((h) => ({ ...h, VisibilityTimeout: 60 })),
      }),
    );
    assert.equal(changed.Successful?.length, 2);
    const deleted = await client.send(
      new sqs.DeleteMessageBatchCommand({ QueueUrl: url, Entries: [...handles, { Id: 'nope', ReceiptHandle: 'garbage' }] }),
    );
    assert.equal(deleted.Successful?.length, 2);
    assert.equal(deleted.Failed?.[0].Id, 'nope');
    assert.equal(deleted.Failed?.[0].Code, 'ReceiptHandleIsInvalid');
  });

  it('PurgeQueue empties a queue and a second purge within 60 s is refused as AWS does', async () => {
    const url = await createQueue('json-purge');
    await client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    await client.send(new sqs.PurgeQueueCommand({ QueueUrl: url }));
    const attrs = await client.send(
      new sqs.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    assert.equal(attrs.Attributes?.ApproximateNumberOfMessages, '0');
    const error = await rejection(client.send(new sqs.PurgeQueueCommand({ QueueUrl: url })));
    assertRecorded(error, recordedSqsErrors.sqs.test_successive_purge_calls_fail, 'json-purge');
  });

  it('AddPermission and RemovePermission edit the queue policy', async () => {
    const url = await createQueue('json-permissions');
    await client.send(
      new sqs.AddPermissionCommand({ QueueUrl: url, Label: 'p1', AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] }),
    );
    const withPolicy = await client.send(new sqs.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] }));
    const policy = JSON.parse(withPolicy.Attributes?.Policy ?? '{}');
    assert.equal(policy.Statement[0].Sid, 'p1');
    await client.send(new sqs.RemovePermissionCommand({ QueueUrl: url, Label: 'p1' }));
    const after = await client.send(new sqs.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] }));
    assert.equal(after.Attributes?.Policy, undefined);
  });

  it('AddPermission with more than 7 actions fails with HTTP 403 OverLimit', async () => {
    const url = await createQueue('json-permissions-over');
    const Actions = ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'GetQueueAttributes', 'GetQueueUrl', 'PurgeQueue', 'ListQueueTags'];
    const error = await rejection(client.send(new sqs.AddPermissionCommand({ QueueUrl: url, Label: 'many', AWSAccountIds: ['111122223333'], Actions })));
    assert.equal(error.name, 'OverLimit');
    assert.equal(error.message, '8 Actions were found, maximum allowed is 7.');
    assert.equal(error.$metadata.httpStatusCode, 403);
    await client.send(new sqs.AddPermissionCommand({ QueueUrl: url, Label: 'seven', AWSAccountIds: ['111122223333'], Actions: Actions.slice(0, 7) }));
  });

  it('ListDeadLetterSourceQueues and the message move tasks redrive a dead-letter queue', async () => {
    const dlqUrl = await createQueue('json-dlq');
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:json-dlq';
    const sourceUrl = await createQueue('json-source', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
    });
    const sources = await client.send(new sqs.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));
    assert.deepEqual(sources.queueUrls, [sourceUrl]);

    await client.send(new sqs.SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: 'dead' }));
    const started = await client.send(new sqs.StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    assert.ok(started.TaskHandle);
    const listed = await client.send(new sqs.ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    assert.equal(listed.Results?.length, 1);
    assert.equal(listed.Results?.[0].SourceArn, dlqArn);
    assert.equal(typeof listed.Results?.[0].StartedTimestamp, 'number');
    const cancel = await rejection(client.send(new sqs.CancelMessageMoveTaskCommand({ TaskHandle: 'not-a-handle' })));
    assert.equal(cancel.$metadata.httpStatusCode, 400);
  });

  describe('errors match the recorded AWS answers', () => {
    it('a missing queue', async () => {
      const error = await rejection(client.send(new sqs.GetQueueUrlCommand({ QueueName: 'no-such-queue' })));
      assertRecorded(error, recordedSqsErrors.sqs.test_non_existent_queue);
      assert.ok(error instanceof sqs.QueueDoesNotExist);
    });

    it('too many batch entries', async () => {
      const url = await createQueue('json-err-batch');
      const Entries = Array.from({ length: 20 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));
      const error = await rejection(client.send(new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries })));
      assertRecorded(error, recordedSqsErrors.sqs.test_too_many_entries_in_batch_request);
      const del = await rejection(
        client.send(
          new sqs.DeleteMessageBatchCommand({
            QueueUrl: url,
            Entries: Entries.map((e) => ({ Id: e.Id, ReceiptHandle: 'h' })),
          }),
        ),
      );
      assertRecorded(del, recordedSqsErrors.sqs.test_delete_message_batch_with_too_large_batch);
      const change = await rejection(
        client.send(
          new sqs.ChangeMessageVisibilityBatchCommand({
            QueueUrl: url,
            Entries: Entries.map((e) => ({ Id: e.Id, ReceiptHandle: 'h', VisibilityTimeout: 1 })),
          }),
        ),
      );
      assertRecorded(change, recordedSqsErrors.sqs.test_change_message_visibility_batch_with_too_large_batch);
    });

    it('an invalid batch entry id', async () => {
      const url = await createQueue('json-err-id');
      const error = await rejection(
        client.send(new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a:b', MessageBody: 'x' }] })),
      );
      assertRecorded(error, recordedSqsErrors.sqs.test_invalid_batch_id);
    });

    it('an empty message body', async () => {
      const url = await createQueue('json-err-empty');
      const error = await rejection(client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: '' })));
      assertRecorded(error, recordedSqsErrors.sqs.test_send_empty_message);
    });

    it('a WaitTimeSeconds out of range', async () => {
      const url = await createQueue('json-err-wait');
      const error = await rejection(client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 21 })));
      assertRecorded(error, recordedSqsErrors.sqs.test_send_receive_wait_time_seconds);
    });

    it('a queue created again with different attributes', async () => {
      await createQueue('json-err-exists', { DelaySeconds: '1' });
      const error = await rejection(createQueue('json-err-exists', { DelaySeconds: '2' }));
      assertRecorded(error, recordedSqsErrors.sqs.test_create_queue_with_different_attributes_raises_exception);
    });

    it('an attribute a standard queue does not have', async () => {
      const url = await createQueue('json-err-attr');
      const error = await rejection(
        client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { FifoQueue: 'true' } })),
      );
      assertRecorded(error, recordedSqsErrors.sqs.test_set_unsupported_attribute_standard);
    });
  });
});
