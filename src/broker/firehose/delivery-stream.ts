import type { Deadline } from '../scheduler';
import type * as api from './api';
import type { Destination, S3Destination } from './destinations';
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
