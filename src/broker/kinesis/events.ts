/**
 * What changed in Kinesis. Emitted by KinesisService from its one mutation path; the tree, the inspector
 * and the store subscribe. Events name the stream and carry only what a subscriber needs to update itself.
 */
export type KinesisEvent =
  | {
      service: 'kinesis';
      type: 'streamCreated' | 'streamDeleted' | 'streamStatusChanged' | 'streamResharded' | 'streamRetentionChanged' | 'streamTagged';
      streamName: string;
      at: number;
    }
  | {
      service: 'kinesis';
      type: 'recordsPut';
      streamName: string;
      /** Shard id to the sequence numbers it took, in order. */
      sequenceNumbers: Record<string, string[]>;
      at: number;
    }
  | { service: 'kinesis'; type: 'recordsRead'; streamName: string; shardId: string; count: number; at: number }
  | { service: 'kinesis'; type: 'recordsExpired'; streamName: string; count: number; at: number }
  | {
      service: 'kinesis';
      type: 'consumerRegistered' | 'consumerDeregistered';
      streamName: string;
      consumerName: string;
      at: number;
    };
