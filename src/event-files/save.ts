import { stringify } from 'yaml';
import type { Attributes, EventFile, Step } from './model';

/** A message attribute as AWS writes it (SQS and SNS alike); a binary value as base64 text. */
export interface AttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/**
 * Something seen on the broker that an event file can send again: a queue's message (a dead letter too),
 * a topic's message, a stream's record, a bus's event. Bodies are text as the resource held them.
 */
export type SavedItem =
  | { kind: 'message'; queue: string; body: string; attributes?: Record<string, AttributeValue>; groupId?: string; deduplicationId?: string }
  | { kind: 'publish'; topic: string; message: string; subject?: string; attributes?: Record<string, AttributeValue>; groupId?: string; deduplicationId?: string }
  | { kind: 'record'; stream: string; data: string; partitionKey?: string }
  | { kind: 'event'; bus?: string; source: string; detailType: string; detail: string; resources?: string[] };

export interface SavedEventFile {
  /** The YAML text of a `*.events.yaml` file with one step per item, in the items' order. */
  text: string;
  /** What could not be kept exactly, one sentence each (also written as comments at the top of the file). */
  notes: string[];
}

/**
 * Writes items as an event file that sends them again. A body that is JSON written compactly becomes a
 * YAML mapping (the runner sends a mapping as compact JSON, so the bytes stay the same); any other body
 * stays a string. Every `${` in a value is written `$${` so the runner sends it as it was.
 */
export function eventFileFrom(items: SavedItem[], name: string): SavedEventFile {
  const notes: string[] = [];
  const used = new Map<string, number>();
  const stepName = (base: string) => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return `${base}-${n}`;
  };
  const steps: Step[] = items.map((item, i) => {
    const where = `item ${i + 1}`;
    switch (item.kind) {
      case 'message':
        return {
          name: stepName(`send-${slug(item.queue)}`),
          send: {
            queue: item.queue,
            body: bodyValue(item.body),
            ...attributesPart(item.attributes, where, notes),
            ...(item.groupId ? { groupId: escape(item.groupId) } : {}),
            // A FIFO queue would drop a second send with the same id for five minutes; a fresh id lets the file run again.
            ...(item.deduplicationId ? { deduplicationId: '${faker:string.uuid}' } : {}),
          },
        };
      case 'publish':
        return {
          name: stepName(`publish-${slug(item.topic)}`),
          publish: {
            topic: item.topic,
            message: bodyValue(item.message),
            ...(item.subject ? { subject: escape(item.subject) } : {}),
            ...attributesPart(item.attributes, where, notes),
            ...(item.groupId ? { groupId: escape(item.groupId) } : {}),
            ...(item.deduplicationId ? { deduplicationId: '${faker:string.uuid}' } : {}),
          },
        };
      case 'record':
        return {
          name: stepName(`put-${slug(item.stream)}`),
          putRecords: { stream: item.stream, data: bodyValue(item.data), ...(item.partitionKey ? { partitionKey: escape(item.partitionKey) } : {}) },
        };
      case 'event': {
        const detail = bodyValue(item.detail);
        if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) notes.push(`${where}: the detail is not a JSON object; it is kept as text, which PutEvents refuses.`);
        return {
          name: stepName(`put-${slug(item.detailType)}`),
          putEvents: {
            ...(item.bus && item.bus !== 'default' ? { bus: item.bus } : {}),
            source: escape(item.source),
            detailType: escape(item.detailType),
            detail,
            ...(item.resources?.length ? { resources: item.resources.map(escape) } : {}),
          },
        };
      }
    }
  });
  const file: EventFile = { name, steps };
  const header = [
    `# Saved by Eventyard: ${items.length} item${items.length === 1 ? '' : 's'}. Run it with the "Run file" CodeLens or \`eventyard run\`.`,
    ...notes.map((n) => `# Note: ${n}`),
  ];
  return { text: `${header.join('\n')}\n${stringify(file, { lineWidth: 0 })}`, notes };
}

/** A JSON body written compactly becomes structure (sent back byte for byte); anything else stays text. */
function bodyValue(body: string): unknown {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && JSON.stringify(parsed) === body) return escapeDeep(parsed);
  } catch {
    // not JSON: text
  }
  return escape(body);
}

/**
 * The event file holds String and Number attributes; a Number stays one only when the runner would send
 * the same digits back. Other types (Binary, custom `String.x` suffixes) are left out, with a note.
 */
function attributesPart(attributes: Record<string, AttributeValue> | undefined, where: string, notes: string[]): { attributes?: Attributes } {
  if (!attributes) return {};
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value.DataType === 'String' && value.StringValue !== undefined) kept[key] = escape(value.StringValue);
    else if (value.DataType === 'Number' && value.StringValue !== undefined && String(Number(value.StringValue)) === value.StringValue) kept[key] = Number(value.StringValue);
    else notes.push(`${where}: attribute "${key}" (${value.DataType}${value.DataType === 'Number' ? ` ${value.StringValue}` : ''}) is left out: event files send String and plain Number attributes only.`);
  }
  return Object.keys(kept).length ? { attributes: kept } : {};
}

// A function, not a replacement string: in one, `$$` means a single `$`.
const escape = (text: string) => text.replaceAll('${', () => '$${');

function escapeDeep(value: unknown): unknown {
  if (typeof value === 'string') return escape(value);
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDeep(v)]));
  return value;
}

/** A resource name as part of a step name: letters, digits and dashes. */
function slug(name: string): string {
  const last = name.split(/[/:]/).pop() ?? name;
  return last.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'item';
}
