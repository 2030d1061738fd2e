import type { RecordRef, SavedStream } from './saved-stream';

/**
 * What changed in Kinesis. Emitted by KinesisService from its one mutation path; the tree, the inspector
 * and the store subscribe. Each event names the stream and carries what changed as plain data (the stream
 * as saved, or the records put, the very objects the shards hold), so the store needs nothing else.
 */
export type KinesisEvent =
  | {
      service: 'kinesis';
      type: 'streamCreated' | 'streamStatusChanged' | 'streamResharded' | 'streamRetentionChanged' | 'streamTagged';
      streamName: string;
      stream: SavedStream;
      at: number;
    }
  | { service: 'kinesis'; type: 'streamDeleted'; streamName: string; at: number }
  | {
      service: 'kinesis';
      type: 'recordsPut';
      streamName: string;
      /** Shard id to the records it took, in order: the shard's own objects, not copies (PutRecords is hot). */
      records: Record<string, readonly RecordRef[]>;
      at: number;
    }
  | { service: 'kinesis'; type: 'recordsRead'; streamName: string; shardId: string; count: number; at: number }
  /** Retention removed records; the stream's counters stay worth keeping when no record remains to show them. */
  | { service: 'kinesis'; type: 'recordsExpired'; streamName: string; count: number; stream: SavedStream; at: number }
  | {
      service: 'kinesis';
      type: 'consumerRegistered' | 'consumerDeregistered';
      streamName: string;
      consumerName: string;
      stream: SavedStream;
      at: number;
    };
