import assert from 'node:assert/strict';
import { readCsv, writeCsv } from '../../../src/recording/csv';
import { bodyBytes, decodeExport, encodeExport, formatOf, sdkAttributes, type ExportedMessage } from '../../../src/recording/export-file';
import { parseTarget } from '../../../src/recording/transfer';
import { inBatches } from '../../../src/event-files/wire-client';

const messages: ExportedMessage[] = [
  {
    body: '{"order":1,"note":"a, b"}',
    messageAttributes: { kind: { DataType: 'String', StringValue: 'x "y"' }, raw: { DataType: 'Binary', BinaryValue: 'AAEC/w==' } },
    messageGroupId: 'g1', messageDeduplicationId: 'd1', messageId: 'm1', timestamp: '2026-01-01T00:00:00.000Z',
  },
  { body: 'line one\r\nline "two",\n', subject: 'Hi, there' },
  { body: '//79AA==', encoding: 'base64', partitionKey: 'user-1', shardId: 'shardId-000000000000', sequenceNumber: '4960' },
  { body: '' },
];

describe('export files (NDJSON and CSV)', () => {
  for (const format of ['json', 'csv'] as const) {
    it(`reads back what it wrote as ${format}, field for field`, () => {
      assert.deepEqual(decodeExport(encodeExport(messages, format), format), messages);
    });
  }

  it('writes one JSON document a line, and a CSV header with bodies quoted only where they must be', () => {
    const ndjson = encodeExport(messages.slice(0, 2), 'json');
    assert.equal(ndjson.split('\n').length, 3);
    assert.deepEqual(JSON.parse(ndjson.split('\n')[1]), messages[1]);
    const csv = encodeExport([{ body: 'plain' }, { body: 'a,"b"' }], 'csv');
    assert.equal(csv, 'messageId,timestamp,messageGroupId,messageDeduplicationId,partitionKey,shardId,sequenceNumber,subject,messageAttributes,encoding,body\r\n'
      + ',,,,,,,,,,plain\r\n'
      + ',,,,,,,,,,"a,""b"""\r\n');
  });

  it('reads a JSON array of bodies, the earlier { messages } document, and CSV from a spreadsheet with only a body column', () => {
    assert.deepEqual(decodeExport('["a", {"body": "b"}]', 'json'), [{ body: 'a' }, { body: 'b' }]);
    assert.deepEqual(decodeExport('{"queue":"q","exportedAt":"x","messages":[{"body":"a","messageGroupId":"g"}]}', 'json'), [{ body: 'a', messageGroupId: 'g' }]);
    assert.deepEqual(decodeExport('{"body":"only"}\n', 'json'), [{ body: 'only' }]);
    assert.deepEqual(decodeExport('\uFEFFbody\n"x, y"\nz\n', 'csv'), [{ body: 'x, y' }, { body: 'z' }]);
    assert.deepEqual(decodeExport('', 'json'), []);
  });

  it('names the first message it cannot send and why', () => {
    assert.throws(() => decodeExport('{"body":"a"}\n{"nobody":1}\n', 'json'), /^Error: Message 2 has no "body" string\.$/);
    assert.throws(() => decodeExport('{"body":"a"}\n{oops\n', 'json'), /^Error: Line 2 is not JSON/);
    assert.throws(() => decodeExport('{"queue":"q"}', 'json'), /Expected one message a line/);
    assert.throws(() => decodeExport('{"body":"a","encoding":"hex"}', 'json'), /Message 1: encoding must be "base64"/);
    assert.throws(() => decodeExport('{"body":"not base64!","encoding":"base64"}', 'json'), /Message 1: the body is marked base64 but is not base64/);
    assert.throws(() => decodeExport('{"body":"b","messageAttributes":{"raw":{"DataType":"Binary","BinaryValue":"%%"}}}', 'json'), /Message 1: The binary value of attribute 'raw' is not base64/);
    assert.throws(() => decodeExport('{"body":"b","messageGroupId":7}', 'json'), /Message 1: messageGroupId must be a string/);
    assert.throws(() => decodeExport('text\nx\n', 'csv'), /no "body" column/);
    assert.throws(() => decodeExport('body,colour\nx,red\n', 'csv'), /columns this import does not know: colour/);
    assert.throws(() => decodeExport('body,subject\nx\n', 'csv'), /Row 2 has 1 fields; the header has 2/);
    assert.throws(() => decodeExport('body,messageAttributes\nx,{nope\n', 'csv'), /Row 2: messageAttributes is not a JSON object/);
  });

  it('turns a message into what the SDK sends: bytes for base64 bodies and binary attributes', () => {
    assert.deepEqual([...bodyBytes(messages[2])], [0xff, 0xfe, 0xfd, 0]);
    assert.equal(Buffer.from(bodyBytes(messages[0])).toString(), messages[0].body);
    assert.deepEqual(sdkAttributes(messages[0]), { kind: { DataType: 'String', StringValue: 'x "y"' }, raw: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2, 255]) } });
    assert.equal(sdkAttributes(messages[1]), undefined);
  });

  it('knows a file format by its name, else by its first character', () => {
    assert.equal(formatOf('a.csv', '{'), 'csv');
    assert.equal(formatOf('a.ndjson', 'x'), 'json');
    assert.equal(formatOf('a.txt', '  [1]'), 'json');
    assert.equal(formatOf('a.txt', 'body\nx'), 'csv');
  });
});

describe('CSV (RFC 4180)', () => {
  it('keeps commas, quotes, CR and LF inside quoted fields and empty fields anywhere', () => {
    const rows = [['a', 'b', 'c'], ['', 'x,y', ''], ['"q"', 'one\r\ntwo', 'end\n']];
    assert.deepEqual(readCsv(writeCsv(rows[0], rows.slice(1))), rows);
    assert.deepEqual(readCsv('a,b\nc,d'), [['a', 'b'], ['c', 'd']]);
    assert.deepEqual(readCsv('a,""\n"",b\n'), [['a', ''], ['', 'b']]);
  });

  it('refuses a quote that is not closed, or text after a closing quote, naming the row', () => {
    assert.throws(() => readCsv('a\n"open\n'), /Row 2: a quoted field is not closed/);
    assert.throws(() => readCsv('"a"b\n'), /Row 1: text after a quoted field/);
    assert.throws(() => readCsv('a"b\n'), /Row 1: a quote inside an unquoted field/);
  });
});

describe('export targets', () => {
  it('reads queue:, topic: and stream: names, queue URLs and ARNs, and refuses a bare name', () => {
    assert.deepEqual(parseTarget('queue:orders.fifo'), { kind: 'queue', name: 'orders.fifo' });
    assert.deepEqual(parseTarget('http://127.0.0.1:4566/000000000000/orders'), { kind: 'queue', name: 'orders' });
    assert.deepEqual(parseTarget('arn:aws:sns:us-east-1:000000000000:alerts'), { kind: 'topic', name: 'alerts' });
    assert.deepEqual(parseTarget('arn:aws:kinesis:eu-west-1:123456789012:stream/clicks'), { kind: 'stream', name: 'clicks' });
    assert.deepEqual(parseTarget('arn:aws:sqs:us-east-1:000000000000:jobs'), { kind: 'queue', name: 'jobs' });
    assert.throws(() => parseTarget('orders'), /"orders" names no queue, topic or stream/);
  });
});

describe('batches for SendMessageBatch and PutRecords', () => {
  it('cuts at the count and before the bytes would pass the limit; an item over the limit goes alone', () => {
    const size = (n: number) => n;
    assert.deepEqual(inBatches([1, 1, 1, 1, 1], 2, 100, size), [[1, 1], [1, 1], [1]]);
    assert.deepEqual(inBatches([60, 30, 20, 100, 150, 1], 10, 100, size), [[60, 30], [20], [100], [150], [1]]);
    assert.deepEqual(inBatches([], 10, 100, size), []);
  });
});
