import assert from 'node:assert/strict';
import type { MessageSummary, TraceHopInfo, TraceInfo } from '../../../src/inspector/protocol';
import { deadLetterReason } from '../../../webview/logic/dead-letter-reason';
import { describeFilter, describeOrigin, timelineRows, traceLanes, traceOutcome, traceStats, traceTitle } from '../../../webview/logic/trace-timeline';

let seq = 0;
const hop = (fields: Partial<TraceHopInfo> & Pick<TraceHopInfo, 'service' | 'resource' | 'kind'>): TraceHopInfo => ({ traceId: 't', seq: ++seq, at: 1_000 + seq * 250, ...fields });

/** SNS -> filtered subscription and a queue -> two receives -> DLQ -> redrive -> deleted. */
function journey(): TraceInfo {
  seq = 0;
  const topic = 'arn:aws:sns:us-east-1:000000000000:events';
  return {
    traceId: 't',
    origin: { via: 'wire', protocol: 'query', action: 'Publish', client: 'aws-cli/2.15.0', userAgent: 'aws-cli/2.15.0 Python/3.11', accountId: '000000000000' },
    hops: [
      hop({ service: 'sns', resource: topic, kind: 'published', payload: '{"n":1}' }),
      hop({ service: 'sns', resource: topic, kind: 'filteredOut', filter: { key: 'kind', condition: '["audit"]', seen: ['order'] } }),
      hop({ service: 'sqs', resource: 'orders', kind: 'sent', payload: '{"n":1}' }),
      hop({ service: 'sqs', resource: 'orders', kind: 'received', receiveCount: 1 }),
      hop({ service: 'functions', resource: 'worker', kind: 'invocationFailed', detail: 'Error: boom' }),
      hop({ service: 'sqs', resource: 'orders', kind: 'visibilityExpired' }),
      hop({ service: 'sqs', resource: 'orders', kind: 'received', receiveCount: 2 }),
      hop({ service: 'sqs', resource: 'orders', kind: 'movedToDeadLetterQueue' }),
      hop({ service: 'sqs', resource: 'orders-dlq', kind: 'sent', payload: '{"n":2}' }),
      hop({ service: 'sqs', resource: 'orders-dlq', kind: 'redriven' }),
      hop({ service: 'sqs', resource: 'orders', kind: 'deleted' }),
    ],
  };
}

describe('inspector: trace timeline logic', () => {
  it('gives each resource a lane in the order the message reached it, topics by name', () => {
    assert.deepEqual(traceLanes(journey().hops).map((l) => l.label), ['topic events', 'queue orders', 'function worker', 'queue orders-dlq']);
  });

  it('puts each hop on its lane with its time after entry, in hop order even when handed out of order', () => {
    const trace = journey();
    trace.hops.reverse();
    const rows = timelineRows(trace);
    assert.deepEqual(rows.map((r) => r.lane), [0, 0, 1, 1, 2, 1, 1, 1, 3, 3, 1]);
    assert.equal(rows[0].offset, '+0.000 s');
    assert.equal(rows[10].offset, '+2.500 s');
    assert.equal(rows[3].label, 'Received (receive #1)');
    assert.deepEqual(rows.map((r) => r.tone).filter((t) => t !== 'plain'), ['warn', 'bad', 'warn', 'bad', 'warn', 'good']);
  });

  it('opens a payload only where it changed from the last one shown', () => {
    const rows = timelineRows(journey());
    assert.deepEqual(rows.filter((r) => r.payloadChanged).map((r) => r.hop.seq), [1, 9], 'the queue got the same text; the DLQ copy differs');
  });

  it('says why a filter or a pattern said no: the first failing condition and the value seen', () => {
    const rows = timelineRows(journey());
    assert.deepEqual(rows[1].why, ['first failing condition: kind ["audit"]; the message had "order"']);
    assert.equal(describeFilter({ key: 'amount', condition: '[{"numeric":[">",100]}]' }), 'first failing condition: amount [{"numeric":[">",100]}]; the message has no amount');
    seq = 0;
    const [put] = timelineRows({
      traceId: 'e',
      hops: [hop({ service: 'events', resource: 'default', kind: 'put', patternMisses: [{ rule: 'paid', miss: { path: 'detail.state', expected: '["paid"]', seen: ['"shipped"'], text: 'detail.state is "shipped", not one of ["paid"]' } }] })],
    });
    assert.deepEqual(put.why, ['rule paid did not match: detail.state is "shipped", not one of ["paid"]']);
  });

  it('counts retries, visibility expiries and receives, and says where the trace ended', () => {
    const trace = journey();
    assert.deepEqual(traceStats(trace.hops), { retries: 0, visibilityExpiries: 1, maxReceiveCount: 2, filtered: 1 });
    assert.deepEqual(traceOutcome(trace), { text: 'Ended: consumed (deleted from queue orders)', tone: 'good' });
    assert.deepEqual(traceOutcome({ ...trace, hops: trace.hops.slice(0, 8) }), { text: 'Waiting in a dead-letter queue', tone: 'bad' });
    assert.deepEqual(traceOutcome({ ...trace, hops: trace.hops.slice(0, 2) }), { text: 'Ended: dropped by a filter at topic events', tone: 'warn' });
    assert.deepEqual(traceOutcome({ ...trace, hops: trace.hops.slice(0, 4) }), { text: 'In flight in queue orders', tone: 'plain' });
    assert.deepEqual(traceOutcome({ traceId: 'x', hops: [] }), { text: 'No hops recorded', tone: 'plain' });
    assert.equal(traceTitle(trace), 'Published to topic events · 11 hops');
  });

  it('says where a trace entered', () => {
    assert.equal(describeOrigin(journey().origin), 'Publish over query from aws-cli/2.15.0 (account 000000000000)');
    assert.equal(describeOrigin({ via: 'editor', action: 'inspector queue/send' }), 'inspector queue/send from the editor');
    assert.equal(describeOrigin(undefined), 'from inside the broker (no request recorded)');
  });

  it("says why a dead letter died: receives, age and the consumer's last error", () => {
    const m: MessageSummary = { messageId: 'm1', state: 'visible', sentTimestamp: 10_000, receiveCount: 3, size: 1, preview: 'x', deadLetterSourceQueueName: 'orders' };
    assert.deepEqual(deadLetterReason(m, 135_000), {
      received: 'received 3×', age: '2 min 05 s',
      text: 'Dead letter m1 from orders, received 3×, 2 min 05 s old; no consumer error recorded',
    });
    const failed = deadLetterReason({ ...m, lastConsumerError: { functionName: 'worker', requestId: 'r', at: 0, error: 'Error: boom' } }, 10_500);
    assert.equal(failed.error, 'worker: Error: boom');
    assert.equal(failed.age, '0.5 s');
    assert.match(failed.text, /last consumer error worker: Error: boom$/);
  });
});
