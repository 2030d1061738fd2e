import type { OpenedSource, SearchPorts } from './ports';
import type { SearchItem } from './types';

/** The outbox entries a topic's deliveries left, newest first unless asked otherwise. */
export function openOutbox(ports: SearchPorts, topicName: string, newestFirst: boolean): OpenedSource {
  const entries = ports.sns.listOutbox().filter((e) => e.topicArn.slice(e.topicArn.lastIndexOf(':') + 1) === topicName);
  if (newestFirst) entries.reverse();
  const items = entries.map(
    (e): SearchItem => ({
      kind: 'topic',
      resource: topicName,
      id: e.messageId,
      body: e.body,
      at: e.at,
      attributes: { protocol: e.protocol, endpoint: e.endpoint, ...(e.subject !== undefined ? { subject: e.subject } : {}) },
    }),
  );
  return { total: items.length, items };
}
