import { s3Errors } from './errors';

/** PutBucketNotificationConfiguration's input, in the S3 API's member names. */
export interface FilterRule {
  Name: string;
  Value: string;
}
export interface NotificationFilter {
  Key?: { FilterRules?: FilterRule[] };
}
interface DestinationBase {
  Id?: string;
  Events: string[];
  Filter?: NotificationFilter;
}
export interface QueueConfiguration extends DestinationBase {
  QueueArn: string;
}
export interface TopicConfiguration extends DestinationBase {
  TopicArn: string;
}
export interface LambdaFunctionConfiguration extends DestinationBase {
  LambdaFunctionArn: string;
}
export interface NotificationConfiguration {
  QueueConfigurations?: QueueConfiguration[];
  TopicConfigurations?: TopicConfiguration[];
  LambdaFunctionConfigurations?: LambdaFunctionConfiguration[];
  /** Present (empty) when the bucket sends its events to EventBridge's default bus. */
  EventBridgeConfiguration?: Record<string, never>;
}

/** The event types S3 can notify of (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html). */
export const NOTIFICATION_EVENTS = [
  's3:ObjectCreated:*', 's3:ObjectCreated:Put', 's3:ObjectCreated:Post', 's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*', 's3:ObjectRemoved:Delete', 's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*', 's3:ObjectRestore:Post', 's3:ObjectRestore:Completed', 's3:ObjectRestore:Delete',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*', 's3:Replication:OperationFailedReplication', 's3:Replication:OperationNotTracked',
  's3:Replication:OperationMissedThreshold', 's3:Replication:OperationReplicatedAfterThreshold',
  's3:LifecycleExpiration:*', 's3:LifecycleExpiration:Delete', 's3:LifecycleExpiration:DeleteMarkerCreated',
  's3:LifecycleTransition', 's3:IntelligentTiering',
  's3:ObjectTagging:*', 's3:ObjectTagging:Put', 's3:ObjectTagging:Delete',
  's3:ObjectAcl:Put',
] as const;

export type DestinationKind = 'queue' | 'topic' | 'function';

/** One configuration of any kind, as the engine matches it. */
export interface Destination {
  kind: DestinationKind;
  id: string;
  arn: string;
  events: string[];
  prefix: string;
  suffix: string;
}

export function destinations(config: NotificationConfiguration | undefined): Destination[] {
  if (!config) return [];
  const one = (kind: DestinationKind, arn: string, c: DestinationBase): Destination => {
    const rules = c.Filter?.Key?.FilterRules ?? [];
    const rule = (name: string) => rules.find((r) => r.Name.toLowerCase() === name)?.Value ?? '';
    return { kind, id: c.Id ?? '', arn, events: c.Events, prefix: rule('prefix'), suffix: rule('suffix') };
  };
  return [
    ...(config.QueueConfigurations ?? []).map((c) => one('queue', c.QueueArn, c)),
    ...(config.TopicConfigurations ?? []).map((c) => one('topic', c.TopicArn, c)),
    ...(config.LambdaFunctionConfigurations ?? []).map((c) => one('function', c.LambdaFunctionArn, c)),
  ];
}

/** Whether a configuration wants an event (`s3:ObjectCreated:Put`) for a key. */
export function wants(d: Destination, eventName: string, key: string): boolean {
  const family = eventName.slice(0, eventName.lastIndexOf(':'));
  const named = d.events.some((e) => e === eventName || e === `${family}:*`);
  return named && key.startsWith(d.prefix) && key.endsWith(d.suffix);
}

/**
 * Checks a configuration as S3 does before it tests the destinations: known events, filter rules named
 * prefix or suffix at most once each, and no two configurations sharing an event type for overlapping keys.
 * Fills in the Ids S3 generates for configurations that have none.
 */
export function checkConfiguration(config: NotificationConfiguration, newId: () => string): NotificationConfiguration {
  const all: Destination[] = [];
  const check = <C extends DestinationBase>(list: C[] | undefined, kind: DestinationKind, arnOf: (c: C) => string): C[] | undefined => {
    if (!list) return undefined;
    return list.map((c) => {
      if (!arnOf(c)) throw s3Errors.malformedXml();
      if (!c.Events?.length) throw s3Errors.malformedXml();
      for (const e of c.Events) {
        if (!(NOTIFICATION_EVENTS as readonly string[]).includes(e)) {
          throw s3Errors.invalidArgument('The event is not supported for notifications', e, e);
        }
      }
      const rules = c.Filter?.Key?.FilterRules ?? [];
      const seen = new Set<string>();
      for (const r of rules) {
        const name = (r.Name ?? '').toLowerCase();
        if (name !== 'prefix' && name !== 'suffix') {
          throw s3Errors.invalidArgument('filter rule name must be either prefix or suffix', 'FilterRule.Name', r.Name ?? '');
        }
        if (seen.has(name)) {
          throw s3Errors.invalidArgument('Cannot specify more than one prefix rule in a filter.', 'FilterRule.Name', r.Name);
        }
        seen.add(name);
      }
      const withId = { ...c, Id: c.Id || newId() };
      all.push(destinations({ [`${kind === 'queue' ? 'Queue' : kind === 'topic' ? 'Topic' : 'LambdaFunction'}Configurations`]: [withId] } as NotificationConfiguration)[0]);
      return withId;
    });
  };
  const out: NotificationConfiguration = {
    ...(config.QueueConfigurations ? { QueueConfigurations: check(config.QueueConfigurations, 'queue', (c) => c.QueueArn) } : {}),
    ...(config.TopicConfigurations ? { TopicConfigurations: check(config.TopicConfigurations, 'topic', (c) => c.TopicArn) } : {}),
    ...(config.LambdaFunctionConfigurations
      ? { LambdaFunctionConfigurations: check(config.LambdaFunctionConfigurations, 'function', (c) => c.LambdaFunctionArn) }
      : {}),
    ...(config.EventBridgeConfiguration ? { EventBridgeConfiguration: {} } : {}),
  };
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (overlap(all[i], all[j])) {
        throw s3Errors.invalidArgument(
          'Configurations overlap. Configurations on the same bucket cannot share a common event type.',
          'Event',
          all[j].events.join(', '),
        );
      }
    }
  }
  return out;
}

function overlap(a: Destination, b: Destination): boolean {
  const families = (d: Destination) => d.events.map((e) => e.slice(0, e.lastIndexOf(':')));
  const shareEvent = a.events.some(
    (e) => b.events.includes(e) || (e.endsWith(':*') && families(b).includes(e.slice(0, -2))) || b.events.includes(`${e.slice(0, e.lastIndexOf(':'))}:*`),
  );
  const prefixes = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  const suffixes = a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix);
  return shareEvent && prefixes && suffixes;
}
