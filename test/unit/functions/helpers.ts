import path from 'node:path';
import { Broker } from '../../../src/broker/broker';
import type { BrokerEvent } from '../../../src/broker/events';
import { NodeInvocationRunner } from '../../../src/functions-runtime/node-runner';

export const fixtures = path.resolve(__dirname, '../../fixtures/functions');

export function fixture(name: string): string {
  return path.join(fixtures, name);
}

/** A broker on the real clock whose functions run in real child processes; `events` records what it emitted. */
export function realBroker(): { broker: Broker; events: BrokerEvent[] } {
  const broker = new Broker({ functionRunner: new NodeInvocationRunner() });
  const events: BrokerEvent[] = [];
  broker.events.on((e) => events.push(e));
  return { broker, events };
}

/** Waits until `check` holds, looking every 20 ms; fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 20000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
