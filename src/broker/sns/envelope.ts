import type { MessageAttributeMap, MessageAttributeValue } from './api';
import type { EnvelopeSigner } from './envelope-signer';

/** What a published message carries to every subscription; one per Publish / batch entry. */
export interface SnsMessage {
  messageId: string;
  topicArn: string;
  message: string;
  /** MessageStructure=json: the per-protocol messages ("default" always present). */
  perProtocol?: Record<string, string>;
  subject?: string;
  attributes?: MessageAttributeMap;
  timestamp: number;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  /** The broker's URL as the publishing client reached it; links in the envelope point there. */
  endpoint: string;
}

export function signingCertUrl(endpoint: string): string {
  return `${endpoint}/_eventyard/sns/SimpleNotificationService-eventyard.pem`;
}

export function unsubscribeUrl(endpoint: string, subscriptionArn: string): string {
  return `${endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
}

export function subscribeUrl(endpoint: string, topicArn: string, token: string): string {
  return `${endpoint}/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${token}`;
}

/** The text a protocol receives: its own entry of a MessageStructure=json message, else the default. */
export function messageFor(msg: SnsMessage, protocolKey: string): string {
  return msg.perProtocol?.[protocolKey] ?? msg.perProtocol?.default ?? msg.message;
}

function envelopeAttributes(attributes: MessageAttributeMap | undefined): Record<string, { Type: string; Value: string }> | undefined {
  const entries = Object.entries(attributes ?? {});
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    // AWS writes a binary value into the JSON envelope as base64 text.
    entries.map(([name, a]) => [name, { Type: a.DataType, Value: binaryOrString(a) }]),
  );
}

function binaryOrString(a: MessageAttributeValue): string {
  if (!a.DataType.startsWith('Binary')) return a.StringValue ?? '';
  return a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : '';
}

/**
 * The JSON document SNS delivers to sqs, http(s), email-json and firehose subscribers (non-raw). FIFO
 * topics add SequenceNumber and, as AWS does, carry no signature fields.
 */
export function notificationEnvelope(signer: EnvelopeSigner, msg: SnsMessage, subscriptionArn: string, protocolKey: string): string {
  const endpoint = msg.endpoint;
  const message = messageFor(msg, protocolKey);
  const timestamp = new Date(msg.timestamp).toISOString();
  const doc: Record<string, unknown> = { Type: 'Notification', MessageId: msg.messageId };
  if (msg.sequenceNumber !== undefined) doc.SequenceNumber = msg.sequenceNumber;
  doc.TopicArn = msg.topicArn;
  if (msg.subject !== undefined) doc.Subject = msg.subject;
  doc.Message = message;
  doc.Timestamp = timestamp;
  if (msg.sequenceNumber === undefined) {
    doc.SignatureVersion = '1';
    doc.Signature = notificationSignature(signer, msg, message, timestamp);
    doc.SigningCertURL = signingCertUrl(endpoint);
  }
  doc.UnsubscribeURL = unsubscribeUrl(endpoint, subscriptionArn);
  const attributes = envelopeAttributes(msg.attributes);
  if (attributes) doc.MessageAttributes = attributes;
  return JSON.stringify(doc);
}

/** SubscriptionConfirmation / UnsubscribeConfirmation, sent to http(s) endpoints and email outboxes. */
export function confirmationEnvelope(
  signer: EnvelopeSigner,
  type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation',
  messageId: string,
  topicArn: string,
  subscriptionArn: string,
  token: string,
  timestampMs: number,
  endpoint: string,
): string {
  const message =
    type === 'SubscriptionConfirmation'
      ? `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
      : `You have chosen to deactivate subscription ${subscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
  const timestamp = new Date(timestampMs).toISOString();
  const url = subscribeUrl(endpoint, topicArn, token);
  return JSON.stringify({
    Type: type,
    MessageId: messageId,
    Token: token,
    TopicArn: topicArn,
    Message: message,
    SubscribeURL: url,
    Timestamp: timestamp,
    SignatureVersion: '1',
    Signature: signer.sign([
      ['Message', message],
      ['MessageId', messageId],
      ['SubscribeURL', url],
      ['Timestamp', timestamp],
      ['Token', token],
      ['TopicArn', topicArn],
      ['Type', type],
    ]),
    SigningCertURL: signingCertUrl(endpoint),
  });
}

/** A notification's signature: the fields AWS signs, in its order (the HTTP/S envelope and the Lambda event sign alike). */
function notificationSignature(signer: EnvelopeSigner, msg: SnsMessage, message: string, timestamp: string): string {
  return signer.sign([
    ['Message', message],
    ['MessageId', msg.messageId],
    ['Subject', msg.subject],
    ['Timestamp', timestamp],
    ['TopicArn', msg.topicArn],
    ['Type', 'Notification'],
  ]);
}

/** The event a Lambda function subscribed to a topic receives. */
export function lambdaEvent(signer: EnvelopeSigner, msg: SnsMessage, subscriptionArn: string): unknown {
  const endpoint = msg.endpoint;
  const message = messageFor(msg, 'lambda');
  const timestamp = new Date(msg.timestamp).toISOString();
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: msg.messageId,
          TopicArn: msg.topicArn,
          Subject: msg.subject ?? null,
          Message: message,
          Timestamp: timestamp,
          SignatureVersion: '1',
          Signature: notificationSignature(signer, msg, message, timestamp),
          SigningCertUrl: signingCertUrl(endpoint),
          UnsubscribeUrl: unsubscribeUrl(endpoint, subscriptionArn),
          MessageAttributes: envelopeAttributes(msg.attributes) ?? {},
        },
      },
    ],
  };
}

/** The plain-text email body SNS sends to `email` subscribers. */
export function emailBody(message: string, unsubscribe: string): string {
  return (
    `${message}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n` +
    `${unsubscribe}\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, ` +
    'please contact us at https://aws.amazon.com/support'
  );
}
