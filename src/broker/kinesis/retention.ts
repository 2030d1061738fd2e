import type { MemoryBudget } from '../memory-budget';
import type { Deadline, Scheduler } from '../scheduler';
import type { KinesisEvent } from './events';
import { memoryOwner, recordBytes } from './records';
import { saveStream } from './stream-save';
import type { StreamState } from './stream-state';

/**
 * Retention: records older than the stream's retention period are dropped, and closed shards go when
 * their retention ends. One scheduler deadline per stream, set for the next thing to expire.
 */
export class RetentionSchedule {
  private readonly deadlines = new Map<StreamState, Deadline>();

  constructor(
    private readonly scheduler: Scheduler,
    /** False once the stream is deleted, so a late deadline touches nothing. */
    private readonly isLive: (stream: StreamState) => boolean,
    private readonly emit: (event: KinesisEvent) => void,
    private readonly memory?: MemoryBudget,
  ) {}

  /** After a put: arms the stream's deadline if none is armed (new records expire after the old). */
  ensureArmed(stream: StreamState): void {
    if (!this.deadlines.has(stream)) this.arm(stream);
  }

  /** Re-arms for the next expiry; after resharding (closed shards) or a retention change. */
  arm(stream: StreamState): void {
    this.forget(stream);
    const at = nextExpiry(stream);
    if (at !== undefined) this.deadlines.set(stream, this.scheduler.at(at, () => this.expire(stream)));
  }

  forget(stream: StreamState): void {
    this.deadlines.get(stream)?.cancel();
    this.deadlines.delete(stream);
  }

  dispose(): void {
    for (const d of this.deadlines.values()) d.cancel();
    this.deadlines.clear();
  }

  /** Drops what has outlived the retention period now, then re-arms. */
  expire(stream: StreamState): void {
    if (!this.isLive(stream)) return;
    const now = this.scheduler.now();
    const cutoff = now - stream.retentionMs;
    let count = 0;
    for (const shard of stream.shards) {
      let n = 0;
      while (n < shard.records.length && shard.records[n].arrivedAt <= cutoff) {
        this.memory?.release(memoryOwner(stream), recordBytes(shard.records[n]));
        n++;
      }
      if (n) shard.records.splice(0, n);
      count += n;
    }
    const before = stream.shards.length;
    const kept = stream.shards.filter((s) => s.closedAt === undefined || s.closedAt > cutoff);
    stream.shards.splice(0, stream.shards.length, ...kept);
    this.arm(stream);
    if (count) this.emit({ service: 'kinesis', type: 'recordsExpired', streamName: stream.name, count, stream: saveStream(stream), at: now });
    if (kept.length !== before) this.emit({ service: 'kinesis', type: 'streamResharded', streamName: stream.name, stream: saveStream(stream), at: now });
  }
}

/** When the next record or closed shard of the stream falls out of its retention period. */
function nextExpiry(stream: StreamState): number | undefined {
  let next: number | undefined;
  for (const shard of stream.shards) {
    for (const t of [shard.records[0]?.arrivedAt, shard.closedAt]) {
      if (t !== undefined && (next === undefined || t < next)) next = t;
    }
  }
  return next === undefined ? undefined : next + stream.retentionMs;
}
