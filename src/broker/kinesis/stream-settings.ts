import type * as api from './api';
import type { ConsumerRegistry } from './consumers';
import { kinesisErrors } from './errors';
import type { KinesisEvent } from './events';
import * as rules from './rules';
import { saveStream } from './stream-save';
import type { StreamState, TaggedResource } from './stream-state';
import { validate } from './validation';

const MAX_TAGS_PER_STREAM = 50;

/**
 * What AWS takes in a tag key or value: letters, digits, spaces and `_ . / = + - % @ :` (`%` is allowed
 * now; `;`, `,`, tabs and line breaks are not).
 */
const TAG_TEXT = /^[\p{L}\p{N}\p{Zs}_./=+\-%@:]*$/u;

/** Refuses tags with characters AWS refuses, in its words. */
export function checkTagCharacters(tags: Record<string, string> | undefined): void {
  if (!tags) return;
  if (Object.entries(tags).some(([k, v]) => !TAG_TEXT.test(k) || !TAG_TEXT.test(v))) {
    throw kinesisErrors.invalidArgument(
      'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @ :.',
    );
  }
}

export interface StreamSettingsDeps {
  account: string;
  now(): number;
  emit(event: KinesisEvent): void;
  resolve(ref: api.StreamRef): StreamState;
  /** The stream if it is ACTIVE (settings that reconfigure it, like resharding, need that). */
  reshardable(ref: api.StreamRef): StreamState;
  transition(stream: StreamState, status: api.StreamStatus): void;
  consumers: ConsumerRegistry;
}

/**
 * A stream's settings besides its shards: tags (per stream and per resource ARN), resource policies,
 * enhanced-monitoring metrics and server-side encryption.
 */
export class StreamSettings {
  constructor(private readonly deps: StreamSettingsDeps) {}

  addTags(input: api.AddTagsToStreamInput): api.Empty {
    validate(rules.addTags(input));
    const stream = this.deps.resolve(input);
    checkTagCharacters(input.Tags);
    const keys = new Set([...stream.tags.keys(), ...Object.keys(input.Tags)]);
    if (keys.size > MAX_TAGS_PER_STREAM) {
      throw kinesisErrors.invalidArgument(
        `Failed to add tags to stream ${stream.name} under account ${this.deps.account} because a given stream cannot ` +
          `have more than ${MAX_TAGS_PER_STREAM} tags associated with it.`,
      );
    }
    for (const [k, v] of Object.entries(input.Tags)) stream.tags.set(k, v);
    this.deps.emit({ service: 'kinesis', type: 'streamTagged', streamName: stream.name, stream: saveStream(stream), at: this.deps.now() });
    return {};
  }

  removeTags(input: api.RemoveTagsFromStreamInput): api.Empty {
    validate(rules.removeTags(input));
    const stream = this.deps.resolve(input);
    for (const k of input.TagKeys) stream.tags.delete(k);
    this.deps.emit({ service: 'kinesis', type: 'streamTagged', streamName: stream.name, stream: saveStream(stream), at: this.deps.now() });
    return {};
  }

  listTags(input: api.ListTagsForStreamInput): api.ListTagsForStreamOutput {
    validate(rules.listTags(input));
    const stream = this.deps.resolve(input);
    const limit = input.Limit ?? 50;
    const after = input.ExclusiveStartTagKey;
    const keys = [...stream.tags.keys()].sort().filter((k) => after === undefined || k > after);
    return {
      Tags: keys.slice(0, limit).map((k) => ({ Key: k, Value: stream.tags.get(k) })),
      HasMoreTags: keys.length > limit,
    };
  }

  /** Shard-level metrics are only remembered and described: the broker publishes no CloudWatch metrics. */
  monitoring(input: api.EnhancedMonitoringInput, enable: boolean): api.EnhancedMonitoringOutput {
    validate(rules.enhancedMonitoring(input));
    const stream = this.deps.resolve(input);
    const current = [...stream.shardLevelMetrics];
    const all = ['IncomingBytes', 'IncomingRecords', 'OutgoingBytes', 'OutgoingRecords', 'WriteProvisionedThroughputExceeded', 'ReadProvisionedThroughputExceeded', 'IteratorAgeMilliseconds'];
    const named = input.ShardLevelMetrics.includes('ALL') ? all : input.ShardLevelMetrics;
    for (const m of named) {
      if (enable) stream.shardLevelMetrics.add(m);
      else stream.shardLevelMetrics.delete(m);
    }
    this.deps.emit({ service: 'kinesis', type: 'streamStatusChanged', streamName: stream.name, stream: saveStream(stream), at: this.deps.now() });
    return {
      StreamName: stream.name,
      StreamARN: stream.arn,
      CurrentShardLevelMetrics: current,
      DesiredShardLevelMetrics: [...stream.shardLevelMetrics],
    };
  }

  /** Encryption is only recorded (records are kept as sent); describes and puts report it as AWS would. */
  encryption(input: api.StreamEncryptionInput, start: boolean): api.Empty {
    validate(rules.streamEncryption(input));
    const stream = this.deps.reshardable(input);
    if (input.EncryptionType !== 'KMS') {
      throw kinesisErrors.invalidArgument(`EncryptionType ${input.EncryptionType} is not supported; use KMS.`);
    }
    stream.kmsKeyId = start ? input.KeyId : undefined;
    this.deps.transition(stream, 'UPDATING');
    this.deps.emit({ service: 'kinesis', type: 'streamStatusChanged', streamName: stream.name, stream: saveStream(stream), at: this.deps.now() });
    return {};
  }

  /** The stream or consumer a ResourceARN names. */
  resource(input: api.ResourceArnInput): { stream: StreamState; resource: TaggedResource } {
    validate(rules.resourceArn(input));
    if (/\/consumer\/[^/]+:\d+$/.test(input.ResourceARN)) {
      const { stream, consumer } = this.deps.consumers.find({ ConsumerARN: input.ResourceARN });
      return { stream, resource: consumer };
    }
    const stream = this.deps.resolve({ StreamARN: input.ResourceARN });
    return { stream, resource: stream };
  }

  tagResource(input: api.TagResourceInput): api.Empty {
    validate(rules.tagResource(input));
    const { stream, resource } = this.resource(input);
    checkTagCharacters(input.Tags);
    const keys = new Set([...resource.tags.keys(), ...Object.keys(input.Tags)]);
    if (keys.size > MAX_TAGS_PER_STREAM) {
      throw kinesisErrors.limitExceeded(`A resource cannot have more than ${MAX_TAGS_PER_STREAM} tags; this request would give ${input.ResourceARN} ${keys.size}.`);
    }
    for (const [k, v] of Object.entries(input.Tags)) resource.tags.set(k, v);
    this.deps.emit({ service: 'kinesis', type: 'streamTagged', streamName: stream.name, stream: saveStream(stream), at: this.deps.now() });
    return {};
  }

  untagResource(input: api.UntagResourceInput): api.Empty {
    validate(rules.untagResource(input));
    const { stream, resource } = this.resource(input);
    for (const k of input.TagKeys) resource.tags.delete(k);
    this.deps.emit({ service: 'kinesis', type: 'streamTagged', streamName: stream.name, stream: saveStream(stream), at: this.deps.now() });
    return {};
  }

  listTagsForResource(input: api.ResourceArnInput): api.ListTagsForResourceOutput {
    const { resource } = this.resource(input);
    return { Tags: [...resource.tags.keys()].sort().map((Key) => ({ Key, Value: resource.tags.get(Key) })) };
  }

  putResourcePolicy(input: api.PutResourcePolicyInput): api.Empty {
    validate(rules.putResourcePolicy(input));
    const { resource } = this.resource(input);
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.Policy);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw kinesisErrors.invalidArgument('Policy must be a JSON object.');
    }
    resource.policy = input.Policy;
    return {};
  }

  deleteResourcePolicy(input: api.ResourceArnInput): api.Empty {
    this.resource(input).resource.policy = undefined;
    return {};
  }
}
