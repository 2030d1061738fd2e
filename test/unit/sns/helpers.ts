import { Broker, type BrokerOptions } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import type { BrokerEvent } from '../../../src/broker/events';

export function newBroker(options: BrokerOptions = {}): { broker: Broker; clock: FakeClock; events: BrokerEvent[] } {
  const clock = new FakeClock();
  const broker = new Broker({ ...options, clock });
  const events: BrokerEvent[] = [];
  broker.events.on((e) => events.push(e));
  return { broker, clock, events };
}

/** Runs `fn` and returns the AwsError it throws (code, message, status), failing if it does not throw. */
export function thrown(fn: () => unknown): { code: string; message: string; status: number } {
  try {
    fn();
  } catch (e) {
    const err = e as { code: string; message: string; status: number };
    return { code: err.code, message: err.message, status: err.status };
  }
  throw new Error('expected an error');
}

export function queueArn(name: string): string {
  return `arn:aws:sqs:us-east-1:000000000000:${name}`;
}

/** Creates a queue, returning its URL and ARN. */
export function makeQueue(broker: Broker, name: string, attributes: Record<string, string> = {}): { url: string; arn: string } {
  const fifo = name.endsWith('.fifo');
  const { QueueUrl } = broker.sqs.operations.CreateQueue({
    QueueName: name,
    Attributes: fifo ? { FifoQueue: 'true', ...attributes } : attributes,
  });
  return { url: QueueUrl, arn: queueArn(name) };
}

export async function receiveAll(broker: Broker, url: string) {
  const out = await broker.sqs.operations.ReceiveMessage({
    QueueUrl: url,
    MaxNumberOfMessages: 10,
    MessageAttributeNames: ['All'],
    MessageSystemAttributeNames: ['All'],
  });
  return out.Messages ?? [];
}
