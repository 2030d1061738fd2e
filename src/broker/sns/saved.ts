import type { Subscription, Topic } from './model';

/**
 * A topic and a subscription as plain data: what the change events carry, so the store writes what changed
 * without reading the engine back, and what a restart rebuilds them from. A topic keeps its FIFO sequence
 * and deduplication window; a subscription everything but its compiled filter (made again from FilterPolicy).
 */
export type SavedTopic = Omit<Topic, 'tags' | 'sequence' | 'deduplication'> & {
  tags: [string, string][];
  sequence: string;
  deduplication: [string, number][];
};

export type SavedSubscription = Omit<Subscription, 'filter'>;

export function saveTopic(topic: Topic): SavedTopic {
  return {
    ...topic,
    attributes: { ...topic.attributes },
    subscriptionArns: [...topic.subscriptionArns],
    tags: [...topic.tags],
    sequence: topic.sequence.toString(),
    deduplication: [...topic.deduplication],
  };
}

export function saveSubscription(sub: Subscription): SavedSubscription {
  const { filter: _filter, ...saved } = sub;
  return { ...saved, attributes: { ...saved.attributes } };
}
