import type { PeekedMessage } from '../../broker/sqs/message';
import type { SavedItem } from '../../event-files/save';
import type { ResourceRef } from '../../inspector/protocol';
import { attributesAsText } from '../message-attributes';
import type { InspectorBroker } from './session';

/** A dead letter is saved as a send to the queue it failed in, so running the file replays the failure. */
export const savedMessage = (queue: string) => (m: PeekedMessage): SavedItem => ({
  kind: 'message',
  queue: m.deadLetterSourceQueueName ?? queue,
  body: m.body,
  ...(m.messageAttributes ? { attributes: attributesAsText(m.messageAttributes) } : {}),
  ...(m.messageGroupId ? { groupId: m.messageGroupId } : {}),
  ...(m.messageDeduplicationId ? { deduplicationId: m.messageDeduplicationId } : {}),
});

/**
 * The items the inspector's "Save as event file" names, read from the engine as they stand, in the order
 * of `ids`: message ids (queue), outbox entry ids (topic), `shardId/sequenceNumber` (stream), event ids (bus).
 * Ids no longer found are left out.
 */
export function savedItems(broker: InspectorBroker, resource: ResourceRef, ids: string[]): SavedItem[] {
  const wanted = new Set(ids);
  const inOrder = <T>(found: Map<string, T>) => ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  switch (resource.kind) {
    case 'queue': {
      const { messages } = broker.sqs.peek(resource.name, { limit: Number.MAX_SAFE_INTEGER });
      return inOrder(new Map(messages.filter((m) => wanted.has(m.messageId)).map((m) => [m.messageId, savedMessage(resource.name)(m)])));
    }
    case 'topic':
      return inOrder(new Map(broker.sns.listOutbox().filter((e) => wanted.has(String(e.id)) && e.topicArn.endsWith(`:${resource.name}`))
        .map((e) => [String(e.id), { kind: 'publish', topic: resource.name, message: e.body, ...(e.subject ? { subject: e.subject } : {}) } as SavedItem])));
    case 'bus':
      return inOrder(new Map(broker.eventbridge.recentEvents(resource.name).filter((e) => wanted.has(e.event.id)).map((e) => [e.event.id, {
        kind: 'event', bus: resource.name, source: e.event.source, detailType: e.event['detail-type'], detail: JSON.stringify(e.event.detail),
        ...(e.event.resources.length ? { resources: e.event.resources } : {}),
      } as SavedItem])));
    case 'stream':
      return ids.flatMap((id) => {
        const [shardId, sequenceNumber] = id.split('/');
        try {
          const { ShardIterator } = broker.kinesis.operations.GetShardIterator({ StreamName: resource.name, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: sequenceNumber });
          const record = broker.kinesis.operations.GetRecords({ ShardIterator: ShardIterator!, Limit: 1 }).Records[0];
          if (!record || record.SequenceNumber !== sequenceNumber) return [];
          return [{ kind: 'record', stream: resource.name, data: new TextDecoder().decode(record.Data), partitionKey: record.PartitionKey } as SavedItem];
        } catch {
          return [];
        }
      });
    default:
      return [];
  }
}
