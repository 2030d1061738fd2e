import type { Problems } from './problems';

export interface StreamRecord {
  shardId: string;
  sequenceNumber: string;
  id: string;
}

/**
 * What producers of one Kinesis stream know for certain: the shard and sequence number of every
 * acknowledged record, and the records whose answer never came. `reconcile` holds a full read of every
 * shard against it: each acknowledged record there once, with the same sequence number, in increasing
 * sequence-number order per shard, and per partition key in the order its producer put them.
 */
export class StreamLedger {
  readonly acknowledged = new Map<string, { shardId: string; sequenceNumber: string }>();
  readonly maybePut = new Set<string>();
  /** Per partition key, the sequence numbers its (single) producer got back, in order. */
  private readonly lastSequenceByKey = new Map<string, bigint>();
  puts = 0;
  recordsRead = 0;
  uncertainFound = 0;
  uncertainAbsent = 0;

  constructor(readonly name: string, private readonly problems: Problems) {}

  putAcknowledged(id: string, partitionKey: string, shardId: string, sequenceNumber: string): void {
    this.puts++;
    this.maybePut.delete(id);
    this.acknowledged.set(id, { shardId, sequenceNumber });
    const last = this.lastSequenceByKey.get(partitionKey);
    const seq = BigInt(sequenceNumber);
    if (last !== undefined && seq <= last) {
      this.problems.add('stream order', `${this.name}: partition key ${partitionKey} got ${sequenceNumber} after ${last}`);
    }
    this.lastSequenceByKey.set(partitionKey, seq);
  }

  putUncertain(id: string): void {
    if (!this.acknowledged.has(id)) this.maybePut.add(id);
  }

  /** `shards` maps each shard to all its records from TRIM_HORIZON, in the order GetRecords gave them. */
  reconcile(shards: Map<string, StreamRecord[]>, settle: boolean): void {
    const seen = new Set<string>();
    for (const [shardId, records] of shards) {
      let previous: bigint | undefined;
      for (const r of records) {
        this.recordsRead++;
        const seq = BigInt(r.sequenceNumber);
        if (previous !== undefined && seq <= previous) {
          this.problems.add('stream order', `${this.name}/${shardId}: ${r.sequenceNumber} read after ${previous}`);
        }
        previous = seq;
        if (seen.has(r.id)) {
          this.problems.add('duplicate', `${this.name}: record ${r.id} read twice`);
          continue;
        }
        seen.add(r.id);
        const acked = this.acknowledged.get(r.id);
        if (acked) {
          if (acked.shardId !== shardId || acked.sequenceNumber !== r.sequenceNumber) {
            this.problems.add(
              'record changed',
              `${this.name}: ${r.id} acknowledged as ${acked.shardId}/${acked.sequenceNumber}, read as ${shardId}/${r.sequenceNumber}`,
            );
          }
        } else if (this.maybePut.has(r.id)) {
          if (settle) {
            this.uncertainFound++;
            this.maybePut.delete(r.id);
            this.acknowledged.set(r.id, { shardId, sequenceNumber: r.sequenceNumber });
          }
        } else {
          this.problems.add('unknown message', `${this.name}: record ${r.id} read but no producer put it`);
        }
      }
    }
    for (const [id, at] of this.acknowledged) {
      if (!seen.has(id)) {
        this.problems.add('lost', `${this.name}: record ${id} acknowledged as ${at.shardId}/${at.sequenceNumber} is gone`);
        this.acknowledged.delete(id);
      }
    }
    if (settle) {
      this.uncertainAbsent += this.maybePut.size;
      this.maybePut.clear();
    }
  }
}
