import assert from 'node:assert/strict';
import { FakeData } from '../../../src/event-files/fake-data';
import { parseEventFile } from '../../../src/event-files/parse';
import { eventFileFrom } from '../../../src/event-files/save';
import { substitute } from '../../../src/event-files/variables';

const filled = (value: unknown) => substitute(value, { vars: {}, env: {}, steps: {}, fake: new FakeData(1) });

describe('event files: saving messages, records and events as a file', () => {
  it('writes a file that parses, one named step per item, bodies as they were', () => {
    const saved = eventFileFrom([
      { kind: 'message', queue: 'orders-dlq', body: '{"id":1,"note":"costs ${price}"}', attributes: { source: { DataType: 'String', StringValue: 'web' }, n: { DataType: 'Number', StringValue: '3' } } },
      { kind: 'message', queue: 'orders-dlq', body: 'plain ${text} $${kept}' },
      { kind: 'publish', topic: 'arn:aws:sns:us-east-1:000000000000:alerts', message: '{ "spaced": true }', subject: 'Hi' },
      { kind: 'record', stream: 'clicks', data: '{"page":"/"}', partitionKey: 'user-1' },
      { kind: 'event', bus: 'default', source: 'shop', detailType: 'Order Placed', detail: '{"id":7}' },
    ], 'dead letters');
    const parsed = parseEventFile(saved.text);
    assert.deepEqual(parsed.issues, []);
    const steps = parsed.file!.steps;
    assert.deepEqual(steps.map((s) => s.name), ['send-orders-dlq-1', 'send-orders-dlq-2', 'publish-alerts-1', 'put-clicks-1', 'put-order-placed-1']);
    // What the runner sends after filling placeholders is the original text, byte for byte.
    const send = filled(steps[0].send) as { body: unknown; attributes: unknown };
    assert.equal(JSON.stringify(send.body), '{"id":1,"note":"costs ${price}"}');
    assert.deepEqual(send.attributes, { source: 'web', n: 3 });
    assert.equal((filled(steps[1].send) as { body: string }).body, 'plain ${text} $${kept}');
    assert.equal((filled(steps[2].publish) as { message: string }).message, '{ "spaced": true }', 'JSON not written compactly stays text');
    assert.deepEqual(steps[3].putRecords, { stream: 'clicks', data: { page: '/' }, partitionKey: 'user-1' });
    assert.deepEqual(steps[4].putEvents, { source: 'shop', detailType: 'Order Placed', detail: { id: 7 } });
    assert.deepEqual(saved.notes, []);
  });

  it('says what it could not keep: binary attributes, Numbers the runner would rewrite, FIFO dedup ids made fresh', () => {
    const saved = eventFileFrom([
      { kind: 'message', queue: 'q.fifo', body: 'x', groupId: 'g1', deduplicationId: 'd1', attributes: { b: { DataType: 'Binary', BinaryValue: 'AQI=' }, p: { DataType: 'Number', StringValue: '1.50' } } },
    ], 'fifo');
    const step = parseEventFile(saved.text).file!.steps[0];
    assert.equal(step.send?.groupId, 'g1');
    assert.equal(step.send?.deduplicationId, '${faker:string.uuid}');
    assert.equal(step.send?.attributes, undefined);
    assert.equal(saved.notes.length, 2);
    assert.match(saved.text, /# Note: item 1: attribute "b" \(Binary\) is left out/);
  });
});
