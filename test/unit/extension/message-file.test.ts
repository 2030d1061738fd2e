import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { exportFile, importEntries } from '../../../src/extension/commands/message-file';
import { environmentText } from '../../../src/extension/commands/environment';

describe('queue export and import files', () => {
  it('exports what it takes to send a message again and imports it back', () => {
    const broker = new Broker();
    try {
      const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'jobs.fifo', Attributes: { FifoQueue: 'true' } });
      broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: '{"n":1}', MessageGroupId: 'g', MessageDeduplicationId: 'd1', MessageAttributes: { kind: { DataType: 'String', StringValue: 'x' } } });
      const file = exportFile('jobs.fifo', broker.sqs.peek('jobs.fifo').messages, new Date(0));
      assert.deepEqual(file, {
        queue: 'jobs.fifo',
        exportedAt: '1970-01-01T00:00:00.000Z',
        messages: [{ body: '{"n":1}', messageAttributes: { kind: { DataType: 'String', StringValue: 'x' } }, messageGroupId: 'g', messageDeduplicationId: 'd1' }],
      });
      assert.deepEqual(importEntries(JSON.stringify(file)), [{
        MessageBody: '{"n":1}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'x' } }, MessageGroupId: 'g', MessageDeduplicationId: 'd1',
      }]);
    } finally {
      broker.dispose();
    }
  });

  it('writes binary attribute values as base64 text and reads them back as bytes', () => {
    const broker = new Broker();
    try {
      const { QueueUrl } = broker.sqs.operations.CreateQueue({ QueueName: 'bin' });
      broker.sqs.operations.SendMessage({ QueueUrl, MessageBody: 'b', MessageAttributes: { raw: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2, 255]) } } });
      const file = exportFile('bin', broker.sqs.peek('bin').messages, new Date(0));
      assert.deepEqual(file.messages[0].messageAttributes, { raw: { DataType: 'Binary', BinaryValue: 'AAEC/w==' } });
      assert.deepEqual(importEntries(JSON.stringify(file))[0].MessageAttributes, { raw: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2, 255]) } });
      const bad = { messages: [{ body: 'b', messageAttributes: { raw: { DataType: 'Binary', BinaryValue: 'not base64!' } } }] };
      assert.throws(() => importEntries(JSON.stringify(bad)), /Message 1: The binary value of attribute 'raw' is not base64/);
    } finally {
      broker.dispose();
    }
  });

  it('imports a bare list of bodies and says which message is not sendable', () => {
    assert.deepEqual(importEntries('["a", {"body": "b"}]'), [{ MessageBody: 'a' }, { MessageBody: 'b' }]);
    assert.throws(() => importEntries('{"messages": [{"body": "ok"}, {"nobody": 1}]}'), /Message 2 has no "body" string/);
    assert.throws(() => importEntries('["ok", ""]'), /Message 2: A message body must not be empty/);
    assert.throws(() => importEntries('not json'), /The file is not JSON/);
    assert.throws(() => importEntries('{"queue": "q"}'), /Expected an Eventyard export/);
  });

  it('copies the environment an unchanged AWS SDK needs', () => {
    assert.equal(environmentText('http://127.0.0.1:4566', 'eu-west-1'),
      'AWS_ENDPOINT_URL=http://127.0.0.1:4566\nAWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=test\nAWS_SECRET_ACCESS_KEY=test\n');
  });
});
