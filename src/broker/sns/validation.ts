import type { MessageAttributeMap, PublishBatchRequestEntry, PublishInput, Tag } from './api';
import { snsErrors } from './errors';

/** SNS's limits, as AWS documents and enforces them. */
export const limits = {
  maxMessageBytes: 262_144,
  maxBatchEntries: 10,
  maxTopicsPerPage: 100,
  maxSubscriptionsPerPage: 100,
  maxSubjectLength: 100,
  maxTagsPerResource: 50,
};

export function validateTopicName(name: string | undefined, fifo: boolean): void {
  const base = name?.endsWith('.fifo') ? name.slice(0, -5) : name;
  const ok =
    name !== undefined &&
    name.length >= 1 &&
    name.length <= 256 &&
    /^[A-Za-z0-9_-]+$/.test(base ?? '') &&
    fifo === name.endsWith('.fifo');
  if (!ok) throw snsErrors.invalidParameter('Topic Name');
}

/**
 * Message attributes of Publish / PublishBatch, checked in the order SNS checks them.
 * `path` names the attributes in a ValidationError ("messageAttributes" or the batch entry's path).
 */
export function validateMessageAttributes(attributes: MessageAttributeMap | undefined, path: string): void {
  for (const [name, attr] of Object.entries(attributes ?? {})) {
    validateAttributeName(name);
    if (!attr || attr.DataType === undefined || attr.DataType === null) {
      throw snsErrors.validationError(
        `1 validation error detected: Value null at '${path}.${name}.member.dataType' failed to satisfy constraint: Member must not be null`,
      );
    }
    const type = attr.DataType.split('.')[0];
    if (!['String', 'Number', 'Binary'].includes(type)) {
      throw snsErrors.parameterValueInvalid(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const field = type === 'Binary' ? 'Binary' : 'String';
    const value = type === 'Binary' ? attr.BinaryValue : attr.StringValue;
    const other = type === 'Binary' ? attr.StringValue : attr.BinaryValue;
    if (!value?.length && other?.length) {
      throw snsErrors.parameterValueInvalid(`The message attribute '${name}' with type '${type}' must use field '${field}'.`);
    }
    if (!value?.length) {
      throw snsErrors.parameterValueInvalid(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
      );
    }
    if (type === 'Number' && !Number.isFinite(Number(value))) {
      throw snsErrors.parameterValueInvalid(`Could not cast message attribute '${name}' value to number.`);
    }
  }
}

function validateAttributeName(name: string): void {
  if (Buffer.byteLength(name) >= 256) {
    throw snsErrors.parameterValueInvalid('Length of message attribute name must be less than 256 bytes.');
  }
  const bad = [...name].find((c) => !/[A-Za-z0-9_.-]/.test(c));
  if (bad) {
    const code = bad.codePointAt(0)!.toString(16).toUpperCase();
    throw snsErrors.parameterValueInvalid(
      `Invalid non-alphanumeric character '#x${code}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`,
    );
  }
  if (name.startsWith('.')) {
    throw snsErrors.parameterValueInvalid("Invalid message attribute name starting with character '.' was found.");
  }
  if (name.endsWith('.')) {
    throw snsErrors.parameterValueInvalid("Invalid message attribute name ending with character '.' was found.");
  }
  if (name.includes('..')) {
    throw snsErrors.parameterValueInvalid("Message attribute name can not have successive '.' character.");
  }
}

/**
 * An E.164-style phone number, allowing the separators people type between digits (one space, dash, dot or
 * slash at a time, parentheses), as SNS accepts `+12/34-567.890`; a separator at either end, two in a row or
 * a letter are refused, as SNS refuses `+15--551234567`, `+15551234567.`, `/+15551234567` and `+1a234`.
 */
export function isValidPhoneNumber(value: string): boolean {
  return /^\+?\(?\d+\)?([ ./-]?\(?\d+\)?)*$/.test(value) && value.replace(/\D/g, '').length <= 15;
}

/** SNS's limit on the text of one SMS publish (a longer text would be more than ten concatenated parts). */
export const MAX_SMS_CHARACTERS = 1600;

/** The byte size SNS counts for a message: the body plus each attribute's name, type and value. */
export function messageSize(message: string, attributes: MessageAttributeMap | undefined): number {
  let size = Buffer.byteLength(message);
  for (const [name, attr] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(attr.DataType ?? '');
    size += attr.BinaryValue !== undefined ? attr.BinaryValue.length : Buffer.byteLength(attr.StringValue ?? '');
  }
  return size;
}

/**
 * Message, subject, structure and size checks shared by Publish and PublishBatch entries; with
 * MessageStructure json, returns the per-protocol messages.
 */
export function validatePublishBody(entry: PublishBatchRequestEntry | PublishInput): Record<string, string> | undefined {
  if (entry.Message === undefined || entry.Message === null || entry.Message === '') throw snsErrors.invalidParameter('Empty message');
  if (entry.Subject !== undefined && (entry.Subject === '' || entry.Subject.length > limits.maxSubjectLength || /[\r\n]/.test(entry.Subject))) {
    throw snsErrors.invalidParameter('Subject');
  }
  if (messageSize(entry.Message, entry.MessageAttributes) > limits.maxMessageBytes) throw snsErrors.invalidParameter('Message too long');
  if (entry.MessageStructure === undefined) return undefined;
  if (entry.MessageStructure !== 'json') throw snsErrors.invalidParameter('MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry.Message);
  } catch {
    throw snsErrors.invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw snsErrors.invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const perProtocol = parsed as Record<string, unknown>;
  if (typeof perProtocol.default !== 'string') throw snsErrors.invalidParameter('Message Structure - No default entry in JSON message body');
  return Object.fromEntries(Object.entries(perProtocol).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Tags of CreateTopic and TagResource, as a map; duplicate keys are refused, as SNS refuses them. */
export function validateTags(tags: Tag[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const tag of tags) {
    if (out.has(tag.Key)) throw snsErrors.invalidParameter('Duplicated keys are not allowed.');
    if (!tag.Key || tag.Key.length > 128) throw snsErrors.invalidParameter('Tags Reason: Tag key must be between 1 and 128 characters');
    if ((tag.Value ?? '').length > 256) throw snsErrors.invalidParameter('Tags Reason: Tag value must be at most 256 characters');
    out.set(tag.Key, tag.Value ?? '');
  }
  return out;
}
