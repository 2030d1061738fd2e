import type { KinesisEvent } from './events';
import type { RecordRef, SavedStream } from './saved-stream';
import type { KinesisService } from './service';
import type { StoredRecord } from './stream-state';
import { EnginePersistence } from '../store/service-persistence';

/**
 * Kinesis as store entries: `kin/s/<stream>` a stream with its settings, consumers and every shard's
 * range, lineage and counters (closed parents included); `kin/r/<stream>/<shardId>/<counter>` one record,
 * with its sequence number as clients saw it. Expired records are not deleted one by one: retention is
 * a function of their arrival time, so restore and compaction leave them out. Every event carries what it
 * changed (the stream as saved, the records put), so recording one reads nothing back from the engine.
 */
const streamKey = (name: string) => `kin/s/${name}`;
const recordPrefix = (name: string) => `kin/r/${name}/`;
const recordKey = (stream: string, shardId: string, counter: bigint) => `${recordPrefix(stream)}${shardId}/${counter.toString().padStart(20, '0')}`;

interface SavedRecord {
  c: string;
  s: string;
  k: string;
  d: string;
  t: number;
}

export class KinesisPersistence extends EnginePersistence<KinesisService> {
  record(event: KinesisEvent): void {
    switch (event.type) {
      case 'streamDeleted':
        this.writer.delete(streamKey(event.streamName));
        this.writer.deletePrefix(recordPrefix(event.streamName));
        return;
      case 'recordsPut':
        for (const shardId in event.records) {
          for (const record of event.records[shardId]) this.writer.put(recordKey(event.streamName, shardId, record.counter), saveRecord(record));
        }
        return;
      case 'recordsRead':
        return;
      default:
        // Every other event changes the stream itself (status, shards, retention, tags, consumers) or, for
        // recordsExpired, leaves counters worth keeping when no record remains to show them.
        this.writer.put(streamKey(event.streamName), event.stream);
    }
  }

  *collect(): Generator<[string, unknown]> {
    for (const { stream, records } of this.engine.savedStreams()) {
      yield [streamKey(stream.name), stream];
      for (const shardId in records) {
        for (const record of records[shardId]) yield [recordKey(stream.name, shardId, record.counter), saveRecord(record)];
      }
    }
  }

  restore(entries: Map<string, unknown>): void {
    const saved: [string, unknown][] = [];
    for (const entry of entries) if (entry[0].startsWith('kin/r/')) saved.push(entry);
    // Keys end in a zero-padded counter, so sorting by key orders each shard's records.
    saved.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const records = new Map<string, Map<string, StoredRecord[]>>();
    for (const [key, value] of saved) {
      const [streamName, shardId] = key.slice(6).split('/');
      const r = value as SavedRecord;
      let shards = records.get(streamName);
      if (!shards) records.set(streamName, (shards = new Map()));
      let list = shards.get(shardId);
      if (!list) shards.set(shardId, (list = []));
      list.push({ counter: BigInt(r.c), sequenceNumber: r.s, partitionKey: r.k, data: Buffer.from(r.d, 'base64'), arrivedAt: r.t });
    }
    for (const [key, value] of entries) {
      if (key.startsWith('kin/s/')) this.engine.restoreStream(value as SavedStream, records.get(key.slice(6)) ?? new Map(), RESTART_COUNTER_GAP);
    }
  }
}

/**
 * A start after a crash in fast mode may have lost records whose sequence numbers clients were already
 * given. Skipping far ahead keeps every new number above those (AWS's numbers are not contiguous either),
 * so a consumer that checkpointed one of them does not skip the records that come next.
 */
const RESTART_COUNTER_GAP = 1n << 32n;

function saveRecord(record: RecordRef): SavedRecord {
  const data = Buffer.from(record.data.buffer, record.data.byteOffset, record.data.byteLength);
  return { c: record.counter.toString(), s: record.sequenceNumber, k: record.partitionKey, d: data.toString('base64'), t: record.arrivedAt };
}
