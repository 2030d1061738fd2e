import http from 'node:http';
import * as kinesis from '@aws-sdk/client-kinesis';
import * as sns from '@aws-sdk/client-sns';
import { sleep } from '../support/figures';
import { bodyOf, idOf, QueueLedger } from '../support/queue-ledger';
import type { StreamRecord } from '../support/stream-ledger';
import { allEntries, attempt, mayProduce, Workers } from '../support/workers';

/** An SNS delivery's body is the test's JSON itself (raw delivery) or an envelope whose Message is it. */
export function snsIdOf(body: string | undefined): string {
  try {
    const parsed = JSON.parse(body ?? '') as { id?: unknown; Message?: string };
    return typeof parsed.id === 'string' ? parsed.id : idOf(parsed.Message);
  } catch {
    return idOf(body);
  }
}

/** Publishes unique messages; each acknowledged one is owed to every subscribed queue. */
export async function publisher(w: Workers, TopicArn: string, subscribers: QueueLedger[]): Promise<void> {
  while (mayProduce(w, 'publish')) {
    const ids = Array.from({ length: w.random() < 0.5 ? 1 : 10 }, () => w.nextId('pub'));
    for (const ledger of subscribers) ids.forEach((id) => ledger.sendStarted(id));
    const settle = (id: string, messageId: string | undefined) => subscribers.forEach((l) => (messageId ? l.sendAcknowledged(id, undefined) : l.sendFailed(id)));
    if (ids.length === 1) {
      const r = await attempt(w, 'Publish', () => w.clients.sns.send(new sns.PublishCommand({ TopicArn, Message: bodyOf(ids[0], w.pad) })), (a) => !!a.MessageId);
      settle(ids[0], r?.MessageId);
      continue;
    }
    const PublishBatchRequestEntries = ids.map((id, i) => ({ Id: String(i), Message: bodyOf(id, w.pad) }));
    const r = await attempt(w, 'PublishBatch', () => w.clients.sns.send(new sns.PublishBatchCommand({ TopicArn, PublishBatchRequestEntries })), allEntries(ids.length));
    if (!r) {
      ids.forEach((id) => settle(id, undefined));
      continue;
    }
    for (const s of r.Successful ?? []) settle(ids[Number(s.Id)], s.MessageId);
    for (const f of r.Failed ?? []) {
      w.problems.add('batch entry failed', `PublishBatch ${ids[Number(f.Id)]}: ${f.Code} ${f.Message}`);
      subscribers.forEach((l) => l.sending.delete(ids[Number(f.Id)]));
    }
  }
}

/**
 * A consumer whose connection is cut mid long poll (a plain HTTP request, destroyed after a random few
 * milliseconds): messages the server had already handed to it are in flight for the queue's visibility
 * timeout and must come back, not vanish.
 */
export async function cuttingConsumer(w: Workers, endpoint: string, QueueUrl: string): Promise<void> {
  const body = JSON.stringify({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 });
  while (w.producing) {
    await new Promise<void>((resolve) => {
      const req = http.request(endpoint, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      });
      const cut = setTimeout(() => req.destroy(), 20 + Math.floor(w.random() * 300));
      req.on('response', (res) => res.resume().on('end', () => settle()));
      req.on('error', () => settle());
      req.on('close', () => settle());
      function settle() {
        clearTimeout(cut);
        resolve();
      }
      req.end(body);
    });
    w.counter.ok.set('ReceiveMessage (cut)', (w.counter.ok.get('ReceiveMessage (cut)') ?? 0) + 1);
  }
}

/** Reads one shard from TRIM_HORIZON as a Kinesis consumer does, until told to stop and caught up. */
export async function shardReader(w: Workers, StreamName: string, ShardId: string, out: StreamRecord[], stop: { reading: boolean }): Promise<void> {
  const first = await attempt(w, 'GetShardIterator', () =>
    w.clients.kinesis.send(new kinesis.GetShardIteratorCommand({ StreamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' })),
  );
  let iterator = first?.ShardIterator;
  while (iterator) {
    const page = await attempt(w, 'GetRecords', () => w.clients.kinesis.send(new kinesis.GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 })));
    if (!page) return;
    for (const r of page.Records ?? []) {
      out.push({ shardId: ShardId, sequenceNumber: r.SequenceNumber!, id: idOf(Buffer.from(r.Data!).toString('utf8')) });
    }
    const caughtUp = (page.Records ?? []).length === 0 && page.MillisBehindLatest === 0;
    if (caughtUp && !stop.reading) return;
    if (caughtUp) await sleep(100);
    iterator = page.NextShardIterator;
  }
}
