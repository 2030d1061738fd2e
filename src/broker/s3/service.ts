import { randomBytes, randomUUID } from 'node:crypto';
import { withCause } from '../trace/cause';
import type { Deadline } from '../scheduler';
import type { ServiceContext } from '../service-context';
import type { RequestInfo } from './api';
import { bucketOperations } from './buckets';
import { s3Errors } from './errors';
import { s3TraceKey } from './events';
import { dueForExpiry, nextExpiry } from './lifecycle';
import { listingOperations } from './listing';
import { AT_KEY, type BucketState, type DataPlace, type ObjectVersion, type SavedBucket } from './model';
import { multipartOperations } from './multipart';
import { Notifier, type NotificationPorts, type ObjectChange } from './notifications';
import { objectOperations } from './objects';
import type { S3Storage } from './storage';

export interface S3Options {
  storage: S3Storage;
  /** How notifications reach queues, topics, functions and EventBridge; without, none are sent. */
  ports?: NotificationPorts;
}

/** A notification that could not be delivered (its destination was deleted, the function failed to start). */
export interface NotificationFailure {
  at: number;
  bucket: string;
  key: string;
  eventName: string;
  destination: string;
  error: string;
}

/** What a write of one object version needs besides its bytes. */
export type NewVersion = Omit<ObjectVersion, 'key' | 'versionId' | 'place' | 'lastModified'>;

/**
 * S3: buckets and objects over a storage (the buckets folder, or memory), with event notifications to
 * the broker's queues, topics, functions and EventBridge. Its `operations` are S3's API actions; the wire
 * binding (src/server/s3) maps REST requests onto them.
 */
export class S3Service {
  readonly buckets = new Map<string, BucketState>();
  readonly storage: S3Storage;
  readonly operations;
  /** The latest undeliverable notifications, newest last (at most 100), for whoever looks. */
  readonly notificationFailures: NotificationFailure[] = [];
  readonly notifier?: Notifier;
  private sequence = 0;
  private readonly inFlight = new Set<Promise<void>>();
  /** The next lifecycle expiration, on the broker's scheduler. */
  private expiry?: Deadline;

  constructor(
    readonly ctx: ServiceContext,
    options: S3Options,
  ) {
    this.storage = options.storage;
    this.notifier = options.ports && new Notifier(options.ports, ctx.identity, (change, failure) => this.recordFailure(change, failure));
    for (const loaded of this.storage.load()) {
      this.buckets.set(loaded.bucket.name, {
        ...loaded.bucket,
        region: loaded.bucket.region || ctx.identity.region,
        objects: loaded.objects,
        uploads: new Map(loaded.uploads.map((u) => [u.uploadId, u])),
        locks: new Map(),
      });
    }
    this.operations = {
      ...bucketOperations(this),
      ...objectOperations(this),
      ...listingOperations(this),
      ...multipartOperations(this),
    };
    this.armLifecycle();
  }

  /**
   * Lifecycle expiration on the broker clock: one deadline at the next moment an object expires; when it
   * passes, every due object is deleted as S3's lifecycle deletes (a delete marker under versioning) and
   * the next deadline armed. Called when rules or objects change.
   */
  armLifecycle(notBefore = this.now()): void {
    const next = nextExpiry(this.buckets.values());
    const at = next === undefined ? undefined : Math.max(next, notBefore);
    if (this.expiry && this.expiry.at === at) return;
    this.expiry?.cancel();
    this.expiry = undefined;
    if (at === undefined) return;
    this.expiry = this.ctx.scheduler.at(at, () => {
      this.expiry = undefined;
      // An object that could not be deleted is tried again a minute later, not at once in a loop.
      void this.expireDue().finally(() => this.armLifecycle(this.now() + 60_000));
    });
  }

  private async expireDue(): Promise<void> {
    for (const b of [...this.buckets.values()]) {
      for (const Key of dueForExpiry(b, this.now())) {
        await this.operations.DeleteObject({ Bucket: b.name, Key, Lifecycle: true }).catch(() => undefined);
      }
    }
  }

  now(): number {
    return this.ctx.scheduler.now();
  }

  bucket(name: string | undefined): BucketState {
    const b = name === undefined ? undefined : this.buckets.get(name);
    if (!b) throw s3Errors.noSuchBucket(name ?? '');
    return b;
  }

  saved(b: BucketState): SavedBucket {
    const { objects: _o, uploads: _u, locks: _l, ...saved } = b;
    return saved;
  }

  /** Runs `change` after every earlier change of the same key, so writes of one key land in request order. */
  lock<T>(b: BucketState, key: string, change: () => Promise<T>): Promise<T> {
    const before = b.locks.get(key) ?? Promise.resolve();
    const run = before.then(change, change);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    b.locks.set(key, settled);
    void settled.then(() => {
      if (b.locks.get(key) === settled) b.locks.delete(key);
    });
    return run;
  }

  /** A new version's id: S3's are 32 URL-safe characters; `null` while versioning is not on. */
  versionIdFor(b: BucketState): string {
    return b.versioning === 'Enabled' ? randomBytes(24).toString('base64url') : 'null';
  }

  /** Increases with every change, as S3's sequencer does for a key. */
  sequencer(): string {
    this.sequence = (this.sequence + 1) % 0x10000;
    return (BigInt(this.now()) * 0x10000n + BigInt(this.sequence)).toString(16).toUpperCase().padStart(18, '0');
  }

  /**
   * Stores a new version of a key as the newest: the version it replaces (same id: `null`) goes, an older
   * one kept under versioning moves away from the key's path.
   */
  writeVersion(b: BucketState, key: string, data: AsyncIterable<Uint8Array> | Uint8Array, attrs: NewVersion): Promise<ObjectVersion> {
    return this.lock(b, key, async () => {
      const versions = b.objects.get(key) ?? [];
      const versionId = this.versionIdFor(b);
      const kept = versions.filter((v) => v.versionId !== versionId);
      const replaced = versions.filter((v) => v.versionId === versionId);
      for (const v of kept) if (v.place === AT_KEY) v.place = await this.storage.moveAside(b.name, key, v.place);
      const place = await this.storage.write(b.name, key, data, true);
      for (const r of replaced) if (r.place !== AT_KEY || place !== AT_KEY) await this.storage.remove(b.name, key, r.place);
      const version: ObjectVersion = { ...attrs, key, versionId, lastModified: this.now(), place };
      b.objects.set(key, [version, ...kept]);
      await this.storage.saveKey(b.name, key, b.objects.get(key)!);
      if (b.lifecycle !== undefined) this.armLifecycle();
      return version;
    });
  }

  /** Puts a version's bytes back at the key's path once it is the newest again. */
  async promote(b: BucketState, key: string): Promise<void> {
    const newest = b.objects.get(key)?.[0];
    if (!newest || newest.deleteMarker || newest.place === AT_KEY) return;
    const aside: DataPlace = newest.place;
    const place = await this.storage.write(b.name, key, this.storage.read(b.name, key, aside), true);
    if (place === AT_KEY) {
      newest.place = AT_KEY;
      await this.storage.remove(b.name, key, aside);
    } else {
      await this.storage.remove(b.name, key, place);
    }
  }

  /**
   * Announces an object change: on the broker's event bus (the tree, the change feed) always, and to the
   * bucket's notification destinations, after the request answered, when it has any.
   */
  notify(b: BucketState, change: Omit<ObjectChange, 'bucket' | 'sequencer' | 'at' | 'requestId' | 'sourceIp'>, request?: RequestInfo): void {
    const notifies = this.notifier !== undefined && b.notification !== undefined;
    // With notifications on, the event names the change by its sequencer: the trace key its notifications continue.
    const sequencer = notifies ? this.sequencer() : undefined;
    this.ctx.events.emit({ service: 's3', type: 'objectChanged', bucket: b.name, key: change.key, eventName: change.eventName, at: this.now(), ...(sequencer ? { sequencer } : {}) });
    if (!this.notifier || !b.notification || !sequencer) return;
    const full: ObjectChange = {
      ...change,
      bucket: b.name,
      sequencer,
      at: this.now(),
      requestId: request?.requestId ?? randomUUID(),
      sourceIp: request?.sourceIp ?? '127.0.0.1',
    };
    // Events name a version only in a bucket that has had versioning on.
    if (b.versioning === undefined) delete full.versionId;
    const notifier = this.notifier;
    const config = b.notification;
    // What the destinations receive continues the object's trace (src/broker/trace).
    const sent = withCause(s3TraceKey(b.name, sequencer), () => notifier.notify(config, full));
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  /** Settles when every notification sent so far has been delivered or has failed (for tests and shutdown). */
  async whenDelivered(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private recordFailure(change: ObjectChange, failure: { arn: string; error: string }): void {
    this.notificationFailures.push({
      at: this.now(),
      bucket: change.bucket,
      key: change.key,
      eventName: change.eventName,
      destination: failure.arn,
      error: failure.error,
    });
    if (this.notificationFailures.length > 100) this.notificationFailures.shift();
    this.ctx.events.emit({
      service: 's3', type: 'notificationFailed', bucket: change.bucket, key: change.key, eventName: change.eventName,
      sequencer: change.sequencer, destination: failure.arn, error: failure.error, at: this.now(),
    });
  }

  newRequest(): RequestInfo {
    return { requestId: randomUUID(), sourceIp: '127.0.0.1' };
  }

  dispose(): void {
    this.expiry?.cancel();
  }
}
