import { sqsLimits } from '../limits';
import type { Scheduler } from '../scheduler';
import type { Message, ReceiveMessageInput, ReceiveMessageOutput } from './api';
import { sqsErrors } from './errors';
import { md5OfMessageAttributes } from './md5';
import { StoredMessage, systemAttributes } from './message';
import { OrderedSlots } from './ordered-slots';
import type { Queue } from './queue';
import { selectMessageAttributes, selectSystemAttributes } from './receive-selection';

const RECEIVE_ATTEMPT_WINDOW_MS = 5 * 60 * 1000;

/** A FIFO receive remembered by its ReceiveRequestAttemptId, so a retry gets the same answer. */
interface Attempt {
  key: string;
  messages: StoredMessage[];
  handles: string[];
  expiresAt: number;
}

export function checkVisibilityTimeout(value: unknown, required: boolean): number {
  if (value === undefined && required) throw sqsErrors.missingParameter('VisibilityTimeout');
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > sqsLimits.maxVisibilityTimeoutSeconds) {
    throw sqsErrors.invalidValue(value, 'VisibilityTimeout', `Must be >= 0 and <= ${sqsLimits.maxVisibilityTimeoutSeconds}, if provided.`);
  }
  return n;
}

/**
 * ReceiveMessage: parameter checks, the receive itself, long polling (a waiter on the queue plus one
 * scheduler deadline) and the answer with the attributes the caller selected.
 */
export class Receiver {
  private readonly attempts = new OrderedSlots<Attempt>((a) => a.key);

  constructor(private readonly scheduler: Scheduler) {}

  /**
   * Checks synchronously (throwing AwsError) and receives at once; resolves later only when it waits.
   * An aborted `signal` ends the wait with no messages and without taking any.
   */
  receive(queue: Queue, input: ReceiveMessageInput, signal?: AbortSignal): Promise<ReceiveMessageOutput> {
    const max = input.MaxNumberOfMessages ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw sqsErrors.invalidValue(max, 'MaxNumberOfMessages', 'Must be between 1 and 10, if provided.');
    }
    const wait = input.WaitTimeSeconds ?? queue.numberAttribute('ReceiveMessageWaitTimeSeconds');
    if (!Number.isInteger(wait) || wait < 0 || wait > sqsLimits.maxWaitSeconds) {
      throw sqsErrors.invalidValue(wait, 'WaitTimeSeconds', `Must be >= 0 and <= ${sqsLimits.maxWaitSeconds}, if provided.`);
    }
    const visibility =
      input.VisibilityTimeout === undefined ? queue.numberAttribute('VisibilityTimeout') : checkVisibilityTimeout(input.VisibilityTimeout, false);
    const attemptId = input.ReceiveRequestAttemptId;
    if (attemptId !== undefined && (typeof attemptId !== 'string' || !/^[\x21-\x7E]{1,128}$/.test(attemptId))) {
      throw sqsErrors.invalidValue(
        attemptId,
        'ReceiveRequestAttemptId',
        'ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
      );
    }
    // Only FIFO queues honour ReceiveRequestAttemptId, as AWS documents.
    const attemptKey = queue.fifo && attemptId ? `${queue.arn} ${attemptId}` : undefined;
    const repeated = attemptKey ? this.repeatAttempt(attemptKey) : undefined;
    if (repeated) return Promise.resolve(answer(repeated.messages, repeated.handles, input));

    const take = (): ReceiveMessageOutput | undefined => {
      const messages = queue.receive(max, visibility);
      if (messages.length === 0) return undefined;
      const handles = messages.map((m) => m.receiptHandle as string);
      if (attemptKey) {
        this.attempts.add(attemptKey, { key: attemptKey, messages, handles, expiresAt: this.scheduler.now() + RECEIVE_ATTEMPT_WINDOW_MS });
      }
      return answer(messages, handles, input);
    };
    if (signal?.aborted) return Promise.resolve({});
    const immediate = take();
    if (immediate || wait === 0) return Promise.resolve(immediate ?? {});
    return new Promise((resolve) => {
      const finish = (output: ReceiveMessageOutput) => {
        deadline.cancel();
        removeWaiter();
        signal?.removeEventListener('abort', onAbort);
        resolve(output);
      };
      const onAbort = () => finish({});
      const deadline = this.scheduler.after(wait * 1000, () => finish({}));
      const removeWaiter = queue.addWaiter({
        take: () => {
          const output = take();
          if (output) finish(output);
          return output !== undefined;
        },
        abort: () => finish({}),
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private repeatAttempt(key: string): Attempt | undefined {
    const now = this.scheduler.now();
    for (let oldest = this.attempts.first(); oldest && oldest.expiresAt <= now; oldest = this.attempts.first()) {
      this.attempts.remove(oldest.key);
    }
    const attempt = this.attempts.get(key);
    if (!attempt) return undefined;
    // Only a retry of an attempt whose messages are all still held under its handles is answered again.
    const intact = attempt.messages.every((m, i) => m.state === 'inFlight' && m.receiptHandle === attempt.handles[i]);
    if (!intact) {
      this.attempts.remove(key);
      return undefined;
    }
    return attempt;
  }
}

function answer(messages: StoredMessage[], handles: string[], input: ReceiveMessageInput): ReceiveMessageOutput {
  const systemNames = [...(input.MessageSystemAttributeNames ?? []), ...(input.AttributeNames ?? [])];
  const out: Message[] = [];
  // Every received message passes here: one literal of one shape, and system attributes only when asked for.
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    const entry: Message = { MessageId: message.messageId, ReceiptHandle: handles[i], MD5OfBody: message.md5OfBody, Body: message.body };
    const attributes = systemNames.length ? selectSystemAttributes(systemAttributes(message), systemNames) : undefined;
    if (attributes) entry.Attributes = attributes;
    const messageAttributes = selectMessageAttributes(message.messageAttributes, input.MessageAttributeNames);
    const md5OfAttributes = md5OfMessageAttributes(messageAttributes);
    if (messageAttributes && md5OfAttributes) {
      entry.MD5OfMessageAttributes = md5OfAttributes;
      entry.MessageAttributes = messageAttributes;
    }
    out.push(entry);
  }
  return { Messages: out };
}
