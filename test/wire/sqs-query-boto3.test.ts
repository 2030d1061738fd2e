import assert from 'node:assert/strict';
import { boto3, BotoResult, hasBoto3 } from './support/clients';
import { recordedSqsErrors } from './support/recorded-sqs-errors';
import { ServeProcess, startServe } from './support/serve';

/**
 * boto3 1.26 (Debian's python3-boto3) speaks SQS's query/XML protocol and hands back the parsed error
 * exactly as the AWS reference recorded it, so here the whole error (Type, Code, Message, Detail, status)
 * is compared.
 */
(hasBoto3 ? describe : describe.skip)('SQS over query/XML with boto3', function () {
  this.timeout(120_000);
  let server: ServeProcess;

  before(async () => {
    server = await startServe();
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  function assertRecordedQueryError(result: BotoResult, test: keyof (typeof recordedSqsErrors)['sqs_query'], queueName = '') {
    const recorded = recordedSqsErrors.sqs_query[test];
    assert.ok(!result.ok, `expected ${test} to fail`);
    assert.deepEqual(result.error, {
      Type: recorded.Type,
      Code: recorded.Code,
      Message: recorded.Message.replace('<queue-name>', queueName),
      Detail: null,
    });
    assert.equal(result.status, recorded.status);
  }

  it('runs a queue and message lifecycle with the values boto3 parses from the XML', async () => {
    const url = `${server.url}/000000000000/boto-q`;
    const results = await boto3(server.url, [
      { op: 'create_queue', params: { QueueName: 'boto-q', Attributes: { DelaySeconds: '0' }, tags: { t: 'v' } } },
      {
        op: 'send_message',
        params: {
          QueueUrl: url,
          MessageBody: 'a\r\nb & <c>',
          MessageAttributes: { n: { DataType: 'Number', StringValue: '42' } },
        },
      },
      {
        op: 'receive_message',
        params: { QueueUrl: url, MessageAttributeNames: ['All'], AttributeNames: ['SentTimestamp'], WaitTimeSeconds: 1 },
      },
      { op: 'list_queue_tags', params: { QueueUrl: url } },
      { op: 'get_queue_attributes', params: { QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] } },
    ]);
    const [created, sent, received, tags, attrs] = results.map((r) => {
      assert.ok(r.ok, JSON.stringify(r));
      return r.response;
    });
    assert.deepEqual(created, { QueueUrl: url });
    const messages = received.Messages as { Body: string; MessageId: string; MessageAttributes: Record<string, unknown>; Attributes: Record<string, string> }[];
    assert.equal(messages.length, 1);
    assert.equal(messages[0].Body, 'a\r\nb & <c>');
    assert.equal(messages[0].MessageId, sent.MessageId);
    assert.deepEqual(messages[0].MessageAttributes.n, { StringValue: '42', DataType: 'Number' });
    assert.match(messages[0].Attributes.SentTimestamp, /^[0-9]{13}$/);
    assert.deepEqual(tags, { Tags: { t: 'v' } });
    assert.deepEqual(attrs, { Attributes: { ApproximateNumberOfMessagesNotVisible: '1' } });
  });

  it('answers errors with the exact query/XML error AWS recorded', async () => {
    const url = `${server.url}/000000000000/boto-err`;
    const entries = Array.from({ length: 20 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));
    const results = await boto3(server.url, [
      { op: 'get_queue_url', params: { QueueName: 'no-such-queue' } },
      { op: 'create_queue', params: { QueueName: 'boto-err', Attributes: { DelaySeconds: '1' } } },
      { op: 'create_queue', params: { QueueName: 'boto-err', Attributes: { DelaySeconds: '2' } } },
      { op: 'send_message_batch', params: { QueueUrl: url, Entries: entries } },
      { op: 'send_message_batch', params: { QueueUrl: url, Entries: [{ Id: 'a:b', MessageBody: 'x' }] } },
      { op: 'delete_message_batch', params: { QueueUrl: url, Entries: entries.map((e) => ({ Id: e.Id, ReceiptHandle: 'h' })) } },
      {
        op: 'change_message_visibility_batch',
        params: { QueueUrl: url, Entries: entries.map((e) => ({ Id: e.Id, ReceiptHandle: 'h', VisibilityTimeout: 1 })) },
      },
      { op: 'send_message', params: { QueueUrl: url, MessageBody: '' } },
      { op: 'receive_message', params: { QueueUrl: url, WaitTimeSeconds: 21 } },
      { op: 'set_queue_attributes', params: { QueueUrl: url, Attributes: { FifoQueue: 'true' } } },
      { op: 'purge_queue', params: { QueueUrl: url } },
      { op: 'purge_queue', params: { QueueUrl: url } },
    ]);
    assertRecordedQueryError(results[0], 'test_non_existent_queue');
    assertRecordedQueryError(results[2], 'test_create_queue_with_different_attributes_raises_exception');
    assertRecordedQueryError(results[3], 'test_too_many_entries_in_batch_request');
    assertRecordedQueryError(results[4], 'test_invalid_batch_id');
    assertRecordedQueryError(results[5], 'test_delete_message_batch_with_too_large_batch');
    assertRecordedQueryError(results[6], 'test_change_message_visibility_batch_with_too_large_batch');
    assertRecordedQueryError(results[7], 'test_send_empty_message');
    assertRecordedQueryError(results[8], 'test_send_receive_wait_time_seconds');
    assertRecordedQueryError(results[9], 'test_set_unsupported_attribute_standard');
    assert.ok(results[10].ok);
    assertRecordedQueryError(results[11], 'test_successive_purge_calls_fail', 'boto-err');
  });
});
