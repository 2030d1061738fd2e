import * as kinesis from '@aws-sdk/client-kinesis';
import * as sqs from '@aws-sdk/client-sqs';
import type { Clients, RequestCounter } from './clients';
import type { Problems } from './problems';
import { bodyOf, fifoId, idOf as bodyId, QueueLedger } from './queue-ledger';
import type { StreamLedger } from './stream-ledger';

/** A FIFO message group and its producer's place in it, kept across restarts: an unanswered send is retried. */
export interface FifoGroup {
  name: string;
  next: number;
}

/** What every worker shares: clients, the tally, and the switches that end it. */
export interface Workers {
  clients: Clients;
  counter: RequestCounter;
  problems: Problems;
  random: () => number;
  /** Producers run while this holds. */
  producing: boolean;
  /** Requests each kind of producer may still make, when the work is fixed rather than timed. */
  quota?: Record<ProducerKind, number>;
  /** Consumers run while this holds (after the producers stop, they drain). */
  consuming: boolean;
  /** Set just before a SIGKILL: from then on a failed request has an unknown outcome, not an error. */
  killed: boolean;
  nextId(prefix: string): string;
  pad: string;
  resends: number;
  lateDeletes: number;
}

export type ProducerKind = 'standard' | 'fifo' | 'publish' | 'stream';

/** Whether a producer of this kind goes on: producers run while `producing`, within their quota if any. */
export function mayProduce(w: Workers, kind: ProducerKind): boolean {
  if (!w.producing) return false;
  if (!w.quota) return true;
  return w.quota[kind]-- > 0;
}

export interface ConsumerOptions {
  /** Per receive; a delete acknowledged within it took the message for good. */
  visibilitySeconds: number;
  /** false: a consumer that dies after receiving, so its messages come back after the visibility timeout. */
  deletes: boolean;
  /** How to find the test's id in a body (an SNS envelope wraps it). */
  idOf?: (body: string | undefined) => string;
}

/**
 * The answer, or undefined when the request failed; a failure while the server lives is a problem. An
 * answer without what every real answer has (`complete`) counts as failed: a server killed mid-response
 * can leave the SDK an empty 200 body, which promises nothing.
 */
export async function attempt<T>(w: Workers, operation: string, call: () => Promise<T>, complete: (r: T) => boolean = () => true): Promise<T | undefined> {
  let r: T;
  try {
    r = await w.counter.count(operation, call());
  } catch (e) {
    if (!w.killed) w.problems.add('request failed while up', `${operation}: ${(e as Error).name}: ${(e as Error).message}`);
    return undefined;
  }
  if (complete(r)) return r;
  if (!w.killed) w.problems.add('malformed answer', `${operation} answered ${JSON.stringify(r).slice(0, 300)}`);
  return undefined;
}

/** A batch answer accounts for every entry, as Successful or Failed. */
export const allEntries = (n: number) => (r: { Successful?: unknown[]; Failed?: unknown[] }) =>
  (r.Successful?.length ?? 0) + (r.Failed?.length ?? 0) === n;
const hasMessageId = (r: { MessageId?: string }) => !!r.MessageId;

export async function standardProducer(w: Workers, ledger: QueueLedger, QueueUrl: string): Promise<void> {
  while (mayProduce(w, 'standard')) {
    const ids = Array.from({ length: w.random() < 0.5 ? 10 : 1 }, () => w.nextId('std'));
    ids.forEach((id) => ledger.sendStarted(id));
    if (ids.length === 1) {
      const r = await attempt(w, 'SendMessage', () => w.clients.sqs.send(new sqs.SendMessageCommand({ QueueUrl, MessageBody: bodyOf(ids[0], w.pad) })), hasMessageId);
      if (r) ledger.sendAcknowledged(ids[0], r.MessageId);
      else ledger.sendFailed(ids[0]);
      continue;
    }
    const Entries = ids.map((id, i) => ({ Id: String(i), MessageBody: bodyOf(id, w.pad) }));
    const r = await attempt(w, 'SendMessageBatch', () => w.clients.sqs.send(new sqs.SendMessageBatchCommand({ QueueUrl, Entries })), allEntries(ids.length));
    if (!r) {
      ids.forEach((id) => ledger.sendFailed(id));
      continue;
    }
    for (const s of r.Successful ?? []) ledger.sendAcknowledged(ids[Number(s.Id)], s.MessageId);
    for (const f of r.Failed ?? []) {
      w.problems.add('batch entry failed', `SendMessageBatch ${ids[Number(f.Id)]}: ${f.Code} ${f.Message}`);
      ledger.sending.delete(ids[Number(f.Id)]);
    }
  }
}

export async function fifoProducer(w: Workers, ledger: QueueLedger, QueueUrl: string, group: FifoGroup): Promise<void> {
  while (mayProduce(w, 'fifo')) {
    const id = fifoId(group.name, group.next);
    const send = () =>
      w.clients.sqs.send(
        new sqs.SendMessageCommand({ QueueUrl, MessageBody: bodyOf(id, w.pad), MessageGroupId: group.name, MessageDeduplicationId: id }),
      );
    ledger.sendStarted(id);
    const r = await attempt(w, 'SendMessage', send, hasMessageId);
    if (!r) {
      // The same id again next time: a retry with its dedup id, as a careful producer does after a failure.
      ledger.sendFailed(id);
      continue;
    }
    ledger.sendAcknowledged(id, r.MessageId);
    group.next++;
    if (w.random() < 0.2) {
      // A producer that did not trust the first answer: the dedup window must swallow the second send.
      const again = await attempt(w, 'SendMessage', send, hasMessageId);
      if (again) {
        w.resends++;
        ledger.sendAcknowledged(id, again.MessageId);
      }
    }
  }
}

export async function consumer(w: Workers, ledger: QueueLedger, QueueUrl: string, options: ConsumerOptions): Promise<void> {
  const { visibilitySeconds: VisibilityTimeout, deletes } = options;
  const idOf = options.idOf ?? bodyId;
  // A consumer that drops plays only while the producers do, so that the drain afterwards ends.
  while (deletes ? w.consuming : w.producing) {
    const started = Date.now();
    const r = await attempt(w, 'ReceiveMessage', () =>
      w.clients.sqs.send(new sqs.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout })),
    );
    const messages = r?.Messages ?? [];
    const ids: string[] = [];
    const batch = new Set<string>();
    for (const m of messages) {
      const id = idOf(m.Body);
      ledger.received(id, m.MessageId, batch);
      batch.add(id);
      ids.push(id);
    }
    if (!deletes || messages.length === 0) continue;
    const Entries = messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! }));
    ids.forEach((id) => ledger.deleteStarted(id));
    const d = await attempt(w, 'DeleteMessageBatch', () => w.clients.sqs.send(new sqs.DeleteMessageBatchCommand({ QueueUrl, Entries })), allEntries(Entries.length));
    if (!d) {
      ids.forEach((id) => ledger.deleteUncertain(id));
      continue;
    }
    const inTime = Date.now() - started < (VisibilityTimeout - 1) * 1000;
    for (const s of d.Successful ?? []) {
      if (inTime) ledger.deleteAcknowledged(ids[Number(s.Id)]);
      else ledger.deleteUncertain(ids[Number(s.Id)]);
    }
    for (const f of d.Failed ?? []) {
      ledger.deleteRefused(ids[Number(f.Id)]);
      // A FIFO queue refuses a handle whose visibility timeout passed; anything else is a broken promise.
      if (ledger.fifo && !inTime) w.lateDeletes++;
      else w.problems.add('batch entry failed', `DeleteMessageBatch ${ledger.name} ${ids[Number(f.Id)]}: ${f.Code} ${f.Message}`);
    }
  }
}

export async function streamProducer(w: Workers, ledger: StreamLedger, StreamName: string, keys: string[]): Promise<void> {
  const pick = () => keys[Math.floor(w.random() * keys.length)];
  while (mayProduce(w, 'stream')) {
    const records = Array.from({ length: w.random() < 0.5 ? 1 : 20 }, () => ({ id: w.nextId('rec'), key: pick() }));
    const data = (id: string) => Buffer.from(bodyOf(id, w.pad));
    if (records.length === 1) {
      const [{ id, key }] = records;
      const r = await attempt(w, 'PutRecord', () =>
        w.clients.kinesis.send(new kinesis.PutRecordCommand({ StreamName, PartitionKey: key, Data: data(id) })), (a) => !!a.ShardId && !!a.SequenceNumber,
      );
      if (r) ledger.putAcknowledged(id, key, r.ShardId!, r.SequenceNumber!);
      else ledger.putUncertain(id);
      continue;
    }
    const Records = records.map((x) => ({ PartitionKey: x.key, Data: data(x.id) }));
    const r = await attempt(w, 'PutRecords', () => w.clients.kinesis.send(new kinesis.PutRecordsCommand({ StreamName, Records })), (a) => a.Records?.length === Records.length);
    if (!r) {
      records.forEach((x) => ledger.putUncertain(x.id));
      continue;
    }
    (r.Records ?? []).forEach((result, i) => {
      if (result.SequenceNumber) ledger.putAcknowledged(records[i].id, records[i].key, result.ShardId!, result.SequenceNumber);
      else w.problems.add('batch entry failed', `PutRecords ${records[i].id}: ${result.ErrorCode} ${result.ErrorMessage}`);
    });
  }
}
