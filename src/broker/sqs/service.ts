import { arn as buildArn, parseArn } from '../identity';
import type { ServiceContext } from '../service-context';
import type { RequestContext, SqsOperations } from './api';
import { defaultAttributes, defaultFifoAttributes, validateAttributes } from './attributes';
import { sqsErrors } from './errors';
import type { QueueSettings, SqsEvent } from './events';
import type { MessageState } from './message';
import { MoveTasks } from './move-tasks';
import { FifoQueue } from './fifo-queue';
import type { Queue, QueueHost, QueuePeek, RedrivePolicy } from './queue';
import { StandardQueue } from './standard-queue';
import { currentAttributes } from './queue-attributes';
import { queuePolicyAllows } from './queue-access';
import { Receiver } from './receive';
import { checkRedriveAllowPolicy, parseRedrivePolicy } from './redrive';
import type { SendContext } from './send';
import type { SqsOperationContext } from './operations/context';
import { deleteOperations } from './operations/delete-message';
import { visibilityOperations } from './operations/message-visibility';
import { moveTaskOperations } from './operations/move-tasks';
import { queueAttributeOperations } from './operations/queue-attributes';
import { queueTagOperations } from './operations/queue-tags';
import { queueOperations } from './operations/queues';
import { receiveOperations } from './operations/receive-message';
import { sendOperations } from './operations/send-message';
import { mergeTags } from './tags';
import { parseQueueUrl, queueUrl } from './urls';
import { byName } from '../by-name';

export type { PeekedMessage } from './message';
export { queueUrl, queueNameFromUrl, parseQueueUrl } from './urls';

export interface QueueSummary {
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  visible: number;
  inFlight: number;
  delayed: number;
  deadLetterTargetName?: string;
  maxReceiveCount?: number;
  sourceQueueNames: string[];
  attributes: Record<string, string>;
}

export interface PeekOptions {
  offset?: number;
  limit?: number;
  state?: MessageState | 'all';
}

/** A queue as the store keeps it: the settings its change events carry. */
export type RestoredQueue = QueueSettings;

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
/** How long AWS keeps the name of a deleted queue from being used again. */
const DELETED_NAME_HOLD_MS = 60 * 1000;

/**
 * The SQS engine: every queue of the broker and the operations of the SQS API over them. The wire
 * server dispatches on `operations`; the tree and the inspector use the summaries and peek below.
 */
export class SqsService {
  readonly operations: SqsOperations;
  private readonly queues = new Map<string, Queue>();
  /** Names of queues deleted through DeleteQueue, with when; held for DELETED_NAME_HOLD_MS. */
  private readonly deletedAt = new Map<string, number>();
  private readonly host: QueueHost;
  private readonly moveTasks: MoveTasks;
  private readonly receiver: Receiver;
  private readonly sending: SendContext;
  private lastSequenceNumber = 0n;

  constructor(private readonly ctx: ServiceContext) {
    this.host = {
      scheduler: ctx.scheduler,
      emit: (event: SqsEvent) => ctx.events.emit(event),
      get listening() {
        return ctx.events.hasListeners;
      },
      queueByArn: (value: string) => this.queueByArn(value),
      nextSequenceNumber: () => this.nextSequenceNumber(),
    };
    this.receiver = new Receiver(ctx.scheduler);
    this.sending = {
      now: () => ctx.scheduler.now(),
      senderId: ctx.identity.accountId,
      nextSequenceNumber: () => this.nextSequenceNumber(),
      memory: ctx.memory,
    };
    this.moveTasks = new MoveTasks(this.host, (value) => this.queueByArn(value), () => this.queues.values());
    this.operations = this.buildOperations();
  }

  dispose(): void {
    this.moveTasks.dispose();
    for (const queue of this.queues.values()) queue.dispose();
  }

  // ---- lookup helpers ------------------------------------------------------------------------

  queueUrl(queueName: string, endpoint?: string): string {
    return queueUrl(endpoint ?? this.ctx.endpoint, this.ctx.identity.accountId, queueName);
  }

  queueNameFromUrl(url: string): string | undefined {
    return parseQueueUrl(url)?.queueName;
  }

  queueArn(queueName: string): string {
    return buildArn(this.ctx.identity, 'sqs', queueName);
  }

  private queueByArn(value: string): Queue | undefined {
    const parsed = parseArn(value);
    if (!parsed || parsed.service !== 'sqs') return undefined;
    if (parsed.accountId !== this.ctx.identity.accountId || parsed.region !== this.ctx.identity.region) return undefined;
    return this.queues.get(parsed.resource);
  }

  private requireQueue(url: unknown): Queue {
    if (typeof url !== 'string' || url === '') throw sqsErrors.missingParameter('QueueUrl');
    const location = parseQueueUrl(url);
    if (!location || (location.accountId !== undefined && location.accountId !== this.ctx.identity.accountId)) {
      throw sqsErrors.queueDoesNotExist();
    }
    const queue = this.queues.get(location.queueName);
    if (!queue) throw sqsErrors.queueDoesNotExist();
    return queue;
  }

  private nextSequenceNumber(): string {
    // Increasing 20-digit decimals like AWS's; time-based so they keep increasing across restarts.
    const fromClock = BigInt(this.ctx.scheduler.now()) * 1000000n;
    this.lastSequenceNumber = fromClock > this.lastSequenceNumber ? fromClock : this.lastSequenceNumber + 1n;
    return this.lastSequenceNumber.toString().padStart(20, '0');
  }

  private emitQueue(type: 'queueDeleted', queueName: string): void {
    this.ctx.events.emit({ service: 'sqs', type, queueName, at: this.ctx.scheduler.now() });
  }

  /** Frees the names of recently deleted queues at once: a broker reset starts as a new broker would. */
  /**
   * Refuses a caller of another account unless the queue's policy lets it run the action (queue-access.ts),
   * with AWS's AccessDenied. A queue that does not exist is left to the action, which says so.
   */
  checkCrossAccount(queueUrl: string, action: string, callerAccount: string): void {
    if (callerAccount === this.ctx.identity.accountId) return;
    const name = parseQueueUrl(queueUrl)?.queueName;
    const queue = name === undefined ? undefined : this.queues.get(name);
    if (queue && !queuePolicyAllows(queue.attributes.Policy, queue.arn, action, callerAccount)) throw sqsErrors.accessDenied(this.ctx.identity.region);
  }

  releaseDeletedQueueNames(): void {
    this.deletedAt.clear();
  }

  // ---- durability: the store reads queues after a change and puts them back after a restart ----

  queueNamed(name: string): Queue | undefined {
    return this.queues.get(name);
  }

  allQueues(): Iterable<Queue> {
    return this.queues.values();
  }

  /** Puts back a queue kept across a restart, without events; its messages follow via restoreMessage. */
  restoreQueue(saved: RestoredQueue): Queue {
    const queue = newQueue(this.host, saved.name, this.queueArn(saved.name), saved.fifo, { ...saved.attributes }, saved.createdTimestamp);
    queue.lastModifiedTimestamp = saved.lastModifiedTimestamp;
    queue.redrivePolicy = saved.redrivePolicy;
    queue.tags = { ...saved.tags };
    this.queues.set(saved.name, queue);
    return queue;
  }

  // ---- inspector and tree --------------------------------------------------------------------

  listQueueSummaries(endpoint?: string): QueueSummary[] {
    return [...this.queues.values()].map((q) => this.summary(q, endpoint)).sort(byName);
  }

  /** One queue's entry of listQueueSummaries, without summarising every other queue (the inspector's header). */
  queueSummary(queueName: string, endpoint?: string): QueueSummary {
    const queue = this.queues.get(queueName);
    if (!queue) throw sqsErrors.queueDoesNotExist();
    return this.summary(queue, endpoint);
  }

  private summary(queue: Queue, endpoint: string | undefined): QueueSummary {
    const target = queue.redrivePolicy ? this.queueByArn(queue.redrivePolicy.deadLetterTargetArn) : undefined;
    return {
      name: queue.name,
      url: this.queueUrl(queue.name, endpoint),
      arn: queue.arn,
      fifo: queue.fifo,
      visible: queue.approximateNumberOfMessages,
      inFlight: queue.approximateNumberOfMessagesNotVisible,
      delayed: queue.approximateNumberOfMessagesDelayed,
      deadLetterTargetName: target?.name ?? (queue.redrivePolicy ? parseArn(queue.redrivePolicy.deadLetterTargetArn)?.resource : undefined),
      maxReceiveCount: queue.redrivePolicy?.maxReceiveCount,
      sourceQueueNames: this.deadLetterSources(queue).map((q) => q.name),
      attributes: currentAttributes(queue),
    };
  }

  /** Reads a queue's messages without receiving them: no receive count, visibility or handle changes. */
  peek(queueName: string, opts: PeekOptions = {}): QueuePeek {
    const queue = this.queues.get(queueName);
    if (!queue) throw sqsErrors.queueDoesNotExist();
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    const limit = Math.max(0, Math.floor(opts.limit ?? 100));
    return queue.peek(offset, limit, opts.state ?? 'all');
  }

  /**
   * The inspector's "redrive selected": moves these messages of a queue to `destinationName`, or each back
   * to the queue it was dead-lettered from, without receiving them (no receive count changes anywhere).
   */
  redriveMessages(queueName: string, messageIds: string[], destinationName?: string): { moved: number } {
    const queue = this.queues.get(queueName);
    if (!queue) throw sqsErrors.queueDoesNotExist();
    const destinationArn = destinationName === undefined ? undefined : this.queueArn(destinationName);
    return { moved: this.moveTasks.moveMessages(queue, messageIds, destinationArn) };
  }

  /**
   * The inspector's "delete selected": deletes these messages by id without receiving them, so no other
   * message's receive count grows. Messages in flight stay: their consumer holds them.
   */
  deleteMessages(queueName: string, messageIds: string[]): { deleted: number } {
    const queue = this.queues.get(queueName);
    if (!queue) throw sqsErrors.queueDoesNotExist();
    let deleted = 0;
    for (const messageId of new Set(messageIds)) if (queue.deleteWaitingMessage(messageId)) deleted++;
    return { deleted };
  }

  private deadLetterSources(target: Queue): Queue[] {
    return [...this.queues.values()].filter((q) => q.redrivePolicy?.deadLetterTargetArn === target.arn);
  }

  // ---- operations ----------------------------------------------------------------------------

  /** The AWS action table: one file (or family) per operation under operations/. */
  private buildOperations(): SqsOperations {
    const ctx: SqsOperationContext = {
      accountId: this.ctx.identity.accountId,
      sending: this.sending,
      receiver: this.receiver,
      moveTasks: this.moveTasks,
      requireQueue: (url) => this.requireQueue(url),
      queueUrl: (name, endpoint) => this.queueUrl(name, endpoint),
      queueNames: () => this.queues.keys(),
      hasQueue: (name) => this.queues.has(name),
      deadLetterSources: (target) => this.deadLetterSources(target),
      createQueue: (name, attributes, tags, rc) => this.createQueue(name, attributes, tags, rc),
      deleteQueue: (queue) => this.deleteQueue(queue),
      checkQueueAttributes: (attributes, fifo, arn, queue) => this.checkQueueAttributes(attributes, fifo, arn, queue),
    };
    return {
      ...queueOperations(ctx),
      ...queueAttributeOperations(ctx),
      ...queueTagOperations(ctx),
      ...sendOperations(ctx),
      ...receiveOperations(ctx),
      ...deleteOperations(ctx),
      ...visibilityOperations(ctx),
      ...moveTaskOperations(ctx),
    };
  }

  private deleteQueue(queue: Queue): void {
    this.queues.delete(queue.name);
    queue.dispose();
    this.deletedAt.set(queue.name, this.ctx.scheduler.now());
    this.emitQueue('queueDeleted', queue.name);
  }

  // ---- queues --------------------------------------------------------------------------------

  private createQueue(
    name: string,
    attributes: Record<string, string> | undefined,
    tags: Record<string, string> | undefined,
    rc: RequestContext | undefined,
  ): string {
    if (!name) throw sqsErrors.missingParameter('QueueName');
    const given = attributes ?? {};
    const fifo = String(given.FifoQueue ?? '').toLowerCase() === 'true';
    checkQueueName(name, fifo);
    const arn = this.queueArn(name);
    const existing = this.queues.get(name);
    const { values, redrivePolicy } = this.checkQueueAttributes(given, fifo, arn, existing);
    if (existing) {
      const current = currentAttributes(existing);
      for (const [key, value] of Object.entries(values)) {
        const now = current[key] ?? (key === 'FifoQueue' ? 'false' : '');
        if (now !== value) throw sqsErrors.queueAlreadyExists(key);
      }
      if (existing.fifo !== fifo) throw sqsErrors.queueAlreadyExists('FifoQueue');
      return this.queueUrl(name, rc?.endpoint);
    }
    this.checkNameNotHeld(name);
    const initialTags = tags ? mergeTags(name, {}, tags) : undefined;
    const initial = { ...defaultAttributes, ...(fifo ? defaultFifoAttributes : {}) };
    for (const [key, value] of Object.entries(values)) {
      if (value === '' && (key === 'Policy' || key === 'RedrivePolicy' || key === 'RedriveAllowPolicy' || key === 'KmsMasterKeyId')) continue;
      initial[key] = value;
    }
    const queue = newQueue(this.host, name, arn, fifo, initial);
    queue.redrivePolicy = redrivePolicy ?? undefined;
    if (initialTags) queue.tags = initialTags;
    this.queues.set(name, queue);
    if (this.ctx.events.hasListeners) {
      this.ctx.events.emit({ service: 'sqs', type: 'queueCreated', queueName: name, at: this.ctx.scheduler.now(), settings: queue.settings() });
    }
    return this.queueUrl(name, rc?.endpoint);
  }

  /** A name stays taken for a minute after DeleteQueue, as in AWS. */
  private checkNameNotHeld(name: string): void {
    const now = this.ctx.scheduler.now();
    for (const [held, at] of this.deletedAt) if (now - at >= DELETED_NAME_HOLD_MS) this.deletedAt.delete(held);
    if (this.deletedAt.has(name)) throw sqsErrors.queueDeletedRecently();
  }

  /** Validates attributes a client sets; returns them normalised with the parsed redrive policy (null: untouched). */
  private checkQueueAttributes(
    attributes: Record<string, string>,
    fifo: boolean,
    arn: string,
    queue: Queue | undefined,
  ): { values: Record<string, string>; redrivePolicy: RedrivePolicy | undefined | null } {
    const values = validateAttributes(attributes, fifo);
    if (values.KmsMasterKeyId && values.SqsManagedSseEnabled === 'true') {
      throw sqsErrors.invalidAttributeName(
        'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
      );
    }
    // Turning one kind of server-side encryption on turns the other off.
    if (values.KmsMasterKeyId) values.SqsManagedSseEnabled = 'false';
    else if (values.SqsManagedSseEnabled === 'true' && queue?.attributes.KmsMasterKeyId) values.KmsMasterKeyId = '';
    if (values.RedriveAllowPolicy) checkRedriveAllowPolicy(values.RedriveAllowPolicy);
    let redrivePolicy: RedrivePolicy | undefined | null = null;
    if ('RedrivePolicy' in values) {
      redrivePolicy = values.RedrivePolicy === '' ? undefined : parseRedrivePolicy(values.RedrivePolicy, { arn, fifo }, (a) => this.queueByArn(a));
      if (redrivePolicy) values.RedrivePolicy = JSON.stringify(redrivePolicy);
    }
    return { values, redrivePolicy };
  }
}

function checkQueueName(name: string, fifo: boolean): void {
  if (fifo) {
    if (!name.endsWith('.fifo') || !QUEUE_NAME.test(name.slice(0, -5)) || name.length > 80) {
      throw sqsErrors.invalidParameterValue(
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
      );
    }
    return;
  }
  if (!QUEUE_NAME.test(name)) {
    throw sqsErrors.invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
}

/** A queue of its kind; the store passes the creation time of a queue made before a restart. */
function newQueue(host: QueueHost, name: string, arn: string, fifo: boolean, attributes: Record<string, string>, createdTimestamp?: number): Queue {
  return fifo ? new FifoQueue(host, name, arn, attributes, createdTimestamp) : new StandardQueue(host, name, arn, attributes, createdTimestamp);
}
