import assert from 'node:assert/strict';
import type { Broker } from '../../../src/broker/broker';
import { Restartable, SECOND } from './support';

/** A small seeded generator (mulberry32), so a failure repeats with the same seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything a client or the inspector can see of the queues and streams. */
async function picture(broker: Broker) {
  const queues = broker.sqs.listQueueSummaries().map((q) => ({ ...q, messages: broker.sqs.peek(q.name, { limit: 10_000 }).messages }));
  const streams = [];
  for (const name of (await broker.kinesis.operations.ListStreams({})).StreamNames) {
    const shards = (await broker.kinesis.operations.ListShards({ StreamName: name })).Shards ?? [];
    const records = [];
    for (const shard of shards) {
      const it = (await broker.kinesis.operations.GetShardIterator({ StreamName: name, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator!;
      records.push((await broker.kinesis.operations.GetRecords({ ShardIterator: it, Limit: 10_000 })).Records.map((r) => r.SequenceNumber));
    }
    streams.push({ name, shards, records });
  }
  return { queues, streams };
}

describe('Store: random work with compactions and restarts in between', () => {
  for (const seed of [1, 2, 3]) {
    it(`restores exactly what was there (seed ${seed})`, async () => {
      const env = new Restartable({ compactAfterBytes: 4096 });
      try {
        const rnd = random(seed);
        const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
        const sqs = () => env.broker.sqs.operations;
        const std = sqs().CreateQueue({ QueueName: 'std' }).QueueUrl;
        const fifo = sqs().CreateQueue({ QueueName: 'f.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }).QueueUrl;
        await env.broker.kinesis.operations.CreateStream({ StreamName: 's', ShardCount: 2 });
        let handles: { url: string; handle: string }[] = [];
        let n = 0;
        let restarts = 0;
        let largest = 0;
        for (let step = 0; step < 400; step++) {
          const r = rnd();
          if (r < 0.3) {
            const url = pick([std, fifo]);
            sqs().SendMessage({ QueueUrl: url, MessageBody: `m${n++}`, ...(url === fifo ? { MessageGroupId: pick(['a', 'b', 'c']) } : { DelaySeconds: rnd() < 0.2 ? 5 : 0 }) });
          } else if (r < 0.5) {
            const url = pick([std, fifo]);
            const got = await sqs().ReceiveMessage({ QueueUrl: url, MaxNumberOfMessages: 3, VisibilityTimeout: pick([0, 5, 30]) });
            for (const m of got.Messages ?? []) handles.push({ url, handle: m.ReceiptHandle! });
          } else if (r < 0.62 && handles.length) {
            const { url, handle } = handles.splice(Math.floor(rnd() * handles.length), 1)[0];
            try {
              sqs().DeleteMessage({ QueueUrl: url, ReceiptHandle: handle });
            } catch {
              // A FIFO handle whose visibility ended is refused: that is the engine's answer, not the store's.
            }
          } else if (r < 0.75) {
            await env.broker.kinesis.operations.PutRecord({ StreamName: 's', PartitionKey: `k${n++}`, Data: Buffer.from('x'.repeat(50)) });
          } else if (r < 0.85) {
            env.clock.advance(Math.floor(rnd() * 4 * SECOND));
          } else if (r < 0.9) {
            void env.broker.store!.store.compact();
          } else if (r < 0.95) {
            if (rnd() < 0.5) sqs().PurgeQueue({ QueueUrl: pick([std, fifo]) });
            env.clock.advance(61 * SECOND);
            handles = [];
          } else {
            const before = await picture(env.broker);
            largest = Math.max(largest, ...before.queues.map((q) => q.messages.length));
            await env.restart();
            restarts++;
            assert.deepEqual(await picture(env.broker), before, `after step ${step}`);
          }
        }
        const before = await picture(env.broker);
        await env.restart();
        assert.deepEqual(await picture(env.broker), before);
        // The run did what it is for: several restarts with messages in the queues, and compactions.
        assert.ok(restarts >= 5, `${restarts} restarts`);
        assert.ok(largest >= 5, `at most ${largest} messages in a queue`);
        assert.ok(env.files().includes('snapshot.eyd'));
      } finally {
        await env.cleanup();
      }
    });
  }
});
