import type { MessageState, PeekedMessage } from '../sqs/message';
import type { OpenedSource, SearchPorts } from './ports';
import type { SearchItem } from './types';

const PAGE = 1000;
const ALL_STATES: MessageState[] = ['visible', 'inFlight', 'delayed'];

/** A peeked message as a search item: string attributes flattened for equality, the group id among them. */
export function queueItem(queueName: string, m: PeekedMessage): SearchItem {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.messageAttributes ?? {})) {
    if (value.StringValue !== undefined) attributes[name] = value.StringValue;
  }
  if (m.messageGroupId !== undefined) attributes.MessageGroupId = m.messageGroupId;
  return {
    kind: 'queue',
    resource: queueName,
    id: m.messageId,
    body: m.body,
    at: m.sentTimestamp,
    attributes,
    state: m.state,
    receiveCount: m.receiveCount,
    ...(m.deadLetterSourceQueueName !== undefined ? { deadLetterSourceQueueName: m.deadLetterSourceQueueName } : {}),
  };
}

/**
 * A queue's messages through the engine's peek (no receive, no visibility change), a page at a time, newest
 * first by walking the pages from the back. A message that moves between pages while the search runs is
 * reported once.
 */
export function openQueue(ports: SearchPorts, name: string, states: MessageState[] | undefined, newestFirst: boolean): OpenedSource {
  const wanted = new Set(states?.length ? states : ALL_STATES);
  const first = ports.sqs.peek(name, { limit: 0 });
  const total = [...wanted].reduce((n, s) => n + first.counts[s], 0);
  function* items(): Generator<SearchItem> {
    const seen = new Set<string>();
    const size = first.total;
    for (let page = 0; page * PAGE < size; page++) {
      const offset = newestFirst ? Math.max(0, size - (page + 1) * PAGE) : page * PAGE;
      const limit = newestFirst ? size - page * PAGE - offset : PAGE;
      let messages: PeekedMessage[];
      try {
        messages = ports.sqs.peek(name, { offset, limit, state: 'all' }).messages;
      } catch {
        return; // deleted while the search ran: what was found stands
      }
      if (newestFirst) messages.reverse();
      for (const m of messages) {
        if (!wanted.has(m.state) || seen.has(m.messageId)) continue;
        seen.add(m.messageId);
        yield queueItem(name, m);
      }
    }
  }
  return { total, items: items() };
}
