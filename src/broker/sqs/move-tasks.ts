import { randomUUID } from 'node:crypto';
import type { Deadline } from '../scheduler';
import { parseArn } from '../identity';
import type {
  CancelMessageMoveTaskInput,
  CancelMessageMoveTaskOutput,
  ListMessageMoveTasksInput,
  ListMessageMoveTasksOutput,
  ListMessageMoveTasksResultEntry,
  StartMessageMoveTaskInput,
  StartMessageMoveTaskOutput,
} from './api';
import { sqsErrors } from './errors';
import type { StoredMessage } from './message';
import type { Queue, QueueHost } from './queue';

type Status = ListMessageMoveTasksResultEntry['Status'];

interface MoveTask {
  id: string;
  handle: string;
  sourceArn: string;
  destinationArn?: string;
  rate?: number;
  status: Status;
  moved: number;
  toMove: number;
  startedTimestamp: number;
  failureReason?: string;
  step?: Deadline;
}

/** Without a rate, a task moves this many messages per scheduler step so a huge DLQ does not stall the broker. */
const UNLIMITED_CHUNK = 500;

/**
 * Dead-letter redrive: StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask. A running task
 * moves messages in scheduler steps (one message every 1/rate seconds when a rate is given).
 */
export class MoveTasks {
  private readonly tasks: MoveTask[] = [];

  constructor(
    private readonly host: QueueHost,
    private readonly queueByArn: (arn: string) => Queue | undefined,
    private readonly allQueues: () => Iterable<Queue>,
  ) {}

  dispose(): void {
    for (const task of this.tasks) task.step?.cancel();
  }

  start(input: StartMessageMoveTaskInput): StartMessageMoveTaskOutput {
    const source = this.requireSource(input.SourceArn);
    const isDeadLetterQueue = [...this.allQueues()].some((q) => q.redrivePolicy?.deadLetterTargetArn === source.arn);
    if (!isDeadLetterQueue) throw sqsErrors.invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
    if (input.DestinationArn !== undefined && !this.queueByArn(input.DestinationArn)) {
      throw sqsErrors.resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.");
    }
    const rate = input.MaxNumberOfMessagesPerSecond;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
      throw sqsErrors.invalidValue(rate, 'MaxNumberOfMessagesPerSecond', 'Must be between 1 and 500.');
    }
    if (this.tasks.some((t) => t.sourceArn === source.arn && (t.status === 'RUNNING' || t.status === 'CANCELLING'))) {
      throw sqsErrors.invalidParameterValue(
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    const id = randomUUID();
    const task: MoveTask = {
      id,
      handle: Buffer.from(JSON.stringify({ taskId: id, sourceArn: source.arn }), 'utf8').toString('base64'),
      sourceArn: source.arn,
      destinationArn: input.DestinationArn,
      rate,
      status: 'RUNNING',
      moved: 0,
      toMove: source.approximateNumberOfMessages,
      startedTimestamp: this.host.scheduler.now(),
    };
    this.tasks.push(task);
    this.changed(task, source.name);
    task.step = this.host.scheduler.after(0, () => this.step(task));
    return { TaskHandle: task.handle };
  }

  cancel(input: CancelMessageMoveTaskInput): CancelMessageMoveTaskOutput {
    let decoded: { taskId?: unknown; sourceArn?: unknown };
    try {
      decoded = JSON.parse(Buffer.from(String(input.TaskHandle ?? ''), 'base64').toString('utf8'));
    } catch {
      throw sqsErrors.invalidParameterValue('Value for parameter TaskHandle is invalid.');
    }
    if (!decoded || typeof decoded.taskId !== 'string' || typeof decoded.sourceArn !== 'string') {
      throw sqsErrors.invalidParameterValue('Value for parameter TaskHandle is invalid.');
    }
    const source = this.queueByArn(decoded.sourceArn);
    if (!source) throw sqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    const task = this.tasks.find((t) => t.id === decoded.taskId && t.sourceArn === source.arn);
    if (!task) throw sqsErrors.resourceNotFound('Task does not exist.');
    if (task.status !== 'RUNNING') {
      throw sqsErrors.invalidParameterValue('Only active tasks can be cancelled.');
    }
    task.step?.cancel();
    task.status = 'CANCELLED';
    this.changed(task, source.name);
    return { ApproximateNumberOfMessagesMoved: task.moved };
  }

  list(input: ListMessageMoveTasksInput): ListMessageMoveTasksOutput {
    const source = this.requireSource(input.SourceArn);
    const max = input.MaxResults ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw sqsErrors.invalidValue(max, 'MaxResults', 'Must be between 1 and 10, if provided.');
    }
    const results = this.tasks
      .filter((t) => t.sourceArn === source.arn)
      .reverse()
      .slice(0, max)
      .map((t) => this.entry(t));
    return { Results: results };
  }

  private requireSource(sourceArn: string | undefined): Queue {
    const arn = parseArn(String(sourceArn ?? ''));
    if (!arn) {
      throw sqsErrors.invalidParameterValue(
        'You must use this format to specify the SourceArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>',
      );
    }
    const queue = this.queueByArn(String(sourceArn));
    if (!queue) throw sqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    return queue;
  }

  private entry(task: MoveTask): ListMessageMoveTasksResultEntry {
    return {
      ...(task.status === 'RUNNING' ? { TaskHandle: task.handle } : {}),
      Status: task.status,
      SourceArn: task.sourceArn,
      ...(task.destinationArn ? { DestinationArn: task.destinationArn } : {}),
      ...(task.rate !== undefined ? { MaxNumberOfMessagesPerSecond: task.rate } : {}),
      ApproximateNumberOfMessagesMoved: task.moved,
      ApproximateNumberOfMessagesToMove: task.toMove,
      ...(task.failureReason ? { FailureReason: task.failureReason } : {}),
      StartedTimestamp: task.startedTimestamp,
    };
  }

  private step(task: MoveTask): void {
    task.step = undefined;
    if (task.status !== 'RUNNING') return;
    const source = this.queueByArn(task.sourceArn);
    if (!source) return this.fail(task, undefined);
    const batch = task.rate ? 1 : UNLIMITED_CHUNK;
    for (let i = 0; i < batch; i++) {
      const message = source.takeForMove();
      if (!message) {
        task.status = 'COMPLETED';
        this.changed(task, source.name);
        return;
      }
      const targetArn = task.destinationArn ?? message.deadLetterQueueSourceArn;
      const target = targetArn ? this.queueByArn(targetArn) : undefined;
      if (!target) {
        // The message stays where it was; the task fails as AWS reports a vanished queue.
        source.adopt(message, true);
        return this.fail(task, source.name);
      }
      redrive(source, message, target);
      task.moved++;
    }
    task.step = this.host.scheduler.after(task.rate ? 1000 / task.rate : 0, () => this.step(task));
  }

  /**
   * Redrives chosen messages of a queue (the inspector's "redrive selected") without receiving them, so
   * their receive counts and every other message stay untouched. Each goes to `destinationArn`, else back
   * to the queue it was dead-lettered from; messages in flight (a consumer holds them) stay. Returns how
   * many moved.
   */
  moveMessages(source: Queue, messageIds: string[], destinationArn: string | undefined): number {
    const destination = destinationArn === undefined ? undefined : this.queueByArn(destinationArn);
    if (destinationArn !== undefined && !destination) {
      throw sqsErrors.resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.");
    }
    if (destination && destination.fifo !== source.fifo) {
      throw sqsErrors.invalidParameterValue('The source queue and the destination queue must be of the same type.');
    }
    let moved = 0;
    for (const messageId of new Set(messageIds)) {
      const waiting = source.messageWaiting(messageId);
      const targetArn = destinationArn ?? waiting?.deadLetterQueueSourceArn;
      const target = targetArn === undefined ? undefined : this.queueByArn(targetArn);
      if (!waiting || !target || target === source || target.fifo !== source.fifo) continue;
      const message = source.takeForMove(messageId);
      if (!message) continue;
      redrive(source, message, target);
      moved++;
    }
    return moved;
  }

  private fail(task: MoveTask, sourceName: string | undefined): void {
    task.status = 'FAILED';
    task.failureReason = 'AWS.SimpleQueueService.NonExistentQueue';
    this.changed(task, sourceName ?? parseArn(task.sourceArn)?.resource ?? '');
  }

  private changed(task: MoveTask, queueName: string): void {
    this.host.emit({
      service: 'sqs',
      type: 'moveTaskChanged',
      queueName,
      taskHandle: task.handle,
      status: task.status,
      at: this.host.scheduler.now(),
    });
  }
}

/** AWS treats a redriven message as newly enqueued: no receives yet, no dead-letter origin, fresh retention. */
function redrive(source: Queue, message: StoredMessage, target: Queue): void {
  const moved = target.adopt({
    ...message,
    receiveCount: 0,
    firstReceiveTimestamp: undefined,
    deadLetterQueueSourceArn: undefined,
    deadLetterQueueSourceName: undefined,
  });
  source.emitMoved(moved, target);
}
