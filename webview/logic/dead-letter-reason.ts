import type { MessageSummary } from '../../src/inspector/protocol';
import { formatRemaining } from './countdown';

/** Why a dead letter died, in the words of its row: how often it was received, how old it is, what its consumer said. */
export interface DeadLetterReason {
  /** `received 3×`. */
  received: string;
  /** Time since it was first sent (a message keeps its SentTimestamp when it moves to a DLQ). */
  age: string;
  /** `orders-worker: Error: card declined`, when a local function failed on it. */
  error?: string;
  /** All of it in one sentence, for the row's accessible name. */
  text: string;
}

export function deadLetterReason(m: MessageSummary, now: number): DeadLetterReason {
  const received = `received ${m.receiveCount}×`;
  const age = formatRemaining(Math.max(0, now - m.sentTimestamp));
  const failure = m.lastConsumerError;
  const error = failure ? `${failure.functionName}: ${failure.error}` : undefined;
  const from = m.deadLetterSourceQueueName ?? 'an unknown source';
  const text = `Dead letter ${m.messageId} from ${from}, ${received}, ${age} old${error ? `; last consumer error ${error}` : '; no consumer error recorded'}`;
  return { received, age, ...(error ? { error } : {}), text };
}
