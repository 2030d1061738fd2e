import { hash } from 'node:crypto';
import type { MessageAttributeMap, MessageAttributeValue } from './api';

export function md5Hex(data: string | Buffer): string {
  // One-shot hash: no Hash object per message (SendMessage hashes every body).
  return hash('md5', data, 'hex');
}

/** Transport types of the documented attribute encoding: String and Number travel as strings. */
const enum Transport {
  String = 1,
  Binary = 2,
  StringList = 3,
  BinaryList = 4,
}

function lengthPrefixed(bytes: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

function utf8(value: string): Buffer {
  return lengthPrefixed(Buffer.from(value, 'utf8'));
}

function encodeValue(value: MessageAttributeValue): Buffer[] {
  if (value.StringValue !== undefined) return [Buffer.of(Transport.String), utf8(value.StringValue)];
  if (value.BinaryValue !== undefined) return [Buffer.of(Transport.Binary), lengthPrefixed(value.BinaryValue)];
  if (value.StringListValues?.length) return [Buffer.of(Transport.StringList), ...value.StringListValues.map(utf8)];
  if (value.BinaryListValues?.length) return [Buffer.of(Transport.BinaryList), ...value.BinaryListValues.map(lengthPrefixed)];
  return [];
}

/**
 * MD5OfMessageAttributes exactly as SQS computes it (the encoding the SDKs verify): names sorted by their
 * UTF-8 bytes; per attribute the length-prefixed name, the length-prefixed data type, a transport byte
 * and the length-prefixed value(s).
 */
export function md5OfMessageAttributes(attributes: MessageAttributeMap | undefined): string | undefined {
  if (!attributes) return undefined;
  const names = Object.keys(attributes).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const value = attributes[name];
    parts.push(utf8(name), utf8(value.DataType), ...encodeValue(value));
  }
  return md5Hex(Buffer.concat(parts));
}
