import assert from 'node:assert/strict';
import type { SavedItem } from '../../../src/event-files/save';
import { SessionHarness } from './harness';

describe('inspector: save as event file', () => {
  let h: SessionHarness;
  afterEach(() => h.dispose());

  it('saves chosen dead letters, in the order chosen, as sends to the queue they failed in', async () => {
    h = new SessionHarness();
    const dlq = h.queue('orders-dlq');
    const source = h.queue('orders', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: h.arn(dlq), maxReceiveCount: 1 }) });
    const ids = ['a', 'b', 'c'].map((b) => h.sqs.SendMessage({ QueueUrl: source, MessageBody: b, MessageAttributes: { k: { DataType: 'String', StringValue: b } } }).MessageId);
    for (let i = 0; i < 2; i++) await h.sqs.ReceiveMessage({ QueueUrl: source, MaxNumberOfMessages: 10, VisibilityTimeout: 0 });
    const saved: { items: SavedItem[]; name: string }[] = [];
    const s = h.open({ kind: 'queue', name: 'orders-dlq' }, { saveEventFile: (items, name) => void saved.push({ items, name }) });
    const answer = await h.request(s, 'eventFile/save', { ids: [ids[2], ids[0], 'gone'] });
    assert.deepEqual(answer, { saved: 2 });
    assert.equal(saved[0].name, 'orders-dlq');
    assert.deepEqual(saved[0].items.map((i) => i.kind === 'message' && [i.queue, i.body, i.attributes?.k.StringValue]), [['orders', 'c', 'c'], ['orders', 'a', 'a']]);
  });

  it('saves a bus event and a topic outbox entry', async () => {
    h = new SessionHarness();
    h.broker.eventbridge.operations.PutEvents({ Entries: [{ Source: 'shop', DetailType: 'Order Placed', Detail: '{"id":7}' }] });
    const eventId = h.broker.eventbridge.recentEvents('default')[0].event.id;
    const saved: SavedItem[][] = [];
    const bus = h.open({ kind: 'bus', name: 'default' }, { saveEventFile: (items) => void saved.push(items) });
    assert.deepEqual(await h.request(bus, 'eventFile/save', { ids: [eventId] }), { saved: 1 });
    assert.deepEqual(saved[0], [{ kind: 'event', bus: 'default', source: 'shop', detailType: 'Order Placed', detail: '{"id":7}' }]);

    const { TopicArn } = h.broker.sns.operations.CreateTopic({ Name: 'alerts' });
    h.broker.sns.operations.Subscribe({ TopicArn: TopicArn!, Protocol: 'sms', Endpoint: '+15555550100' });
    await h.broker.sns.operations.Publish({ TopicArn: TopicArn!, Message: 'disk full', Subject: 'Alert' });
    const entry = h.broker.sns.listOutbox().find((e) => e.body.includes('disk full'));
    const topic = h.open({ kind: 'topic', name: 'alerts' }, { saveEventFile: (items) => void saved.push(items) });
    assert.deepEqual(await h.request(topic, 'eventFile/save', { ids: [String(entry!.id)] }), { saved: 1 });
    assert.deepEqual(saved[1], [{ kind: 'publish', topic: 'alerts', message: entry!.body, ...(entry!.subject ? { subject: entry!.subject } : {}) }]);
  });
});
