import { isAwsError } from '../errors';
import type { ConsumerErrors } from './consumer-errors';
import { parseArn } from '../identity';
import type { Scheduler } from '../scheduler';
import type { Message } from '../sqs/api';
import type { EventSourceMappingConfiguration } from './mappings';
import type { Invoke, Poller, SqsPort } from './ports';
import { sqsEventRecord } from './sqs-event';
import { batchItemFailures } from './batch-response';

/** Lambda's synchronous invocation payload limit: a batch is cut before it would exceed it. */
const maxPayloadBytes = 6 * 1024 * 1024;
/** How long to wait before polling again after the queue could not be read (deleted, say). */
const retryAfterProblemMs = 5000;

/**
 * Lambda's SQS poller for one mapping: long-polls the queue, gathers a batch (up to BatchSize, within
 * MaximumBatchingWindowInSeconds of the first message), invokes the function and deletes what succeeded.
 * What failed is left alone: its visibility timeout runs out, the queue delivers it again, and after
 * maxReceiveCount receives the queue's redrive policy moves it to the dead-letter queue.
 * One batch is in flight at a time, so a FIFO queue's order holds and nothing is deleted twice.
 */
export class SqsPoller implements Poller {
  private active = false;
  private running: Promise<void> | undefined;
  private buffer: Message[] = [];
  private pending: Promise<void> | undefined;
  private problem: unknown;
  private wake: (() => void) | undefined;

  constructor(
    private readonly mapping: EventSourceMappingConfiguration,
    private readonly sqs: SqsPort,
    private readonly scheduler: Scheduler,
    private readonly invoke: Invoke,
    private readonly region: string,
    /** Told which messages an invocation failed on, so the DLQ view can say why they died. */
    private readonly failures?: ConsumerErrors,
  ) {}

  start(): void {
    this.active = true;
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
      // Started again while the old loop was winding down: it saw `active` false, so loop afresh.
      if (this.active) this.start();
    });
  }

  stop(): void {
    this.active = false;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (this.active) {
      const batch = await this.collect();
      if (this.problem !== undefined) {
        this.mapping.lastProcessingResult = `PROBLEM: ${describe(this.problem)}`;
        this.problem = undefined;
        await this.waitFor(undefined, this.scheduler.now() + retryAfterProblemMs);
        continue;
      }
      if (!batch.length || !this.active) {
        this.release(batch);
        continue;
      }
      try {
        await this.deliver(batch);
      } catch (e) {
        // Not the handler's failure (the runner reports those): the broker's own, e.g. the queue vanished
        // mid-delete. The poller must outlive it; undeleted messages come back after their visibility timeout.
        this.problem = e;
      }
    }
    this.release(this.buffer.splice(0));
  }

  private queueUrl(): string {
    const queueName = parseArn(this.mapping.eventSourceArn)?.resource ?? '';
    return this.sqs.GetQueueUrl({ QueueName: queueName }).QueueUrl;
  }

  /** Resolves with the next batch, or with none when the poller stops or the queue cannot be read. */
  private async collect(): Promise<Message[]> {
    let windowEnd: number | undefined;
    for (;;) {
      if (!this.active || this.problem !== undefined) return [];
      const size = this.mapping.batchSize;
      if (this.buffer.length >= size) break;
      if (this.buffer.length > 0) {
        windowEnd ??= this.scheduler.now() + this.mapping.maximumBatchingWindowInSeconds * 1000;
        if (this.scheduler.now() >= windowEnd) break;
      }
      this.pending ??= this.receive(size - this.buffer.length);
      await this.waitFor(this.pending, windowEnd);
    }
    return this.takeBatch();
  }

  private receive(max: number): Promise<void> {
    // Everything inside the chain, a missing queue included, so `pending` is always cleared when it settles.
    return Promise.resolve()
      .then(() =>
        this.sqs.ReceiveMessage({
          QueueUrl: this.queueUrl(),
          MaxNumberOfMessages: Math.min(10, max),
          WaitTimeSeconds: 20,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      )
      .then(
        (out) => {
          this.buffer.push(...(out.Messages ?? []));
          // A long poll that answers after the mapping stopped must not hide its messages until they time out.
          if (!this.active) this.release(this.buffer.splice(0));
        },
        (e: unknown) => {
          this.problem = e;
        },
      )
      .finally(() => (this.pending = undefined));
  }

  /** Waits until `receipt` settles, time reaches `until`, or stop() is called. */
  private waitFor(receipt: Promise<void> | undefined, until: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        deadline?.cancel();
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const deadline = until === undefined ? undefined : this.scheduler.at(until, done);
      this.wake = done;
      receipt?.then(done, done);
    });
  }

  private takeBatch(): Message[] {
    let bytes = 0;
    let count = 0;
    for (const m of this.buffer) {
      if (count >= this.mapping.batchSize) break;
      bytes += Buffer.byteLength(m.Body);
      if (count > 0 && bytes > maxPayloadBytes) break;
      count++;
    }
    return this.buffer.splice(0, count);
  }

  private async deliver(batch: Message[]): Promise<void> {
    const arn = this.mapping.eventSourceArn;
    const event = { Records: batch.map((m) => sqsEventRecord(m, arn, this.region)) };
    const record = await this.invoke(event, { type: 'sqs', eventSourceArn: arn, mappingUuid: this.mapping.uuid });
    if (record.status !== 'succeeded') {
      this.mapping.lastProcessingResult = 'PROBLEM: Function call failed';
      this.failures?.record(batch.map((m) => m.MessageId), record);
      return;
    }
    const reportsFailures = this.mapping.functionResponseTypes.includes('ReportBatchItemFailures');
    const failed = reportsFailures
      ? batchItemFailures(record.output, batch.map((m) => m.MessageId))
      : new Set<string>();
    if (failed.size) this.failures?.record([...failed], record, 'reported in batchItemFailures');
    this.remove(batch.filter((m) => !failed.has(m.MessageId)));
    this.mapping.lastProcessingResult = 'OK';
  }

  /** Deletes processed messages, ten to a request as DeleteMessageBatch allows. */
  private remove(messages: Message[]): void {
    let url: string;
    try {
      url = this.queueUrl();
    } catch {
      return;
    }
    for (let i = 0; i < messages.length; i += 10) {
      const entries = messages.slice(i, i + 10).map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle }));
      const out = this.sqs.DeleteMessageBatch({ QueueUrl: url, Entries: entries });
      if (out.Failed.length) {
        this.mapping.lastProcessingResult = `PROBLEM: ${out.Failed.length} messages could not be deleted: ${out.Failed[0].Code}`;
      }
    }
  }

  /** Hands back messages received but never delivered, so the queue can deliver them right away. */
  private release(messages: Message[]): void {
    if (!messages.length) return;
    try {
      const url = this.queueUrl();
      for (let i = 0; i < messages.length; i += 10) {
        const entries = messages.slice(i, i + 10).map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
        this.sqs.ChangeMessageVisibilityBatch({ QueueUrl: url, Entries: entries });
      }
    } catch {
      // The queue is gone, and its messages with it.
    }
  }
}

function describe(e: unknown): string {
  if (isAwsError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
