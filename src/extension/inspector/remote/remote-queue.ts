import type { Message } from '../../../broker/sqs/api';
import { PREVIEW_LENGTH, type MessageDetail, type PollRequest, type PolledMessage, type QueueDescription, type RedriveRequest, type RedriveResult, type SendRequest, type SendResult } from '../../../inspector/protocol';
import type { ApiCalls } from '../../client/broker-client';
import { attributesForView, toMoveTask } from '../queue-handler';
import { inBatches, sendEntries } from '../send-entries';
import { RequestFailure } from '../session';
import type { ConnectionAccess } from './connection-access';

const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** SQS's longest visibility timeout, and the most messages one ReceiveMessage returns. */
const MAX_VISIBILITY_SECONDS = 43_200;
const MAX_RECEIVE = 10;

/**
 * The queue inspector on a connection, through the AWS API only. SQS has no read that changes nothing, so
 * there is no peek: Poll receives (each receive counts, and the message hides for the timeout the user
 * chose), and this panel keeps what it received so it can show countdowns, delete and release them.
 * Deleting or redriving chosen messages by id is the local broker's alone; a redrive here is a
 * StartMessageMoveTask of the whole queue, followed through ListMessageMoveTasks.
 */
export class RemoteQueueHandler {
  private queueUrl: string | undefined;
  /** What this panel received and did not delete, by message id (a second receive replaces the first). */
  private readonly polled = new Map<string, PolledMessage>();

  constructor(
    private readonly access: ConnectionAccess,
    private readonly queueName: string,
    private readonly now: () => number = Date.now,
  ) {}

  private get sqs(): ApiCalls['sqs'] {
    return this.access.client().sqs;
  }

  private async url(): Promise<string> {
    this.queueUrl ??= (await this.sqs('GetQueueUrl', { QueueName: this.queueName })).QueueUrl;
    return this.queueUrl;
  }

  private async arnOf(url: string): Promise<string> {
    return (await this.sqs('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['QueueArn'] })).Attributes?.QueueArn ?? '';
  }

  async describe(): Promise<QueueDescription> {
    const url = await this.url();
    const [{ Attributes: attributes = {} }, tags, sourceQueues] = await Promise.all([
      this.sqs('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] }),
      // tags and DLQ sources are extras: an emulator without them still shows the queue
      this.sqs('ListQueueTags', { QueueUrl: url }).then((t) => t.Tags ?? {}, () => undefined),
      this.sqs('ListDeadLetterSourceQueues', { QueueUrl: url }).then((r) => (r.queueUrls ?? []).map(nameOf).sort(), () => [] as string[]),
    ]);
    const arn = attributes.QueueArn ?? '';
    const description: QueueDescription = {
      name: this.queueName,
      url,
      arn,
      fifo: this.queueName.endsWith('.fifo'),
      attributes,
      counts: {
        visible: Number(attributes.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
        delayed: Number(attributes.ApproximateNumberOfMessagesDelayed ?? 0),
      },
      sourceQueues,
      moveTasks: sourceQueues.length
        ? await this.sqs('ListMessageMoveTasks', { SourceArn: arn, MaxResults: 10 }).then((r) => (r.Results ?? []).map(toMoveTask), () => [])
        : [],
      ...(tags ? { tags } : {}),
    };
    if (attributes.RedrivePolicy) {
      const policy = JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number | string };
      description.deadLetterQueue = { name: policy.deadLetterTargetArn.slice(policy.deadLetterTargetArn.lastIndexOf(':') + 1), maxReceiveCount: Number(policy.maxReceiveCount) };
    }
    return description;
  }

  /** One ReceiveMessage (a wait of one second); what it got is kept and answered with its countdowns. */
  async poll(request: PollRequest): Promise<PolledMessage[]> {
    const visibilityTimeout = Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, Math.floor(request.visibilityTimeout)));
    const max = Math.max(1, Math.min(MAX_RECEIVE, Math.floor(request.maxMessages)));
    const { Messages = [] } = await this.sqs('ReceiveMessage', {
      QueueUrl: await this.url(),
      MaxNumberOfMessages: max,
      VisibilityTimeout: visibilityTimeout,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    });
    const at = this.now();
    const received = Messages.map((m) => polledMessage(m, at, visibilityTimeout));
    for (const m of received) {
      this.polled.delete(m.messageId);
      this.polled.set(m.messageId, m);
    }
    return received;
  }

  /** Newest first. */
  received(): PolledMessage[] {
    return [...this.polled.values()].reverse();
  }

  message(messageId: string): MessageDetail | null {
    return this.polled.get(messageId) ?? null;
  }

  async send(request: SendRequest): Promise<SendResult> {
    const sqs = this.access.writable().sqs;
    const QueueUrl = await this.url();
    const entries = sendEntries(request);
    if (entries.length === 1) {
      const { Id: _id, ...input } = entries[0];
      return { messageIds: [(await sqs('SendMessage', { QueueUrl, ...input })).MessageId], failed: [] };
    }
    const result: SendResult = { messageIds: [], failed: [] };
    for (const Entries of inBatches(entries)) {
      const out = await sqs('SendMessageBatch', { QueueUrl, Entries });
      result.messageIds.push(...(out.Successful ?? []).map((s) => s.MessageId));
      result.failed.push(...(out.Failed ?? []).map((f) => ({ code: f.Code, message: f.Message ?? f.Code })));
    }
    return result;
  }

  async changeVisibility(receiptHandle: string, visibilityTimeout: number): Promise<null> {
    const sqs = this.access.writable().sqs;
    await sqs('ChangeMessageVisibility', { QueueUrl: await this.url(), ReceiptHandle: receiptHandle, VisibilityTimeout: visibilityTimeout });
    const m = [...this.polled.values()].find((p) => p.receiptHandle === receiptHandle);
    if (m) {
      m.hiddenSince = this.now();
      m.visibleAt = m.hiddenSince + visibilityTimeout * 1000;
    }
    return null;
  }

  async delete(receiptHandles: string[] = [], messageIds: string[] = []): Promise<{ deleted: number }> {
    if (messageIds.length) {
      throw new RequestFailure('NotSupportedOnConnection', 'The AWS API deletes a message only by the receipt handle of a receive: poll the queue, then delete what this window received.');
    }
    const sqs = this.access.writable().sqs;
    const QueueUrl = await this.url();
    for (const ReceiptHandle of receiptHandles) {
      await sqs('DeleteMessage', { QueueUrl, ReceiptHandle });
      for (const [id, m] of this.polled) if (m.receiptHandle === ReceiptHandle) this.polled.delete(id);
    }
    return { deleted: receiptHandles.length };
  }

  async purge(): Promise<null> {
    const sqs = this.access.writable().sqs;
    await this.access.confirm('Purge queue', this.queueName);
    await sqs('PurgeQueue', { QueueUrl: await this.url() });
    this.polled.clear();
    return null;
  }

  /** The whole queue back to its sources (or to `destination`) with StartMessageMoveTask, after the name is typed. */
  async redrive(request: RedriveRequest): Promise<RedriveResult> {
    if (request.messageIds) {
      throw new RequestFailure('NotSupportedOnConnection', 'The AWS API moves a dead-letter queue whole (StartMessageMoveTask); moving chosen messages is for the local broker only.');
    }
    const sqs = this.access.writable().sqs;
    await this.access.confirm('Redrive', this.queueName);
    const input: { SourceArn: string; DestinationArn?: string } = { SourceArn: await this.arnOf(await this.url()) };
    if (request.destination) input.DestinationArn = await this.arnOf((await sqs('GetQueueUrl', { QueueName: request.destination })).QueueUrl);
    const { TaskHandle } = await sqs('StartMessageMoveTask', input);
    return { moved: 0, taskHandle: TaskHandle };
  }

  async cancelMoveTask(taskHandle: string): Promise<null> {
    await this.access.writable().sqs('CancelMessageMoveTask', { TaskHandle: taskHandle });
    return null;
  }

  /** The queue names of the connection (one page of 1000), for the redrive destination. */
  async list(): Promise<string[]> {
    const { QueueUrls = [] } = await this.sqs('ListQueues', { MaxResults: 1000 });
    return QueueUrls.map(nameOf).sort();
  }
}

/** A received message as the poll tab shows it: whole, with the receipt handle and its countdown. */
function polledMessage(m: Message, at: number, visibilityTimeout: number): PolledMessage {
  const a = m.Attributes ?? {};
  return {
    messageId: m.MessageId,
    state: 'inFlight',
    sentTimestamp: Number(a.SentTimestamp ?? at),
    receiveCount: Number(a.ApproximateReceiveCount ?? 1),
    size: Buffer.byteLength(m.Body),
    preview: m.Body.length > PREVIEW_LENGTH ? m.Body.slice(0, PREVIEW_LENGTH) : m.Body,
    ...(a.MessageGroupId !== undefined ? { messageGroupId: a.MessageGroupId } : {}),
    body: m.Body,
    messageAttributes: attributesForView(m.MessageAttributes),
    attributes: { ...a },
    receiptHandle: m.ReceiptHandle,
    hiddenSince: at,
    visibleAt: at + visibilityTimeout * 1000,
  };
}
