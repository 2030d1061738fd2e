import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { ActivityLog } from '../../../src/extension/inspector/activity-log';
import { InspectorSession } from '../../../src/extension/inspector/session';
import type { HostMessage, InspectorMethod, ParamsOf, ResultOf } from '../../../src/inspector/protocol';
import { decodeRecording, encodeLine, sliceRecording, type RecordedRequest } from '../../../src/recording/recording';
import { replay } from '../../../src/recording/replayer';
import { startServer } from '../../../src/server/server';

const url = (name: string) => `http://127.0.0.1:4566/000000000000/${name}`;

/** A recording of four resources: single sends, a batch, binary and text records, hostile text. */
function recordingLines(): RecordedRequest[] {
  const at = (t: number) => new Date(Date.UTC(2026, 0, 1) + t).toISOString();
  return [
    { t: 0, at: at(0), service: 'sqs', action: 'SendMessage', resource: 'orders', input: { QueueUrl: url('orders'), MessageBody: '{"order":1}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'new' } } } },
    { t: 100, at: at(100), service: 'kinesis', action: 'PutRecord', resource: 'clicks', input: { StreamName: 'clicks', PartitionKey: 'p1', Data: new Uint8Array(Buffer.from('click 1')) } },
    { t: 250, at: at(250), service: 'sqs', action: 'SendMessageBatch', resource: 'orders', input: { QueueUrl: url('orders'), Entries: [{ Id: 'a', MessageBody: '{"order":2}' }, { Id: 'b', MessageBody: '{"order":3}' }] } },
    { t: 400, at: at(400), service: 'kinesis', action: 'PutRecord', resource: 'clicks', input: { StreamName: 'clicks', PartitionKey: 'p2', Data: new Uint8Array([0xff, 0xfe, 0x00]) } },
    { t: 500, at: at(500), service: 'sns', action: 'Publish', resource: 'alerts', input: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:alerts', Message: '<img src=x onerror=alert(1)>', Subject: 'Hi' } },
    { t: 900, at: at(900), service: 'sqs', action: 'SendMessage', resource: 'orders', input: { QueueUrl: url('orders'), MessageBody: '{"order":4}' } },
  ];
}

describe('inspector: recording timeline session', () => {
  let dir: string;
  let file: string;
  let broker: Broker;
  let session: InspectorSession;
  const posted: HostMessage[] = [];
  let id = 1;
  let replayed: { file: string; from: number; to: number; speed: number }[] = [];

  async function request<M extends InspectorMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const n = id++;
    await session.receive({ type: 'request', id: n, method, params } as never);
    const r = posted.find((m) => m.type === 'response' && m.id === n);
    if (!r || r.type !== 'response') throw new Error('no response');
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.result as ResultOf<M>;
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ey-timeline-'));
    file = path.join(dir, 'traffic.ndjson');
    fs.writeFileSync(file, recordingLines().map(encodeLine).join('\n') + '\n');
    broker = new Broker();
    replayed = [];
    session = new InspectorSession({
      broker, resource: { kind: 'recording', name: file }, activity: new ActivityLog(), post: (m) => posted.push(m),
      replayRecording: async (f, range) => {
        replayed.push({ file: f, ...range });
        return { sent: range.to - range.from, skipped: 0, failed: [], elapsed: 12 };
      },
    });
  });
  afterEach(() => {
    session.dispose();
    broker.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lays the requests out by resource on the time axis', async () => {
    const o = await request('recording/overview', {});
    assert.equal(o.file, 'traffic.ndjson');
    assert.equal(o.requests, 6);
    assert.equal(o.durationMs, 900);
    assert.equal(o.startedAt, '2026-01-01T00:00:00.000Z');
    assert.deepEqual(o.lanes, [
      { resource: 'orders', service: 'sqs', requests: 3 },
      { resource: 'clicks', service: 'kinesis', requests: 2 },
      { resource: 'alerts', service: 'sns', requests: 1 },
    ]);
    assert.deepEqual(o.times, [0, 100, 250, 400, 500, 900]);
    assert.deepEqual(o.laneOf, [0, 1, 0, 1, 2, 0]);
  });

  it('lists the requests up to the scrubber, newest first, of one lane when asked', async () => {
    await request('recording/overview', {});
    const upTo3 = await request('recording/rows', { upTo: 3, offset: 0, limit: 10 });
    assert.equal(upTo3.total, 3);
    assert.deepEqual(upTo3.items.map((r) => [r.index, r.action, r.entries, r.preview]), [
      [2, 'SendMessageBatch', 2, '{"order":2}'],
      [1, 'PutRecord', 1, 'click 1'],
      [0, 'SendMessage', 1, '{"order":1}'],
    ]);
    const orders = await request('recording/rows', { upTo: 6, lane: 0, offset: 1, limit: 1 });
    assert.equal(orders.total, 3);
    assert.deepEqual(orders.items.map((r) => r.index), [2]);
    assert.equal((await request('recording/rows', { upTo: 0, offset: 0, limit: 10 })).total, 0);
  });

  it('shows a request\'s payloads as text: attributes, binary as base64, markup as it was typed', async () => {
    await request('recording/overview', {});
    const first = await request('recording/request', { index: 0 });
    assert.deepEqual(first.payloads, [{ body: '{"order":1}', binary: false, details: { 'attribute kind': 'String: new' } }]);
    const batch = await request('recording/request', { index: 2 });
    assert.deepEqual(batch.payloads.map((p) => p.body), ['{"order":2}', '{"order":3}']);
    const binary = await request('recording/request', { index: 3 });
    assert.deepEqual(binary.payloads, [{ body: '//4A', binary: true, details: { PartitionKey: 'p2' } }]);
    const hostile = await request('recording/request', { index: 4 });
    assert.equal(hostile.payloads[0].body, '<img src=x onerror=alert(1)>');
    assert.equal(hostile.payloads[0].details.Subject, 'Hi');
    assert.match(hostile.input, /"Message": "<img src=x onerror=alert\(1\)>"/);
    await assert.rejects(request('recording/request', { index: 99 }), /has no request 100/);
  });

  it('replays a stretch through the editor\'s replay, "as fast as possible" sent as speed 0', async () => {
    await request('recording/overview', {});
    const r = await request('recording/replay', { from: 2, to: 5, speed: 0 });
    assert.deepEqual(replayed, [{ file, from: 2, to: 5, speed: Infinity }]);
    assert.deepEqual(r, { sent: 3, refused: 0, firstError: undefined, elapsedMs: 12 });
    await request('recording/replay', { from: 4, to: 99, speed: 10 });
    assert.deepEqual(replayed[1], { file, from: 4, to: 6, speed: 10 });
    await assert.rejects(request('recording/replay', { from: 3, to: 3, speed: 1 }), /at least one request/);
  });

  it('reads the file again on reload, and says which line is not a recorded request', async () => {
    await request('recording/overview', {});
    fs.appendFileSync(file, encodeLine({ t: 1200, at: '', service: 'sqs', action: 'SendMessage', resource: 'late', input: { QueueUrl: url('late'), MessageBody: 'x' } }) + '\n');
    assert.equal((await request('recording/overview', {})).requests, 7);
    fs.appendFileSync(file, '{"nope": true}\n');
    await assert.rejects(request('recording/overview', {}), /Line 8 is not a recorded request/);
  });

  it('a selection replayed into a real broker sends exactly its messages, from the first at once', async () => {
    const target = new Broker();
    const server = await startServer(target, { port: 0, log: () => undefined });
    try {
      target.sqs.operations.CreateQueue({ QueueName: 'orders' });
      target.sns.operations.CreateTopic({ Name: 'alerts' });
      target.kinesis.operations.CreateStream({ StreamName: 'clicks', ShardCount: 1 });
      const requests = decodeRecording(fs.readFileSync(file, 'utf8'));
      // Requests 2..4 (the batch, the binary record, the publish): the first at 0 ms, the spacing kept.
      const selection = sliceRecording(requests, 2, 5);
      assert.deepEqual(selection.map((r) => r.t), [0, 150, 250]);
      const result = await replay(selection, { endpoint: server.url, speed: 1 });
      assert.deepEqual(result.failed, []);
      assert.equal(result.sent, 3);
      assert.ok(result.elapsed >= 245, `took ${result.elapsed} ms: the recorded spacing was not kept`);
      assert.deepEqual(target.sqs.peek('orders').messages.map((m) => m.body), ['{"order":2}', '{"order":3}']);
    } finally {
      await server.close();
      target.dispose();
    }
  });
});
