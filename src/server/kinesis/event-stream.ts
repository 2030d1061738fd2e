import { crc32 } from '../../broker/store/crc32';

/**
 * The AWS event stream framing (application/vnd.amazon.eventstream): each message is a prelude (total and
 * header lengths, CRC32), string headers, a payload and a CRC32 of the whole. SubscribeToShard answers in it.
 */
export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const STRING_HEADER = 7;

function encodeHeaders(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(1 + n.length + 1 + 2);
    head.writeUInt8(n.length, 0);
    n.copy(head, 1);
    head.writeUInt8(STRING_HEADER, 1 + n.length);
    head.writeUInt16BE(v.length, 2 + n.length);
    parts.push(head, v);
  }
  return Buffer.concat(parts);
}

export function encodeMessage(headers: Record<string, string>, payload: Uint8Array): Buffer {
  const h = encodeHeaders(headers);
  const total = 12 + h.length + payload.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(h.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  h.copy(message, 12);
  Buffer.from(payload).copy(message, 12 + h.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

/** An `event` message of type `eventType` carrying an encoded payload of `contentType`. */
export function eventMessage(eventType: string, contentType: string, payload: Uint8Array): Buffer {
  return encodeMessage({ ':event-type': eventType, ':message-type': 'event', ':content-type': contentType }, payload);
}
