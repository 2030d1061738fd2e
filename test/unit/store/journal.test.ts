import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import { isAwsError } from '../../../src/broker/errors';
import { StoreError } from '../../../src/broker/store/store-error';
import { Restartable } from './support';

/** What a crash would leave: the folder's files as they are on disk right now, in another folder. */
function crashCopy(dir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-crash-'));
  for (const name of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, name), path.join(copy, name));
  return copy;
}

function journalOf(dir: string): string {
  const name = fs.readdirSync(dir).find((n) => n.startsWith('journal-'));
  assert.ok(name, 'a journal file');
  return path.join(dir, name);
}

async function bodies(broker: Broker, queue: string): Promise<string[]> {
  const url = broker.sqs.queueUrl(queue);
  const got = await broker.sqs.operations.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 3600 });
  return (got.Messages ?? []).map((m) => m.Body!);
}

describe('Store: journal, snapshots and data folder', () => {
  const made: Restartable[] = [];
  const copies: string[] = [];
  const fresh = (options: ConstructorParameters<typeof Restartable>[0] = {}) => {
    const env = new Restartable(options);
    made.push(env);
    return env;
  };
  const open = (dir: string) => new Broker({ persistence: { dataDir: dir } });
  afterEach(async () => {
    for (const env of made.splice(0)) await env.cleanup();
    for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has an acknowledged change on disk (sync mode): a crash right after keeps it', async () => {
    const env = fresh();
    const url = env.broker.sqs.operations.CreateQueue({ QueueName: 'q' }).QueueUrl;
    env.broker.sqs.operations.SendMessage({ QueueUrl: url, MessageBody: 'kept' });
    assert.ok(env.broker.store?.durable(), 'a change waits for the disk');
    await env.durable();
    const copy = crashCopy(env.dir);
    copies.push(copy);
    const after = open(copy);
    try {
      assert.deepEqual(await bodies(after, 'q'), ['kept']);
    } finally {
      await after.close();
    }
  });

  it('after a crash that lost acknowledged records (fast mode), new sequence numbers still rise above them', async () => {
    const env = fresh({ mode: 'fast', fsyncIntervalMs: 20 });
    const kinesis = env.broker.kinesis.operations;
    kinesis.CreateStream({ StreamName: 's', ShardCount: 1 });
    kinesis.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('kept') });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const copy = crashCopy(env.dir);
    copies.push(copy);
    // Acknowledged to the client, but the crash came before it reached the disk.
    const lost = kinesis.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('lost') });
    const after = open(copy);
    try {
      const next = after.kinesis.operations.PutRecord({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('next') });
      assert.ok(BigInt(next.SequenceNumber) > BigInt(lost.SequenceNumber));
      const iterator = after.kinesis.operations.GetShardIterator({
        StreamName: 's', ShardId: lost.ShardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: lost.SequenceNumber,
      }).ShardIterator!;
      const read = await after.kinesis.operations.GetRecords({ ShardIterator: iterator });
      assert.deepEqual(read.Records.map((r) => Buffer.from(r.Data).toString()), ['next']);
    } finally {
      await after.close();
    }
  });

  it('drops a torn tail (a write a crash cut short) and keeps every whole record before it', async () => {
    const env = fresh();
    const url = env.broker.sqs.operations.CreateQueue({ QueueName: 'q' }).QueueUrl;
    for (const body of ['a', 'b', 'c']) env.broker.sqs.operations.SendMessage({ QueueUrl: url, MessageBody: body });
    await env.durable();
    const copy = crashCopy(env.dir);
    copies.push(copy);
    const journal = journalOf(copy);
    const size = fs.statSync(journal).size;
    // Cut the last record in half, as a power cut mid-write would.
    fs.truncateSync(journal, size - 20);
    const after = open(copy);
    try {
      assert.deepEqual(await bodies(after, 'q'), ['a', 'b']);
      assert.ok(after.store!.store.tornBytesDropped > 0);
      // The tail was cut back, so new records follow whole ones and survive the next start.
      after.sqs.operations.SendMessage({ QueueUrl: url, MessageBody: 'd' });
      await after.close();
      const again = open(copy);
      assert.deepEqual(again.sqs.peek('q').messages.map((m) => m.body), ['a', 'b', 'd']);
      await again.close();
    } finally {
      await after.close();
    }
  });

  it('drops a last record with garbage in place of its bytes (checksum mismatch)', async () => {
    const env = fresh();
    const url = env.broker.sqs.operations.CreateQueue({ QueueName: 'q' }).QueueUrl;
    env.broker.sqs.operations.SendMessage({ QueueUrl: url, MessageBody: 'a' });
    await env.durable();
    env.broker.sqs.operations.SendMessage({ QueueUrl: url, MessageBody: 'b' });
    await env.durable();
    const copy = crashCopy(env.dir);
    copies.push(copy);
    const journal = journalOf(copy);
    const bytes = fs.readFileSync(journal);
    bytes.fill(0x41, bytes.length - 10);
    fs.writeFileSync(journal, bytes);
    const after = open(copy);
    assert.deepEqual(await bodies(after, 'q'), ['a']);
    await after.close();
  });

  it('refuses a journal damaged in the middle with a clear StoreError, not a stack trace', async () => {
    const env = fresh();
    const url = env.broker.sqs.operations.CreateQueue({ QueueName: 'q' }).QueueUrl;
    for (const body of ['a', 'b', 'c']) env.broker.sqs.operations.SendMessage({ QueueUrl: url, MessageBody: body });
    await env.durable();
    const copy = crashCopy(env.dir);
    copies.push(copy);
    const journal = journalOf(copy);
    const bytes = fs.readFileSync(journal);
    bytes[20] ^= 0xff;
    fs.writeFileSync(journal, bytes);
    assert.throws(() => open(copy), (e: unknown) => e instanceof StoreError && /journal-\d+\.log is damaged at byte 0/.test(e.message));
  });

  it('refuses a damaged snapshot and a folder another broker holds', async () => {
    const env = fresh();
    await env.broker.store!.store.compact();
    assert.throws(() => open(env.dir), (e: unknown) => e instanceof StoreError && /already in use/.test(e.message));
    const copy = crashCopy(env.dir);
    copies.push(copy);
    fs.writeFileSync(path.join(copy, 'snapshot.eyd'), 'not a snapshot');
    assert.throws(() => open(copy), (e: unknown) => e instanceof StoreError && /snapshot\.eyd/.test(e.message));
  });

  it('compacts into a snapshot that keeps everything, and starts a fresh journal', async () => {
    const env = fresh({ compactAfterBytes: 4096 });
    const ops = env.broker.sqs.operations;
    const url = ops.CreateQueue({ QueueName: 'q.fifo', Attributes: { FifoQueue: 'true' } }).QueueUrl;
    for (let i = 0; i < 200; i++) ops.SendMessage({ QueueUrl: url, MessageBody: `m${i}`, MessageGroupId: 'g', MessageDeduplicationId: `d${i}` });
    await env.durable();
    for (let i = 0; i < 100; i++) {
      const [m] = (await ops.ReceiveMessage({ QueueUrl: url })).Messages!;
      ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! });
    }
    await env.durable();
    // The journal outgrew 4 KiB, so a compaction may be running already; the second one starts from idle.
    await env.broker.store!.store.compact();
    await env.broker.store!.store.compact();
    const files = env.files();
    assert.ok(files.includes('snapshot.eyd'));
    assert.equal(files.filter((f) => f.startsWith('journal-')).length, 1, files.join(','));
    assert.equal(fs.statSync(journalOf(env.dir)).size, 0);
    await env.restart();
    const after = env.broker.sqs.operations;
    const got = await after.ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    assert.deepEqual(got.Messages?.map((m) => m.Body), Array.from({ length: 10 }, (_, i) => `m${100 + i}`));
    // The deduplication window came through the snapshot too.
    assert.equal(after.SendMessage({ QueueUrl: url, MessageBody: 'again', MessageGroupId: 'g', MessageDeduplicationId: 'd150' }).MessageId,
      env.broker.sqs.peek('q.fifo', { offset: 50, limit: 1 }).messages[0].messageId);
  });

  it('keeps changes made while a compaction is being written', async () => {
    const env = fresh();
    const ops = env.broker.sqs.operations;
    const url = ops.CreateQueue({ QueueName: 'q' }).QueueUrl;
    ops.SendMessage({ QueueUrl: url, MessageBody: 'before' });
    const compaction = env.broker.store!.store.compact();
    ops.SendMessage({ QueueUrl: url, MessageBody: 'during' });
    await compaction;
    await env.durable();
    const copy = crashCopy(env.dir);
    copies.push(copy);
    const after = open(copy);
    assert.deepEqual(await bodies(after, 'q'), ['before', 'during']);
    await after.close();
  });

  it('fast mode acknowledges at once and has the change on disk within its fsync interval', async () => {
    const env = fresh({ mode: 'fast', fsyncIntervalMs: 20 });
    const ops = env.broker.sqs.operations;
    const url = ops.CreateQueue({ QueueName: 'q' }).QueueUrl;
    ops.SendMessage({ QueueUrl: url, MessageBody: 'quick' });
    assert.equal(env.broker.store?.durable(), undefined);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const copy = crashCopy(env.dir);
    copies.push(copy);
    const after = open(copy);
    assert.deepEqual(await bodies(after, 'q'), ['quick']);
    await after.close();
  });

  it('without persistence writes nothing and has no store', async () => {
    const broker = new Broker();
    assert.equal(broker.store, undefined);
    await broker.close();
  });

  it('refuses changes that add data once the folder reaches its size limit, with ServiceUnavailable', async () => {
    const env = fresh({ maxBytes: 2000 });
    const ops = env.broker.sqs.operations;
    const url = ops.CreateQueue({ QueueName: 'q' }).QueueUrl;
    const store = env.broker.store!;
    while (store.store.bytes < 2000) ops.SendMessage({ QueueUrl: url, MessageBody: 'x'.repeat(200) });
    await env.durable();
    const held = env.broker.sqs.peek('q').total;
    const send = () => env.broker.request('sqs', 'SendMessage', () => ops.SendMessage({ QueueUrl: url, MessageBody: 'more' }));
    await assert.rejects(send(), (e: unknown) => {
      assert.ok(isAwsError(e));
      assert.equal(e.code, 'ServiceUnavailable');
      assert.equal(e.status, 503);
      assert.match(e.message, /data folder reached its size limit of 2000 bytes/);
      return true;
    });
    assert.equal(env.broker.sqs.peek('q').total, held, 'the refused send never ran');
    // Reads and deletes still go through, so the user can make room.
    const received = await env.broker.request('sqs', 'ReceiveMessage', () => ops.ReceiveMessage({ QueueUrl: url }));
    await env.broker.request('sqs', 'DeleteMessage', () => ops.DeleteMessage({ QueueUrl: url, ReceiptHandle: received.Messages![0].ReceiptHandle! }));
    await env.broker.request('sqs', 'PurgeQueue', () => ops.PurgeQueue({ QueueUrl: url }));
    await store.store.compact();
    await send();
    assert.equal(env.broker.sqs.peek('q').total, 1);
  });
});
