import type { ListMessageMoveTasksResultEntry, MessageAttributeMap } from '../../broker/sqs/api';
import type { PeekedMessage } from '../../broker/sqs/message';
import type { SqsService } from '../../broker/sqs/service';
import {
  MessageAttribute,
  MessageDetail,
  MessageSummary,
  MoveTask,
  PeekPage,
  PeekQuery,
  PeekState,
  PREVIEW_LENGTH,
  QueueDescription,
  RedriveRequest,
  RedriveResult,
  SendRequest,
  SendResult,
  type ConsumerFailure,
} from '../../inspector/protocol';
import { toBase64 } from '../message-attributes';
import type { ActivityLog } from './activity-log';
import { matchesAttribute, matchesText } from './message-filter';
import { inBatches, sendEntries } from './send-entries';

/**
 * What the queue inspector needs of the SQS engine: its wire operations plus what no client has: peek,
 * and moving or deleting chosen messages by id without receiving them.
 */
export type SqsPort = Pick<SqsService, 'operations' | 'queueSummary' | 'peek' | 'redriveMessages' | 'deleteMessages'>;

/**
 * Answers the queue inspector's requests with the engine's own operations, so what the inspector does is
 * exactly what an AWS client doing the same would see (same validation, same events, same errors).
 */
export class QueueHandler {
  private readonly snapshots = new Map<PeekState, PeekedMessage[]>();
  private index: Map<string, PeekedMessage> | undefined;

  constructor(
    private readonly sqs: SqsPort,
    private readonly queueName: string,
    private readonly activity: ActivityLog,
    /** Why a local function last failed on a message (its event source mapping knows), for dead letters. */
    private readonly lastConsumerError?: (messageId: string) => ConsumerFailure | undefined,
  ) {}

  private get url(): string {
    return this.sqs.operations.GetQueueUrl({ QueueName: this.queueName }).QueueUrl;
  }

  private urlOf(name: string): string {
    return this.sqs.operations.GetQueueUrl({ QueueName: name }).QueueUrl;
  }

  private arnOf(url: string): string {
    return this.sqs.operations.GetQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] }).Attributes?.QueueArn ?? '';
  }

  describe(): QueueDescription {
    const q = this.sqs.queueSummary(this.queueName);
    const description: QueueDescription = {
      name: q.name,
      url: q.url,
      arn: q.arn,
      fifo: q.fifo,
      attributes: q.attributes,
      counts: { visible: q.visible, inFlight: q.inFlight, delayed: q.delayed },
      sourceQueues: q.sourceQueueNames,
      moveTasks: q.sourceQueueNames.length ? this.moveTasks(q.arn) : [],
    };
    if (q.deadLetterTargetName !== undefined && q.maxReceiveCount !== undefined) {
      description.deadLetterQueue = { name: q.deadLetterTargetName, maxReceiveCount: q.maxReceiveCount };
    }
    return description;
  }

  private moveTasks(sourceArn: string): MoveTask[] {
    return this.sqs.operations.ListMessageMoveTasks({ SourceArn: sourceArn, MaxResults: 10 }).Results.map(toMoveTask);
  }

  peek(query: PeekQuery): PeekPage {
    const offset = Math.max(0, Math.floor(query.offset));
    const limit = Math.max(0, Math.min(1000, Math.floor(query.limit)));
    if (!query.text && !query.attribute) {
      const page = this.sqs.peek(this.queueName, { offset, limit, state: query.state });
      return { total: page.total, offset, messages: page.messages.map((m) => this.summarise(m)) };
    }
    // Filtering needs every message once; at 100,000 messages that is a few milliseconds of work here,
    // far cheaper than shipping them all to the webview.
    const all = this.all(query.state);
    const matching = all.filter(
      (m) => (!query.text || matchesText(m, query.text)) && (!query.attribute || matchesAttribute(m.messageAttributes, query.attribute)),
    );
    return { total: matching.length, offset, messages: matching.slice(offset, offset + limit).map((m) => this.summarise(m)) };
  }

  /**
   * Every message in one state, kept until the queue changes: typing a search or opening details against
   * a quiet queue of 100,000 messages then costs one engine scan, not one per keystroke.
   */
  private all(state: PeekState): PeekedMessage[] {
    let messages = this.snapshots.get(state);
    if (!messages) {
      const first = this.sqs.peek(this.queueName, { offset: 0, limit: 0, state });
      messages = this.sqs.peek(this.queueName, { offset: 0, limit: first.total, state }).messages;
      this.snapshots.set(state, messages);
    }
    return messages;
  }

  private byId(messageId: string): PeekedMessage | undefined {
    if (!this.index) this.index = new Map(this.all('all').map((m) => [m.messageId, m]));
    return this.index.get(messageId);
  }

  /** The queue changed: drop the snapshots taken for searches and details. */
  invalidate(): void {
    this.snapshots.clear();
    this.index = undefined;
  }

  message(messageId: string): MessageDetail | null {
    const found = this.byId(messageId);
    if (!found) return null;
    return { ...this.summarise(found), body: found.body, messageAttributes: attributesForView(found.messageAttributes), attributes: { ...found.attributes } };
  }

  private summarise(m: PeekedMessage): MessageSummary {
    const s: MessageSummary = {
      messageId: m.messageId,
      state: m.state,
      sentTimestamp: m.sentTimestamp,
      receiveCount: m.receiveCount,
      size: m.size,
      preview: m.body.length > PREVIEW_LENGTH ? m.body.slice(0, PREVIEW_LENGTH) : m.body,
    };
    if (m.messageGroupId !== undefined) s.messageGroupId = m.messageGroupId;
    if (m.receiptHandle !== undefined) s.receiptHandle = m.receiptHandle;
    if (m.deadLetterSourceQueueName !== undefined) {
      s.deadLetterSourceQueueName = m.deadLetterSourceQueueName;
      const failure = this.lastConsumerError?.(m.messageId);
      if (failure) s.lastConsumerError = failure;
    }
    if (m.visibleAt !== undefined && m.state !== 'visible') {
      s.visibleAt = m.visibleAt;
      const since = this.activity.hiddenSince(m.messageId) ?? (m.state === 'delayed' ? m.sentTimestamp : undefined);
      if (since !== undefined) s.hiddenSince = since;
    }
    return s;
  }

  send(request: SendRequest): SendResult {
    const url = this.url;
    const entries = sendEntries(request);
    if (entries.length === 1) {
      const { Id: _id, ...input } = entries[0];
      return { messageIds: [this.sqs.operations.SendMessage({ QueueUrl: url, ...input }).MessageId], failed: [] };
    }
    const result: SendResult = { messageIds: [], failed: [] };
    for (const batch of inBatches(entries)) {
      const out = this.sqs.operations.SendMessageBatch({ QueueUrl: url, Entries: batch });
      result.messageIds.push(...out.Successful.map((s) => s.MessageId));
      result.failed.push(...out.Failed.map((f) => ({ code: f.Code, message: f.Message ?? f.Code })));
    }
    return result;
  }

  changeVisibility(receiptHandle: string, visibilityTimeout: number): null {
    this.sqs.operations.ChangeMessageVisibility({ QueueUrl: this.url, ReceiptHandle: receiptHandle, VisibilityTimeout: visibilityTimeout });
    return null;
  }

  delete(receiptHandles: string[] = [], messageIds: string[] = []): { deleted: number } {
    const url = this.url;
    for (const h of receiptHandles) this.sqs.operations.DeleteMessage({ QueueUrl: url, ReceiptHandle: h });
    // Waiting messages are deleted by id in the engine: receiving them to get handles would count a receive.
    const byId = messageIds.length ? this.sqs.deleteMessages(this.queueName, messageIds).deleted : 0;
    return { deleted: receiptHandles.length + byId };
  }

  purge(): null {
    this.sqs.operations.PurgeQueue({ QueueUrl: this.url });
    return null;
  }

  cancelMoveTask(taskHandle: string): null {
    this.sqs.operations.CancelMessageMoveTask({ TaskHandle: taskHandle });
    return null;
  }

  redrive(request: RedriveRequest): RedriveResult {
    const url = this.url;
    if (!request.messageIds) {
      const input: { SourceArn: string; DestinationArn?: string } = { SourceArn: this.arnOf(url) };
      if (request.destination) input.DestinationArn = this.arnOf(this.urlOf(request.destination));
      const { TaskHandle } = this.sqs.operations.StartMessageMoveTask(input);
      return { moved: 0, taskHandle: TaskHandle };
    }
    // Moved by the engine, not received and sent again: no receive count changes, ids and attributes kept.
    return this.sqs.redriveMessages(this.queueName, request.messageIds, request.destination);
  }
}

/** A ListMessageMoveTasks entry as the dead-letters tab shows it. */
export function toMoveTask(t: ListMessageMoveTasksResultEntry): MoveTask {
  return {
    taskHandle: t.TaskHandle,
    status: t.Status,
    sourceArn: t.SourceArn,
    destinationArn: t.DestinationArn,
    moved: t.ApproximateNumberOfMessagesMoved,
    toMove: t.ApproximateNumberOfMessagesToMove,
    failureReason: t.FailureReason,
  };
}

/** Message attributes shown as text: binary values as base64, as the console shows them. */
export function attributesForView(attributes: MessageAttributeMap | undefined): Record<string, MessageAttribute> {
  const out: Record<string, MessageAttribute> = {};
  for (const [k, v] of Object.entries(attributes ?? {})) {
    const BinaryValue = v.BinaryValue && toBase64(v.BinaryValue);
    out[k] = { DataType: v.DataType, StringValue: v.StringValue ?? v.StringListValues?.join(', '), BinaryValue };
  }
  return out;
}
