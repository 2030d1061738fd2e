import type { MessageAttributeMap, SendMessageInput } from './api';
import { sqsLimits } from '../limits';
import { sqsErrors } from './errors';

/** XML 1.0 characters: what SQS accepts in bodies and string attribute values. */
// eslint-disable-next-line no-control-regex -- tab, LF and CR are exactly the control characters SQS allows
const VALID_CONTENT = /^[\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
/** MessageGroupId and MessageDeduplicationId: printable ASCII ("alphanumeric and punctuation"). */
const FIFO_ID = /^[\x21-\x7E]{1,128}$/;
/** Letters of any script, digits, '_', '-' and '.' (AWS accepts names such as `attr.1øßä`). */
const ATTRIBUTE_NAME = /^[\p{L}\p{N}_.-]+$/u;
const MAX_MESSAGE_ATTRIBUTES = 10;

export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** The size SQS counts against MaximumMessageSize: body plus every attribute's name, type and value. */
export function messageSize(body: string, attributes: MessageAttributeMap | undefined): number {
  let size = byteLength(body ?? '');
  for (const [name, value] of Object.entries(attributes ?? {})) {
    size += byteLength(name) + byteLength(value.DataType ?? '');
    if (value.StringValue !== undefined) size += byteLength(value.StringValue);
    if (value.BinaryValue !== undefined) size += value.BinaryValue.length;
    for (const s of value.StringListValues ?? []) size += byteLength(s);
    for (const b of value.BinaryListValues ?? []) size += b.length;
  }
  return size;
}

export function checkBody(body: unknown): asserts body is string {
  if (typeof body !== 'string' || body.length === 0) throw sqsErrors.missingParameter('MessageBody');
  if (!VALID_CONTENT.test(body)) throw sqsErrors.invalidMessageContents();
}

export function checkFifoId(value: string | undefined, parameter: 'MessageGroupId' | 'MessageDeduplicationId'): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !FIFO_ID.test(value)) {
    throw sqsErrors.invalidValue(
      value,
      parameter,
      `${parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
}

export function checkDelaySeconds(delay: number | undefined): void {
  if (delay === undefined) return;
  if (!Number.isInteger(delay) || delay < 0 || delay > sqsLimits.maxDelaySeconds) {
    throw sqsErrors.invalidValue(delay, 'DelaySeconds', `DelaySeconds must be >= 0 and <= ${sqsLimits.maxDelaySeconds}`);
  }
}

export function checkMessageAttributes(attributes: MessageAttributeMap | undefined): void {
  if (!attributes) return;
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw sqsErrors.invalidParameterValue(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  for (const name of names) {
    if (byteLength(name) > 256) {
      throw sqsErrors.invalidParameterValue('Message (user) attribute names must be shorter than 256 Bytes');
    }
    if (!ATTRIBUTE_NAME.test(name)) {
      throw sqsErrors.invalidParameterValue(
        'Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ',
      );
    }
    const lower = name.toLowerCase();
    if (lower.startsWith('aws.') || lower.startsWith('amazon.') || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
      throw sqsErrors.invalidParameterValue(
        "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.",
      );
    }
    checkAttributeValue(name, attributes[name]);
  }
}

function checkAttributeValue(name: string, value: MessageAttributeMap[string]): void {
  const dataType = value?.DataType;
  if (!dataType) {
    throw sqsErrors.invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
  }
  const base = /^(String|Number|Binary)(\..+)?$/.exec(dataType)?.[1];
  if (!base || byteLength(dataType) > 256) {
    throw sqsErrors.invalidParameterValue(
      `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
    );
  }
  const empty = () =>
    sqsErrors.invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type '${base}'.`);
  if (base === 'Binary') {
    if (!value.BinaryValue?.length) throw empty();
    return;
  }
  if (!value.StringValue) throw empty();
  // In attributes AWS reports bad characters as an invalid parameter, not as InvalidMessageContents.
  if (!VALID_CONTENT.test(value.StringValue)) throw sqsErrors.invalidParameterValue(sqsErrors.invalidMessageContents().message);
  if (base === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.StringValue.trim())) {
    throw sqsErrors.invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  }
}

/** Only AWSTraceHeader exists as a message system attribute a sender may set. */
export function checkSystemAttributes(attributes: MessageAttributeMap | undefined): string | undefined {
  if (!attributes) return undefined;
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'AWSTraceHeader') {
      throw sqsErrors.invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    }
    if (value?.DataType !== 'String' || !value.StringValue) {
      throw sqsErrors.invalidParameterValue(
        `Message system attribute '${name}' must contain a non-empty value of type 'String'.`,
      );
    }
  }
  return attributes.AWSTraceHeader?.StringValue;
}

/** Checks a send against the queue's kind and limits; the batch caller words some failures differently. */
export function checkSend(
  input: Omit<SendMessageInput, 'QueueUrl'>,
  queue: { fifo: boolean; maximumMessageSize: number; contentBasedDeduplication: boolean },
  inBatch: boolean,
): void {
  checkBody(input.MessageBody);
  checkDelaySeconds(input.DelaySeconds);
  checkMessageAttributes(input.MessageAttributes);
  checkSystemAttributes(input.MessageSystemAttributes);
  const size = messageSize(input.MessageBody, input.MessageAttributes);
  if (size > queue.maximumMessageSize) {
    const lead = inBatch ? 'One or more parameters cannot be validated.' : 'One or more parameters are invalid.';
    throw sqsErrors.invalidParameterValue(`${lead} Reason: Message must be shorter than ${queue.maximumMessageSize} bytes.`);
  }
  checkFifoId(input.MessageGroupId, 'MessageGroupId');
  checkFifoId(input.MessageDeduplicationId, 'MessageDeduplicationId');
  if (queue.fifo) {
    if (input.DelaySeconds) {
      throw sqsErrors.invalidValue(
        input.DelaySeconds,
        'DelaySeconds',
        'The request include parameter that is not valid for this queue type.',
      );
    }
    if (input.MessageGroupId === undefined) {
      if (inBatch) throw sqsErrors.invalidParameterValue('The request must contain the parameter MessageGroupId.');
      throw sqsErrors.missingParameter('MessageGroupId');
    }
    if (input.MessageDeduplicationId === undefined && !queue.contentBasedDeduplication) {
      throw sqsErrors.invalidParameterValue(
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
  } else if (input.MessageDeduplicationId !== undefined) {
    throw sqsErrors.invalidValue(
      input.MessageDeduplicationId,
      'MessageDeduplicationId',
      'The request includes a parameter that is not valid for this queue type.',
    );
  }
}
