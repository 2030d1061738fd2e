import type { AttributeValue, SavedItem } from '../event-files/save';
import { busName, type RecordedRequest } from './recording';

type Entry = Record<string, unknown>;

/**
 * The items of a recording an event file can send: each message, publish, record and event in order.
 * Binary attribute values become base64 text (the event file then leaves them out, with a note); record
 * data that is not UTF-8 text is skipped and counted, as an event file holds text.
 */
export function recordingItems(requests: RecordedRequest[]): { items: SavedItem[]; skipped: number } {
  const items: SavedItem[] = [];
  let skipped = 0;
  const text = (data: unknown): string | undefined => {
    if (typeof data === 'string') return data;
    if (!(data instanceof Uint8Array)) return undefined;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      return undefined;
    }
  };
  for (const r of requests) {
    const input = r.input;
    const message = (e: Entry): SavedItem => ({
      kind: 'message', queue: r.resource, body: String(e.MessageBody),
      ...(e.MessageAttributes ? { attributes: attributes(e.MessageAttributes as Record<string, Entry>) } : {}),
      ...(e.MessageGroupId ? { groupId: String(e.MessageGroupId) } : {}),
      ...(e.MessageDeduplicationId ? { deduplicationId: String(e.MessageDeduplicationId) } : {}),
    });
    const publish = (e: Entry): SavedItem => ({
      kind: 'publish', topic: r.resource, message: String(e.Message),
      ...(e.Subject ? { subject: String(e.Subject) } : {}),
      ...(e.MessageAttributes ? { attributes: attributes(e.MessageAttributes as Record<string, Entry>) } : {}),
      ...(e.MessageGroupId ? { groupId: String(e.MessageGroupId) } : {}),
      ...(e.MessageDeduplicationId ? { deduplicationId: String(e.MessageDeduplicationId) } : {}),
    });
    const record = (e: Entry) => {
      const data = text(e.Data);
      if (data === undefined || r.service === 'firehose') return void skipped++;
      items.push({ kind: 'record', stream: r.resource, data, ...(e.PartitionKey ? { partitionKey: String(e.PartitionKey) } : {}) });
    };
    switch (`${r.service}.${r.action}`) {
      case 'sqs.SendMessage': items.push(message(input)); break;
      case 'sqs.SendMessageBatch': items.push(...(input.Entries as Entry[]).map(message)); break;
      case 'sns.Publish': items.push(publish(input)); break;
      case 'sns.PublishBatch': items.push(...(input.PublishBatchRequestEntries as Entry[]).map(publish)); break;
      case 'kinesis.PutRecord': record(input); break;
      case 'kinesis.PutRecords': (input.Records as Entry[]).forEach(record); break;
      case 'events.PutEvents':
        for (const e of input.Entries as Entry[]) {
          items.push({
            kind: 'event', bus: busName(e.EventBusName as string | undefined), source: String(e.Source), detailType: String(e.DetailType), detail: String(e.Detail),
            ...(Array.isArray(e.Resources) && e.Resources.length ? { resources: e.Resources.map(String) } : {}),
          });
        }
        break;
      default:
        // Firehose puts: an event file has no step for them.
        skipped += r.service === 'firehose' ? ((input.Records as Entry[] | undefined)?.length ?? 1) : 1;
    }
  }
  return { items, skipped };
}

function attributes(raw: Record<string, Entry>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, {
    DataType: String(v.DataType),
    ...(v.StringValue !== undefined ? { StringValue: String(v.StringValue) } : {}),
    ...(v.BinaryValue instanceof Uint8Array ? { BinaryValue: Buffer.from(v.BinaryValue).toString('base64') } : {}),
  }]));
}
