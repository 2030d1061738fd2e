import type { InputDescription, InputStartingPosition } from '../api';
import type { AnalyticsPorts } from './ports';

/** One record read from the input: its bytes, when the source received it, and which shard it came from. */
export interface SourceRecord {
  data: Buffer;
  arrivedAt: number;
  /** The shard's index among the stream's shards (picks the in-application stream when parallelism > 1). */
  shardIndex: number;
}

/** Where reading stopped: per shard, the sequence number of the last record read (Firehose has none). */
export type StoppedPoint = Record<string, string>;

export interface SourceReader {
  stop(): void;
  /** The point to resume from with LAST_STOPPED_POINT. */
  position(): StoppedPoint;
}

/**
 * Starts reading an application's input. A Kinesis stream is read from NOW (records put from here on),
 * TRIM_HORIZON (every record it still holds, then on) or LAST_STOPPED_POINT (the records after the
 * sequence numbers the application stopped at); a Firehose delivery stream hands over the records it
 * accepts from now on. Records already held are delivered at once, in arrival order, before new ones.
 */
export function startSource(
  input: InputDescription,
  position: InputStartingPosition,
  stopped: StoppedPoint | undefined,
  ports: AnalyticsPorts,
  deliver: (records: SourceRecord[]) => void,
): SourceReader {
  const kinesisArn = input.KinesisStreamsInputDescription?.ResourceARN;
  if (kinesisArn) {
    if (!ports.kinesis) throw new Error('Kinesis streams are not available in this broker');
    return readKinesis(kinesisArn, position, stopped, ports.kinesis, deliver);
  }
  const firehoseArn = input.KinesisFirehoseInputDescription!.ResourceARN;
  if (!ports.firehose) throw new Error('Firehose delivery streams are not available in this broker');
  const unsubscribe = ports.firehose.subscribeToRecords(firehoseArn, (records) =>
    deliver(records.map((r) => ({ data: r.data, arrivedAt: r.arrivedAt, shardIndex: 0 }))),
  );
  return { stop: unsubscribe, position: () => ({}) };
}

function readKinesis(
  streamArn: string,
  position: InputStartingPosition,
  stopped: StoppedPoint | undefined,
  kinesis: NonNullable<AnalyticsPorts['kinesis']>,
  deliver: (records: SourceRecord[]) => void,
): SourceReader {
  const streamName = streamArn.slice(streamArn.indexOf('/') + 1);
  const shards = kinesis.shardRecords(streamName);
  const shardIndex = (shardId: string) => Math.max(0, shards.findIndex((s) => s.shardId === shardId));
  const last: StoppedPoint = { ...(stopped ?? {}) };
  // Every shard starts where it stands now, so a NOW reader resumes after what the stream held at start.
  for (const s of shards) {
    const newest = s.records[s.records.length - 1];
    if (position === 'NOW' && newest) last[s.shardId] = newest.sequenceNumber;
  }
  const held: (SourceRecord & { order: number })[] = [];
  if (position !== 'NOW') {
    shards.forEach((s, index) => {
      const after = position === 'LAST_STOPPED_POINT' ? stopped?.[s.shardId] : undefined;
      const from = after === undefined ? -1n : BigInt(after);
      for (const r of s.records) {
        if (BigInt(r.sequenceNumber) <= from) continue;
        held.push({ data: r.data, arrivedAt: r.arrivedAt, shardIndex: index, order: held.length });
        last[s.shardId] = r.sequenceNumber;
      }
    });
  }
  held.sort((a, b) => a.arrivedAt - b.arrivedAt || a.order - b.order);
  const unsubscribe = kinesis.subscribeToRecords(streamArn, (records, shardId) => {
    const newest = records[records.length - 1];
    if (newest) last[shardId] = newest.SequenceNumber;
    const index = shardIndex(shardId);
    deliver(records.map((r) => ({ data: r.Data, arrivedAt: r.ApproximateArrivalTimestamp.getTime(), shardIndex: index })));
  });
  if (held.length) deliver(held.map(({ order: _, ...r }) => r));
  return { stop: unsubscribe, position: () => ({ ...last }) };
}
