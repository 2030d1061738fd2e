import { randomUUID } from 'node:crypto';
import type { Identity } from '../identity';
import { destinations, type NotificationConfiguration, wants } from './notification-config';

/** How S3 reaches the other services; the Broker gives closures over their operations. */
export interface NotificationPorts {
  /** SendMessage to the queue with this ARN; throws when there is none. */
  sendToQueue(queueArn: string, body: string): Promise<void>;
  /** Publish to the topic with this ARN (Subject "Amazon S3 Notification"); throws when there is none. */
  publish(topicArn: string, message: string): Promise<void>;
  /** An asynchronous invocation of the local function; throws when there is none. */
  invokeFunction?(functionArn: string, event: unknown, bucket: string, key: string): Promise<void>;
  queueExists(queueArn: string): boolean;
  topicExists(topicArn: string): boolean;
  functionExists(functionArn: string): boolean;
  /** PutEvents on the default bus (the bucket has EventBridge notifications on). */
  putEvent(entry: { Source: string; DetailType: string; Detail: string; Resources: string[]; Time: Date }): void;
}

/** What happened to an object, as an event names it. */
export interface ObjectChange {
  bucket: string;
  /** `ObjectCreated:Put`, `ObjectRemoved:DeleteMarkerCreated`, ... (S3's names without `s3:`). */
  eventName: string;
  key: string;
  size?: number;
  /** Without quotes. */
  etag?: string;
  /** Only for a bucket that has had versioning on. */
  versionId?: string;
  sequencer: string;
  at: number;
  requestId: string;
  sourceIp: string;
  /** The S3 API call behind it, for EventBridge's `reason` (PutObject, CopyObject, DeleteObject, ...). */
  reason: string;
}

/**
 * An object key in an event: URL-encoded as S3 encodes it (form encoding, space as `+`, `/` kept), so
 * handlers must decode it, as on AWS.
 */
export function eventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/');
}

/** One record of the event S3 sends to SQS, SNS and Lambda, member for member as AWS documents it. */
export function eventRecord(change: ObjectChange, configurationId: string, identity: Identity): Record<string, unknown> {
  const removed = change.eventName.startsWith('ObjectRemoved') || change.eventName.startsWith('LifecycleExpiration');
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: identity.region,
    eventTime: new Date(change.at).toISOString(),
    eventName: change.eventName,
    userIdentity: { principalId: `AWS:${identity.accountId}` },
    requestParameters: { sourceIPAddress: change.sourceIp },
    responseElements: { 'x-amz-request-id': requestIdOf(change.requestId), 'x-amz-id-2': hostId(change.requestId) },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: {
        name: change.bucket,
        ownerIdentity: { principalId: identity.accountId },
        arn: `arn:aws:s3:::${change.bucket}`,
      },
      object: {
        key: eventKey(change.key),
        ...(removed ? {} : { size: change.size ?? 0, eTag: change.etag ?? '' }),
        ...(change.versionId !== undefined ? { versionId: change.versionId } : {}),
        sequencer: change.sequencer,
      },
    },
  };
}

/** `s3:TestEvent`: what S3 sends a queue or topic when a configuration names it. */
export function testEvent(bucket: string, at: number, requestId: string): Record<string, unknown> {
  return {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: new Date(at).toISOString(),
    Bucket: bucket,
    RequestId: requestIdOf(requestId),
    HostId: hostId(requestId),
  };
}

/** The event S3 puts on EventBridge's default bus (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html). */
export function eventBridgeDetail(change: ObjectChange, identity: Identity): { detailType: string; detail: Record<string, unknown> } | undefined {
  const created = change.eventName.startsWith('ObjectCreated');
  const removed = change.eventName.startsWith('ObjectRemoved');
  if (!created && !removed) return undefined;
  const object: Record<string, unknown> = { key: change.key };
  if (created) Object.assign(object, { size: change.size ?? 0, etag: change.etag ?? '' });
  if (change.versionId !== undefined) object['version-id'] = change.versionId;
  object.sequencer = change.sequencer;
  return {
    detailType: created ? 'Object Created' : 'Object Deleted',
    detail: {
      version: '0',
      bucket: { name: change.bucket },
      object,
      'request-id': requestIdOf(change.requestId),
      requester: identity.accountId,
      'source-ip-address': change.sourceIp,
      reason: change.reason,
      ...(removed
        ? { 'deletion-type': change.eventName.endsWith('DeleteMarkerCreated') ? 'Delete Marker Created' : 'Permanently Deleted' }
        : {}),
    },
  };
}

/** A request id as S3 writes them: 16 upper-case hex digits. */
export function requestIdOf(uuid: string): string {
  return uuid.replace(/-/g, '').slice(0, 16).toUpperCase();
}

function hostId(uuid: string): string {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64');
}

export interface DeliveryFailure {
  arn: string;
  error: string;
}

/**
 * Sends an object's change to every configuration that wants it, and to EventBridge when the bucket says
 * so. Deliveries are not awaited by the request that caused them (S3 notifies after it answered); a
 * destination that has gone is reported through `onFailure`, not to the client.
 */
export class Notifier {
  constructor(
    private readonly ports: NotificationPorts,
    private readonly identity: Identity,
    private readonly onFailure: (change: ObjectChange, failure: DeliveryFailure) => void,
  ) {}

  notify(config: NotificationConfiguration | undefined, change: ObjectChange): Promise<void> {
    const sends: Promise<void>[] = [];
    for (const d of destinations(config)) {
      if (!wants(d, `s3:${change.eventName}`, change.key)) continue;
      const event = { Records: [eventRecord(change, d.id, this.identity)] };
      const body = JSON.stringify(event);
      const send =
        d.kind === 'queue'
          ? this.ports.sendToQueue(d.arn, body)
          : d.kind === 'topic'
            ? this.ports.publish(d.arn, body)
            : this.ports.invokeFunction
              ? this.ports.invokeFunction(d.arn, event, change.bucket, change.key)
              : Promise.reject(new Error('Local functions do not run in this broker.'));
      sends.push(send.catch((e: unknown) => this.onFailure(change, { arn: d.arn, error: e instanceof Error ? e.message : String(e) })));
    }
    const bridged = config?.EventBridgeConfiguration ? eventBridgeDetail(change, this.identity) : undefined;
    if (bridged) {
      try {
        this.ports.putEvent({
          Source: 'aws.s3',
          DetailType: bridged.detailType,
          Detail: JSON.stringify(bridged.detail),
          Resources: [`arn:aws:s3:::${change.bucket}`],
          Time: new Date(change.at),
        });
      } catch (e) {
        this.onFailure(change, { arn: 'default event bus', error: e instanceof Error ? e.message : String(e) });
      }
    }
    return Promise.all(sends).then(() => undefined);
  }

  /**
   * S3 checks every destination when a configuration is put, refusing it with the ARNs it could not
   * reach, then sends queues and topics the test event.
   */
  async validateAndTest(bucket: string, config: NotificationConfiguration, at: number): Promise<string[]> {
    const missing: string[] = [];
    for (const d of destinations(config)) {
      const exists =
        d.kind === 'queue'
          ? this.ports.queueExists(d.arn)
          : d.kind === 'topic'
            ? this.ports.topicExists(d.arn)
            : this.ports.functionExists(d.arn);
      if (!exists) missing.push(d.arn);
    }
    if (missing.length) return missing;
    const requestId = randomUUID();
    for (const d of destinations(config)) {
      const body = JSON.stringify(testEvent(bucket, at, requestId));
      if (d.kind === 'queue') await this.ports.sendToQueue(d.arn, body).catch(() => undefined);
      if (d.kind === 'topic') await this.ports.publish(d.arn, body).catch(() => undefined);
    }
    return [];
  }
}
