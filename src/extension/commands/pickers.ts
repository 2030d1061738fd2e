import type { AnalyticsApplicationSummary, QueueSummary, ResourceSnapshot } from '../client/snapshot';
import type { BrokerClient } from '../client/broker-client';
import type { ResourceNode } from '../tree/nodes';
import { pick } from './ui';

type Kind = 'queue' | 'topic' | 'stream' | 'deliveryStream' | 'bucket' | 'analyticsApplication';

const KIND_WORDS: Partial<Record<Kind, string>> = { deliveryStream: 'delivery stream', analyticsApplication: 'Kinesis Analytics application' };

/** The resource a command acts on: the tree row it was invoked on, or one the user picks. */
async function choose<T>(client: BrokerClient, kind: Kind, node: unknown, list: (s: ResourceSnapshot) => T[], nameOf: (t: T) => string, describe: (t: T) => string): Promise<T> {
  const items = list(await client.snapshot());
  const fromNode = node && typeof node === 'object' && (node as ResourceNode).kind === kind ? (node as ResourceNode).name : undefined;
  if (fromNode) {
    const found = items.find((i) => nameOf(i) === fromNode);
    if (found) return found;
  }
  const words = KIND_WORDS[kind] ?? kind;
  if (items.length === 0) throw new Error(`There is no ${words} yet; create one first.`);
  const chosen = await pick(`Choose a ${words}`, items.map((i) => ({ label: nameOf(i), description: describe(i), item: i })));
  return chosen.item;
}

export const pickQueue = (client: BrokerClient, node: unknown, filter: (q: QueueSummary) => boolean = () => true) =>
  choose(client, 'queue', node, (s) => s.queues.filter(filter), (q) => q.name, (q) => `${q.visible} visible`);

export const pickTopic = (client: BrokerClient, node: unknown) =>
  choose(client, 'topic', node, (s) => s.topics, (t) => t.name, (t) => t.arn);

export const pickStream = (client: BrokerClient, node: unknown) =>
  choose(client, 'stream', node, (s) => s.streams, (t) => t.name, (t) => `${t.shards.filter((s) => s.open).length} open shards`);

export const pickDeliveryStream = (client: BrokerClient, node: unknown) =>
  choose(client, 'deliveryStream', node, (s) => s.deliveryStreams, (t) => t.name, (t) => `→ ${t.bucket}/${t.prefix}`);

export const pickBucket = (client: BrokerClient, node: unknown) =>
  choose(client, 'bucket', node, (s) => s.buckets ?? [], (b) => b.name, (b) => `created ${new Date(b.createdAt).toISOString().slice(0, 10)}`);

export const pickAnalyticsApplication = (client: BrokerClient, node: unknown, filter: (a: AnalyticsApplicationSummary) => boolean) =>
  choose(client, 'analyticsApplication', node, (s) => (s.analyticsApplications ?? []).filter(filter), (a) => a.name, (a) => a.status);
