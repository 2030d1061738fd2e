import { Broker, type BrokerOptions } from '../../../src/broker/broker';
import { FakeClock } from '../../../src/broker/clock';
import type { EventBridgeEvent } from '../../../src/broker/eventbridge/events';

import { receiveAll } from '../sns/helpers';

export { thrown, makeQueue, receiveAll } from '../sns/helpers';

export function newBroker(options: BrokerOptions = {}): { broker: Broker; clock: FakeClock; events: EventBridgeEvent[]; ops: Broker['eventbridge']['operations'] } {
  const clock = new FakeClock();
  const broker = new Broker({ clock, identity: { accountId: '111111111111' }, ...options });
  const events: EventBridgeEvent[] = [];
  broker.events.on((e) => {
    if (e.service === 'events') events.push(e);
  });
  return { broker, clock, events, ops: broker.eventbridge.operations };
}

export const accountQueueArn = (name: string) => `arn:aws:sqs:us-east-1:111111111111:${name}`;

/** The recorded tests' event (test_events*.snapshot.json). */
export const recordedEntry = {
  Source: 'core.update-account-command',
  DetailType: 'core.update-account-command',
  Detail: JSON.stringify({ command: 'update-account', payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' } }),
};

/** The body of a delivered message with the varying members replaced as the recorder replaced them. */
export function normalized(body: string, replacements: Record<string, string> = {}): unknown {
  let text = body;
  for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && 'time' in parsed && 'version' in parsed) parsed.time = 'date';
    return parsed;
  } catch {
    return text;
  }
}

/** Receives every visible message of a queue and deletes them, so later receives see only new ones. */
export async function drain(broker: Broker, url: string) {
  const messages = await receiveAll(broker, url);
  for (const m of messages) broker.sqs.operations.DeleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! });
  return messages;
}
