import type { Deadline, Scheduler } from '../scheduler';
import type { ChildShard, SubscribeToShardEventStream } from './api';
import { childShardsOf, toKinesisRecord } from './records';
import type { ShardState, StreamState } from './stream-state';

/** AWS ends a subscription after five minutes; the consumer subscribes again from its continuation number. */
export const SUBSCRIPTION_LIFETIME_MS = 5 * 60 * 1000;
/** With nothing new, an event still comes every five seconds, so consumers see the subscription is alive. */
export const HEARTBEAT_MS = 5000;
const MAX_RECORDS_PER_EVENT = 10000;

/**
 * One SubscribeToShard push: an async iterable of SubscribeToShardEvent that first sends what is already
 * in the shard from the starting position, then each new record as it is put, a heartbeat every five
 * seconds, and at a closed shard's end the child shards. Time runs on the broker's scheduler.
 */
export class ShardSubscription implements AsyncIterable<SubscribeToShardEventStream> {
  private readonly queue: SubscribeToShardEventStream[] = [];
  private waiting: ((r: IteratorResult<SubscribeToShardEventStream>) => void) | undefined;
  private closed = false;
  private heartbeat: Deadline | undefined;
  private readonly expiry: Deadline;
  private stopListening: () => void = () => undefined;
  /** The number to resume after: the last record pushed, or just before the starting position. */
  private continuation: string;

  constructor(
    private readonly stream: StreamState,
    private readonly shard: ShardState,
    private counter: bigint,
    private readonly scheduler: Scheduler,
    listen: (onRecords: (shardId: string) => void) => () => void,
    private readonly onClose: () => void,
  ) {
    this.continuation = shard.sequenceNumber(counter > 0n ? counter - 1n : 0n, scheduler.now());
    this.expiry = scheduler.after(SUBSCRIPTION_LIFETIME_MS, () => this.close());
    this.push();
    if (!this.closed) {
      this.stopListening = listen((shardId) => {
        if (shardId === this.shard.shardId) this.push();
      });
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Reads everything new from the shard into one event, and re-arms the heartbeat. */
  private push(): void {
    if (this.closed) return;
    const now = this.scheduler.now();
    const start = this.shard.indexFromCounter(this.counter);
    const taken = this.shard.records.slice(start, start + MAX_RECORDS_PER_EVENT);
    if (taken.length) {
      this.counter = taken[taken.length - 1].counter + 1n;
      this.continuation = taken[taken.length - 1].sequenceNumber;
    }
    const end = start + taken.length;
    const caughtUp = end >= this.shard.records.length;
    const atShardEnd = !this.shard.isOpen && caughtUp;
    const children: ChildShard[] | undefined = atShardEnd ? childShardsOf(this.stream, this.shard) : undefined;
    this.deliver({
      SubscribeToShardEvent: {
        Records: taken.map(toKinesisRecord),
        ContinuationSequenceNumber: atShardEnd ? (this.shard.endingSequenceNumber as string) : this.continuation,
        MillisBehindLatest: caughtUp ? 0 : Math.max(0, now - this.shard.records[end].arrivedAt),
        ...(children ? { ChildShards: children } : {}),
      },
    });
    if (atShardEnd) return this.close();
    if (!caughtUp) return this.push();
    this.heartbeat?.cancel();
    this.heartbeat = this.scheduler.after(HEARTBEAT_MS, () => this.push());
  }

  private deliver(event: SubscribeToShardEventStream): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting({ value: event, done: false });
    else this.queue.push(event);
  }

  /** Ends the subscription (lifetime over, shard end, stream deleted or the client went away). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.heartbeat?.cancel();
    this.expiry.cancel();
    this.stopListening();
    this.onClose();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscribeToShardEventStream> {
    return {
      next: () => {
        const event = this.queue.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiting = resolve));
      },
      return: () => {
        this.close();
        this.queue.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
