import assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/inspector/protocol';
import { SessionHarness } from './harness';

describe('inspector: the trace panel', () => {
  let h: SessionHarness;
  beforeEach(() => (h = new SessionHarness()));
  afterEach(() => h.dispose());

  it('finds a message published from the inspector by id, with its hops and the editor as where it entered', async () => {
    const q = h.queue('orders');
    const { TopicArn } = h.broker.sns.operations.CreateTopic({ Name: 'events' });
    h.broker.sns.operations.Subscribe({ TopicArn, Protocol: 'sqs', Endpoint: h.arn(q), Attributes: { FilterPolicy: JSON.stringify({ kind: ['order'] }) } });
    const topic = h.open({ kind: 'topic', name: 'events' });
    const { messageId } = await h.request(topic, 'topic/publish', { message: '{"n":1}', attributes: { kind: { DataType: 'String', StringValue: 'refund' } } });

    const panel = h.open({ kind: 'trace', name: messageId });
    const [trace] = await h.request(panel, 'trace/find', { query: messageId, by: 'any', limit: 20 });
    assert.equal(trace.traceId, messageId);
    assert.deepEqual(trace.origin, { via: 'editor', action: 'inspector topic/publish' });
    assert.deepEqual(trace.hops.map((x) => x.kind), ['published', 'filteredOut']);
    assert.deepEqual(trace.hops[1].filter, { key: 'kind', condition: '["order"]', seen: ['refund'] });

    const byAttribute = await h.request(panel, 'trace/find', { query: 'kind=refund', by: 'attribute', limit: 20 });
    assert.deepEqual(byAttribute.map((t) => t.traceId), [messageId]);
    assert.deepEqual(await h.request(panel, 'trace/find', { query: 'kind=other', by: 'attribute', limit: 20 }), []);
    assert.deepEqual(await h.request(panel, 'trace/find', { query: '{"n":1}', by: 'id', limit: 20 }), [], 'by id does not fall back to text');
    assert.equal((await h.request(panel, 'trace/find', { query: '"n":1', by: 'any', limit: 20 }))[0].traceId, messageId);
  });

  it("gives an EventBridge put the rules whose pattern said no, with the first failing field and the event's value", async () => {
    const ev = h.broker.eventbridge.operations;
    ev.PutRule({ Name: 'paid', EventPattern: JSON.stringify({ source: ['shop'], detail: { state: ['paid'] } }) });
    const { Entries } = ev.PutEvents({ Entries: [{ Source: 'shop', DetailType: 'Order', Detail: '{"state":"shipped"}' }] });
    const panel = h.open({ kind: 'trace', name: Entries![0].EventId! });
    const [trace] = await h.request(panel, 'trace/find', { query: Entries![0].EventId!, by: 'id', limit: 5 });
    const put = trace.hops[0];
    assert.equal(put.kind, 'put');
    assert.equal(put.patternMisses?.length, 1);
    const { rule, miss } = put.patternMisses![0];
    assert.equal(rule, 'paid');
    assert.equal(miss.path, 'detail.state');
    assert.deepEqual(miss.seen, ['"shipped"']);
  });

  it('hears changes of every traced service, so an open trace grows as the message moves', async () => {
    const q = h.queue('q');
    const panel = h.open({ kind: 'trace', name: 'x' });
    await panel.receive({ type: 'ready' });
    h.sqs.SendMessage({ QueueUrl: q, MessageBody: 'hello' });
    h.broker.kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 1 });
    h.flush();
    const changes = h.posted.filter((m): m is Extract<HostMessage, { type: 'changed' }> => m.type === 'changed').flatMap((m) => m.changes);
    assert.ok(changes.some((c) => c.service === 'sqs' && c.type === 'messageSent'));
  });

  it('says tracing is off when the broker keeps no traces', async () => {
    const off = new SessionHarness({ traceBufferSize: 0 });
    try {
      const panel = off.open({ kind: 'trace', name: 'x' });
      await assert.rejects(off.request(panel, 'trace/find', { query: 'x', by: 'any', limit: 5 }), { code: 'TracingOff' });
    } finally {
      off.dispose();
    }
  });

  it("shows a dead letter's last consumer error in the DLQ's rows", async () => {
    const dlq = h.queue('jobs-dlq');
    const source = h.queue('jobs', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: h.arn(dlq), maxReceiveCount: 1 }) });
    const { MessageId } = h.sqs.SendMessage({ QueueUrl: source, MessageBody: 'x' });
    const other = h.sqs.SendMessage({ QueueUrl: source, MessageBody: 'y' }).MessageId;
    for (let i = 0; i < 2; i++) await h.sqs.ReceiveMessage({ QueueUrl: source, MaxNumberOfMessages: 10, VisibilityTimeout: 0 });
    h.broker.functions.consumerErrors.record([MessageId], {
      requestId: 'r1', functionName: 'worker', trigger: { type: 'manual' }, startedAt: 5, status: 'failed', input: {},
      error: { errorType: 'CardDeclined', errorMessage: 'card 4242 declined' }, logs: '', durationMs: 1,
    });
    const s = h.open({ kind: 'queue', name: 'jobs-dlq' });
    const page = await h.request(s, 'queue/peek', { state: 'all', offset: 0, limit: 10 });
    const row = page.messages.find((m) => m.messageId === MessageId)!;
    assert.deepEqual(row.lastConsumerError, { functionName: 'worker', requestId: 'r1', at: 5, error: 'CardDeclined: card 4242 declined' });
    assert.equal(page.messages.find((m) => m.messageId === other)!.lastConsumerError, undefined);
  });
});
