import type { Deadline } from '../scheduler';
import type * as api from './api';
import type { Destination, S3Destination } from './destinations';
import type { SavedDeliveryStream } from './saved';
import type { BufferedRecord } from './transform';

/** A delivery stream: where its records go, what is buffered for the next delivery, and what was delivered. */
export class DeliveryStreamState {
  readonly tags = new Map<string, string>();
  readonly buffer: BufferedRecord[] = [];
  bufferedBytes = 0;
  flushDeadline: Deadline | undefined;
  /** Deliveries run one after another so objects land in the order their records arrived. */
  delivering: Promise<void> = Promise.resolve();
  deliveredObjects = 0;
  lastObjectKey: string | undefined;
  stopSource: (() => void) | undefined;
  nextRecordId = 0;

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly type: api.DeliveryStreamType,
    readonly createdAt: number,
    readonly destination: Destination,
    readonly source: { KinesisStreamARN: string; RoleARN: string } | undefined,
  ) {}

  get versionId(): number {
    return 1;
  }

  /** The bucket that takes objects: the destination itself, or an HTTP endpoint's backup bucket. */
  get s3(): S3Destination {
    return this.destination.kind === 's3' ? this.destination : this.destination.backup;
  }
}

/** The delivery stream as plain data, for change events and snapshots. */
export function saveDeliveryStream(s: DeliveryStreamState): SavedDeliveryStream {
  return {
    name: s.name,
    arn: s.arn,
    type: s.type,
    createdAt: s.createdAt,
    destination: s.destination,
    source: s.source,
    tags: [...s.tags],
    nextRecordId: s.nextRecordId,
    deliveredObjects: s.deliveredObjects,
    lastObjectKey: s.lastObjectKey,
  };
}

/** The delivery stream a saved one describes, with nothing buffered yet. */
export function deliveryStreamFromSaved(saved: SavedDeliveryStream): DeliveryStreamState {
  const s = new DeliveryStreamState(saved.name, saved.arn, saved.type, saved.createdAt, saved.destination, saved.source);
  for (const [k, v] of saved.tags) s.tags.set(k, v);
  s.nextRecordId = saved.nextRecordId;
  s.deliveredObjects = saved.deliveredObjects;
  s.lastObjectKey = saved.lastObjectKey;
  return s;
}
