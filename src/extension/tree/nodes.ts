import type { FunctionView, ResourceSnapshot } from '../client/snapshot';
import type { BucketListing, ObjectView } from '../client/bucket-calls';
import type { ArchiveView, BucketView, BusSummary, ConnectionSummaryView, DeliveryStreamSummaryView, ExecutionView, QueueSummary, RuleSummary, ScopedResourceView, ScopeSummaryView, StateMachineView, StreamSummaryView, TopicSummary } from '../client/snapshot';
import type { ShardSummary } from '../../broker/kinesis/service';
import type { TreeSettings } from '../settings';

export type GroupKind = 'queues' | 'topics' | 'streams' | 'deliveryStreams' | 'functions' | 'buses' | 'stateMachines' | 'buckets';
type Subscription = TopicSummary['subscriptions'][number];

/**
 * The rows of the Resources tree as plain data. Resource rows carry `kind` and `name` as the inspector's
 * ResourceRef does, so a row handed to `eventyard.openInspector` or any command names its resource.
 */
export type ResourceNode =
  | { kind: 'group'; group: GroupKind; name: string; count: number }
  /** `deadLetterOf` is set on a dead-letter queue shown under the source queue it serves. */
  | { kind: 'queue'; name: string; queue: QueueSummary; deadLetterOf?: { source: string; maxReceiveCount?: number } }
  | { kind: 'topic'; name: string; topic: TopicSummary }
  | { kind: 'subscription'; name: string; topic: TopicSummary; subscription: Subscription }
  | { kind: 'stream'; name: string; stream: StreamSummaryView }
  | { kind: 'shard'; name: string; stream: StreamSummaryView; shard: ShardSummary }
  | { kind: 'deliveryStream'; name: string; deliveryStream: DeliveryStreamSummaryView }
  | { kind: 'function'; name: string; fn: FunctionView }
  | { kind: 'bus'; name: string; bus: BusSummary }
  /** `name` is the rule's name; `bus` the bus it belongs to. */
  | { kind: 'rule'; name: string; bus: string; rule: RuleSummary }
  /** An archive of `bus` (`name` is the archive's name). */
  | { kind: 'archive'; name: string; bus: string; archive: ArchiveView }
  /** `name` is the target's Id. */
  | { kind: 'target'; name: string; rule: RuleSummary; target: RuleSummary['targets'][number] }
  /** The folder of connections under the event buses. */
  | { kind: 'connections'; name: string; count: number }
  | { kind: 'connection'; name: string; connection: ConnectionSummaryView }
  | { kind: 'apiDestination'; name: string; connection: ConnectionSummaryView; apiDestination: ConnectionSummaryView['apiDestinations'][number] }
  /** The folder of the other accounts and regions in use, after the groups; each a row of counts. */
  | { kind: 'scopes'; name: string; count: number }
  | { kind: 'scope'; name: string; scope: ScopeSummaryView }
  /** A resource of another account and region: it opens in the inspector; the palette's commands act on the default one. */
  | { kind: 'scopedResource'; name: string; resourceKind: ScopedResourceView['kind']; scope: ScopeSummaryView }
  | { kind: 'stateMachine'; name: string; stateMachine: StateMachineView }
  /** One of a state machine's recent executions (`name` is the execution's name). */
  | { kind: 'execution'; name: string; stateMachine: StateMachineView; execution: ExecutionView }
  | { kind: 'bucket'; name: string; bucket: BucketView }
  /**
   * A common prefix of `bucket` (`name` is the whole prefix, ending in `/`; `parent` the prefix of the level
   * it is in); its rows are listed when expanded.
   */
  | { kind: 'folder'; name: string; bucket: string; parent: string }
  /** `name` is the object's whole key; `parent` the prefix of the level it is in. */
  | { kind: 'object'; name: string; bucket: string; parent: string; object: ObjectView }
  /** After the rows of a bucket level that lists more than the tree shows. */
  | { kind: 'moreObjects'; name: string; bucket: string; prefix: string };

const GROUPS: { group: GroupKind; name: string; size: (s: ResourceSnapshot) => number }[] = [
  { group: 'queues', name: 'Queues', size: (s) => s.queues.length },
  { group: 'topics', name: 'Topics', size: (s) => s.topics.length },
  { group: 'streams', name: 'Streams', size: (s) => s.streams.length },
  { group: 'deliveryStreams', name: 'Delivery streams', size: (s) => s.deliveryStreams.length },
  { group: 'functions', name: 'Functions', size: (s) => s.functions.length },
  // The default bus always exists; alone and without rules it does not make the group worth showing.
  {
    group: 'buses',
    name: 'Event buses',
    size: (s) => (s.buses.length === 1 && s.buses[0].rules.length === 0 && !s.connections?.length ? 0 : s.buses.length),
  },
  { group: 'stateMachines', name: 'State machines', size: (s) => s.stateMachines?.length ?? 0 },
  { group: 'buckets', name: 'Buckets', size: (s) => s.buckets?.length ?? 0 },
];

export function rootNodes(snapshot: ResourceSnapshot, settings: TreeSettings): ResourceNode[] {
  const groups: ResourceNode[] = GROUPS.filter((g) => settings.showEmptyGroups || g.size(snapshot) > 0).map((g) => ({
    kind: 'group' as const,
    group: g.group,
    name: g.name,
    count: g.group === 'buses' ? snapshot.buses.length : g.size(snapshot),
  }));
  // Shown only where more than one account or region is in use; the groups above are the default one's.
  const scopes = snapshot.scopes?.length ?? 0;
  return scopes ? [...groups, { kind: 'scopes', name: 'Other accounts and regions', count: scopes }] : groups;
}

export function childNodes(node: ResourceNode, snapshot: ResourceSnapshot, settings: TreeSettings): ResourceNode[] {
  switch (node.kind) {
    case 'group':
      return groupChildren(node.group, snapshot);
    case 'queue': {
      // a dead-letter queue under its source is a leaf: its own sources would lead back in a loop
      const target = !node.deadLetterOf && node.queue.deadLetterTargetName;
      const dlq = target ? snapshot.queues.find((q) => q.name === target) : undefined;
      return dlq ? [{ kind: 'queue', name: dlq.name, queue: dlq, deadLetterOf: { source: node.name, maxReceiveCount: node.queue.maxReceiveCount } }] : [];
    }
    case 'topic':
      return node.topic.subscriptions.map((s) => ({ kind: 'subscription', name: s.arn, topic: node.topic, subscription: s }));
    case 'stream':
      return node.stream.shards
        .filter((shard) => settings.showClosedShards || shard.open)
        .map((shard) => ({ kind: 'shard', name: shard.shardId, stream: node.stream, shard }));
    case 'bus':
      return [
        ...node.bus.rules.map((rule): ResourceNode => ({ kind: 'rule', name: rule.name, bus: node.bus.name, rule })),
        ...(node.bus.archives ?? []).map((archive): ResourceNode => ({ kind: 'archive', name: archive.ArchiveName, bus: node.bus.name, archive })),
      ];
    case 'rule':
      return node.rule.targets.map((target) => ({ kind: 'target', name: target.Id, rule: node.rule, target }));
    case 'connections':
      return (snapshot.connections ?? []).map((connection) => ({ kind: 'connection', name: connection.name, connection }));
    case 'scopes':
      return (snapshot.scopes ?? []).map((scope) => ({ kind: 'scope', name: `${scope.accountId}/${scope.region}`, scope }));
    case 'scope':
      return node.scope.resources.map((r) => ({ kind: 'scopedResource', name: r.name, resourceKind: r.kind, scope: node.scope }));
    case 'stateMachine':
      return node.stateMachine.executions.map((execution) => ({ kind: 'execution', name: execution.name, stateMachine: node.stateMachine, execution }));
    case 'connection':
      return node.connection.apiDestinations.map((apiDestination) => ({ kind: 'apiDestination', name: apiDestination.name, connection: node.connection, apiDestination }));
    default:
      return [];
  }
}

function groupChildren(group: GroupKind, s: ResourceSnapshot): ResourceNode[] {
  switch (group) {
    case 'queues':
      return s.queues.map((queue) => ({ kind: 'queue', name: queue.name, queue }));
    case 'topics':
      return s.topics.map((topic) => ({ kind: 'topic', name: topic.name, topic }));
    case 'streams':
      return s.streams.map((stream) => ({ kind: 'stream', name: stream.name, stream }));
    case 'deliveryStreams':
      return s.deliveryStreams.map((deliveryStream) => ({ kind: 'deliveryStream', name: deliveryStream.name, deliveryStream }));
    case 'functions':
      return s.functions.map((fn) => ({ kind: 'function', name: fn.name, fn }));
    case 'buses': {
      const buses: ResourceNode[] = s.buses.map((bus) => ({ kind: 'bus', name: bus.name, bus }));
      const connections = s.connections?.length ?? 0;
      return connections ? [...buses, { kind: 'connections', name: 'Connections', count: connections }] : buses;
    }
    case 'stateMachines':
      return (s.stateMachines ?? []).map((stateMachine) => ({ kind: 'stateMachine', name: stateMachine.name, stateMachine }));
    case 'buckets':
      return (s.buckets ?? []).map((bucket) => ({ kind: 'bucket', name: bucket.name, bucket }));
  }
}

/** Whether the row is a bucket level, whose rows are listed from S3 when it expands (not kept in the snapshot). */
export function isBucketLevel(node: ResourceNode): node is Extract<ResourceNode, { kind: 'bucket' | 'folder' }> {
  return node.kind === 'bucket' || node.kind === 'folder';
}

/** The key prefix a bucket level lists: none for the bucket itself. */
export function levelPrefix(node: Extract<ResourceNode, { kind: 'bucket' | 'folder' }>): { bucket: string; prefix: string } {
  return node.kind === 'bucket' ? { bucket: node.name, prefix: '' } : { bucket: node.bucket, prefix: node.name };
}

/** One bucket level's rows: folders first, then objects, each in S3's order; a last row when the listing was cut. */
export function listingNodes(bucket: string, prefix: string, listing: BucketListing): ResourceNode[] {
  const rows: ResourceNode[] = [
    ...listing.folders.map((folder): ResourceNode => ({ kind: 'folder', name: folder, bucket, parent: prefix })),
    ...listing.objects.map((object): ResourceNode => ({ kind: 'object', name: object.key, bucket, parent: prefix, object })),
  ];
  return listing.truncated ? [...rows, { kind: 'moreObjects', name: `${bucket}/${prefix}`, bucket, prefix }] : rows;
}

export function hasChildren(node: ResourceNode, snapshot: ResourceSnapshot, settings: TreeSettings): boolean {
  return isBucketLevel(node) || childNodes(node, snapshot, settings).length > 0;
}
