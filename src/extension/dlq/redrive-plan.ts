/**
 * The dead-letter workbench's per-message redrive: a plan (each message as it is and as it will be sent,
 * optionally transformed by a JSONata expression; attributes kept unless told otherwise) that a dry run
 * shows as a diff, and its execution through Broker.request, deleting each original only after its send
 * was acknowledged. Free of `vscode`, so it is unit-tested.
 */
import jsonata from 'jsonata';
import type { Broker } from '../../broker/broker';
import type { MessageAttributeMap } from '../../broker/sqs/api';
import type { PeekedMessage } from '../../broker/sqs/message';

export interface RedriveEntry {
  messageId: string;
  destination: string;
  before: string;
  after: string;
  attributes?: MessageAttributeMap;
  messageGroupId?: string;
}

export interface RedriveOptions {
  /** Where to send; default each message's source queue (where it was dead-lettered from). */
  destination?: string;
  /** A JSONata expression applied to each body read as JSON (`$` is the body); its answer is the new body. */
  transform?: string;
  /** Drop the message attributes (they are kept by default). */
  dropAttributes?: boolean;
}

async function transformed(expression: ReturnType<typeof jsonata> | undefined, body: string): Promise<string> {
  if (!expression) return body;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new Error('The transform reads bodies as JSON; this body is not JSON.');
  }
  const out: unknown = await expression.evaluate(value);
  if (out === undefined) throw new Error('The transform answered nothing for this body.');
  return typeof out === 'string' ? out : JSON.stringify(out);
}

/** What a redrive would send, per message; a message it cannot plan has `error` and is left out of the run. */
export async function planRedrive(messages: PeekedMessage[], options: RedriveOptions): Promise<{ entries: RedriveEntry[]; errors: { messageId: string; error: string }[] }> {
  let expression: ReturnType<typeof jsonata> | undefined;
  if (options.transform?.trim()) {
    try {
      expression = jsonata(options.transform);
    } catch (e) {
      throw new Error(`JSONata ${options.transform}: ${(e as Error).message}`);
    }
  }
  const entries: RedriveEntry[] = [];
  const errors: { messageId: string; error: string }[] = [];
  for (const m of messages) {
    const destination = options.destination ?? m.deadLetterSourceQueueName;
    if (!destination) {
      errors.push({ messageId: m.messageId, error: 'It was not dead-lettered from a queue here; choose a destination.' });
      continue;
    }
    try {
      entries.push({
        messageId: m.messageId,
        destination,
        before: m.body,
        after: await transformed(expression, m.body),
        ...(!options.dropAttributes && m.messageAttributes && Object.keys(m.messageAttributes).length ? { attributes: m.messageAttributes } : {}),
        ...(m.messageGroupId !== undefined ? { messageGroupId: m.messageGroupId } : {}),
      });
    } catch (e) {
      errors.push({ messageId: m.messageId, error: (e as Error).message });
    }
  }
  return { entries, errors };
}

/**
 * Sends each planned message, then deletes its original from `fromQueue`, one at a time: a failed send
 * leaves its original where it is and the run goes on with the next.
 */
export async function runRedrive(broker: Broker, fromQueue: string, entries: RedriveEntry[]): Promise<{ sent: string[]; failed: { messageId: string; error: string }[] }> {
  const sent: string[] = [];
  const failed: { messageId: string; error: string }[] = [];
  for (const e of entries) {
    try {
      const { QueueUrl } = broker.sqs.operations.GetQueueUrl({ QueueName: e.destination });
      const fifo = e.destination.endsWith('.fifo');
      await broker.request('sqs', 'SendMessage', () =>
        broker.sqs.operations.SendMessage({
          QueueUrl,
          MessageBody: e.after,
          ...(e.attributes ? { MessageAttributes: e.attributes } : {}),
          ...(fifo ? { MessageGroupId: e.messageGroupId ?? 'redrive', MessageDeduplicationId: e.messageId } : {}),
        }),
      );
      await broker.request('sqs', 'DeleteMessage', () => broker.sqs.deleteMessages(fromQueue, [e.messageId]));
      sent.push(e.messageId);
    } catch (err) {
      failed.push({ messageId: e.messageId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { sent, failed };
}
