import { createSign, generateKeyPair, generateKeyPairSync, KeyObject } from 'node:crypto';
import type { MessageAttributeMap } from './api';

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

/**
 * Signs envelopes the way SNS SignatureVersion 1 does (SHA1withRSA over the canonical field list) with a key
 * made on first use. It is not Amazon's key: a consumer that checks signatures against AWS's certificate
 * will reject it, which is right for a local broker; the public key is served for those who want to verify.
 */
class EnvelopeSigner {
  private key: { privateKey: KeyObject; publicKey: KeyObject } | undefined;
  private pending = false;
  private last: { canonical: string; signature: string } | undefined;

  /** Starts making the key off the event loop, so the first Publish does not stall on RSA key generation. */
  prepare(): void {
    if (this.key || this.pending) return;
    this.pending = true;
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) => {
      if (!error) this.key ??= { publicKey, privateKey };
    });
  }

  private keys(): { privateKey: KeyObject; publicKey: KeyObject } {
    this.key ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
    return this.key;
  }

  sign(fields: [string, string | undefined][]): string {
    const canonical = fields
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}\n${v}\n`)
      .join('');
    // A fan-out signs the same fields once per subscriber (UnsubscribeURL is not signed), and an RSA
    // signature costs a millisecond: the last one is reused, as the same input signs to the same value.
    if (this.last?.canonical !== canonical) {
      this.last = { canonical, signature: createSign('RSA-SHA1').update(canonical).sign(this.keys().privateKey, 'base64') };
    }
    return this.last.signature;
  }

  publicKeyPem(): string {
    return this.keys().publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }
}

export const envelopeSigner = new EnvelopeSigner();

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
    entries.map(([name, a]) => [name, { Type: a.DataType, Value: (a.DataType.startsWith('Binary') ? a.BinaryValue : a.StringValue) ?? '' }]),
  );
}

/**
 * The JSON document SNS delivers to sqs, http(s), email-json and firehose subscribers (non-raw). FIFO
 * topics add SequenceNumber and, as AWS does, carry no signature fields.
 */
export function notificationEnvelope(msg: SnsMessage, subscriptionArn: string, protocolKey: string): string {
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
    doc.Signature = envelopeSigner.sign([
      ['Message', message],
      ['MessageId', msg.messageId],
      ['Subject', msg.subject],
      ['Timestamp', timestamp],
      ['TopicArn', msg.topicArn],
      ['Type', 'Notification'],
    ]);
    doc.SigningCertURL = signingCertUrl(endpoint);
  }
  doc.UnsubscribeURL = unsubscribeUrl(endpoint, subscriptionArn);
  const attributes = envelopeAttributes(msg.attributes);
  if (attributes) doc.MessageAttributes = attributes;
  return JSON.stringify(doc);
}

/** SubscriptionConfirmation / UnsubscribeConfirmation, sent to http(s) endpoints and email outboxes. */
export function confirmationEnvelope(
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
    Signature: envelopeSigner.sign([
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

/** The event a Lambda function subscribed to a topic receives. */
export function lambdaEvent(msg: SnsMessage, subscriptionArn: string): unknown {
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
          Signature: envelopeSigner.sign([
            ['Message', message],
            ['MessageId', msg.messageId],
            ['Subject', msg.subject],
            ['Timestamp', timestamp],
            ['TopicArn', msg.topicArn],
            ['Type', 'Notification'],
          ]),
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
