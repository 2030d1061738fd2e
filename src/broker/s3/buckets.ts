import type { Tag } from './model';
import { s3Errors } from './errors';
import type { LifecycleConfiguration } from './lifecycle';
import { isValidBucketName } from './names';
import { checkConfiguration, type NotificationConfiguration } from './notification-config';
import type { S3Service } from './service';
import { checkTags } from './tags';
import { randomUUID } from 'node:crypto';

interface BucketInput {
  Bucket: string;
}

/** Bucket lifecycle and bucket-level settings: location, tags, versioning, notifications, CORS, lifecycle. */
export function bucketOperations(s: S3Service) {
  /**
   * Creating, deleting and saving the settings of one bucket name run one after the other: a create or a
   * setting saved while a delete was still removing the bucket's folders would be written into folders
   * removed under it, or leave a deleted bucket's settings behind.
   */
  const changing = new Map<string, Promise<unknown>>();
  const oneAtATime = <T>(name: string, change: () => Promise<T>): Promise<T> => {
    const result = (changing.get(name) ?? Promise.resolve()).then(change, change);
    const settled = result.catch(() => undefined);
    changing.set(name, settled);
    void settled.then(() => changing.get(name) === settled && changing.delete(name));
    return result;
  };
  const saveNow = (name: string) => s.storage.saveBucket(s.saved(s.bucket(name)));
  /** A setting's change, saved once no create or delete of the bucket is under way (not at all if it was deleted). */
  const save = (name: string) => {
    const bucket = s.bucket(name);
    return oneAtATime(name, async () => {
      if (s.buckets.get(name) === bucket) await saveNow(name);
    });
  };
  return {
    ListBuckets(_input: { Prefix?: string } = {}) {
      const buckets = [...s.buckets.values()]
        .filter((b) => !_input.Prefix || b.name.startsWith(_input.Prefix))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      return {
        Buckets: buckets.map((b) => ({ Name: b.name, CreationDate: new Date(b.createdAt), BucketRegion: b.region })),
        Owner: owner(s),
      };
    },

    CreateBucket(input: BucketInput & { CreateBucketConfiguration?: { LocationConstraint?: string } }) {
      return oneAtATime(input.Bucket, async () => {
        if (!isValidBucketName(input.Bucket)) throw s3Errors.invalidBucketName(input.Bucket);
        const region = s.ctx.identity.region;
        const constraint = input.CreateBucketConfiguration?.LocationConstraint;
        // As on AWS: us-east-1 takes no constraint, every other region must name itself.
        if (constraint !== undefined && constraint !== '' && constraint !== region) throw s3Errors.illegalLocationConstraint(constraint);
        if (constraint === 'us-east-1') throw s3Errors.invalidStorageLocation();
        if (s.buckets.has(input.Bucket)) {
          // us-east-1 answers 200 to its owner's repeated create, as AWS does for legacy reasons.
          if (region === 'us-east-1') return { Location: `/${input.Bucket}` };
          throw s3Errors.bucketAlreadyOwnedByYou(input.Bucket);
        }
        s.buckets.set(input.Bucket, {
          name: input.Bucket,
          createdAt: s.now(),
          region,
          objects: new Map(),
          uploads: new Map(),
          locks: new Map(),
        });
        await s.storage.createBucket(input.Bucket);
        await saveNow(input.Bucket);
        s.ctx.events.emit({ service: 's3', type: 'bucketCreated', bucket: input.Bucket, at: s.now() });
        return { Location: `/${input.Bucket}` };
      });
    },

    DeleteBucket(input: BucketInput) {
      return oneAtATime(input.Bucket, async () => {
        const b = s.bucket(input.Bucket);
        // a write still under way counts: it was asked first, and its object would be lost with the bucket
        if (b.objects.size > 0 || b.locks.size > 0) throw s3Errors.bucketNotEmpty(b.name);
        for (const u of b.uploads.keys()) await s.storage.deleteUpload(b.name, u);
        s.buckets.delete(b.name);
        await s.storage.deleteBucket(b.name);
        s.ctx.events.emit({ service: 's3', type: 'bucketDeleted', bucket: b.name, at: s.now() });
        return {};
      });
    },

    HeadBucket(input: BucketInput) {
      const b = s.bucket(input.Bucket);
      return { BucketRegion: b.region };
    },

    GetBucketLocation(input: BucketInput) {
      const b = s.bucket(input.Bucket);
      // us-east-1 is the empty constraint.
      return { LocationConstraint: b.region === 'us-east-1' ? '' : b.region };
    },

    async PutBucketTagging(input: BucketInput & { Tagging: { TagSet: Tag[] } }) {
      const b = s.bucket(input.Bucket);
      b.tags = checkTags(input.Tagging?.TagSet ?? [], 50);
      await save(b.name);
      return {};
    },

    GetBucketTagging(input: BucketInput) {
      const b = s.bucket(input.Bucket);
      if (!b.tags?.length) throw s3Errors.noSuchTagSet();
      return { TagSet: b.tags };
    },

    async DeleteBucketTagging(input: BucketInput) {
      const b = s.bucket(input.Bucket);
      delete b.tags;
      await save(b.name);
      return {};
    },

    async PutBucketVersioning(input: BucketInput & { VersioningConfiguration: { Status?: string } }) {
      const b = s.bucket(input.Bucket);
      const status = input.VersioningConfiguration?.Status;
      if (status !== 'Enabled' && status !== 'Suspended') throw s3Errors.malformedXml();
      b.versioning = status;
      await save(b.name);
      return {};
    },

    GetBucketVersioning(input: BucketInput) {
      const b = s.bucket(input.Bucket);
      return b.versioning ? { Status: b.versioning } : {};
    },

    async PutBucketNotificationConfiguration(
      input: BucketInput & { NotificationConfiguration: NotificationConfiguration; SkipDestinationValidation?: boolean },
    ) {
      const b = s.bucket(input.Bucket);
      const config = checkConfiguration(input.NotificationConfiguration ?? {}, () => randomUUID());
      if (s.notifier && !input.SkipDestinationValidation) {
        const missing = await s.notifier.validateAndTest(b.name, config, s.now());
        if (missing.length) {
          throw s3Errors.invalidArgument('Unable to validate the following destination configurations', missing[0], 'Not authorized to invoke function or destination does not exist');
        }
      }
      const empty = !config.QueueConfigurations?.length && !config.TopicConfigurations?.length && !config.LambdaFunctionConfigurations?.length && !config.EventBridgeConfiguration;
      if (empty) delete b.notification;
      else b.notification = config;
      await save(b.name);
      return {};
    },

    GetBucketNotificationConfiguration(input: BucketInput) {
      const b = s.bucket(input.Bucket);
      return b.notification ?? {};
    },

    async PutBucketCors(input: BucketInput & { CORSConfiguration: unknown }) {
      const b = s.bucket(input.Bucket);
      b.cors = input.CORSConfiguration;
      await save(b.name);
      return {};
    },

    GetBucketCors(input: BucketInput) {
      const b = s.bucket(input.Bucket);
      if (b.cors === undefined) throw s3Errors.noSuchCors(b.name);
      return { CORSConfiguration: b.cors };
    },

    async DeleteBucketCors(input: BucketInput) {
      const b = s.bucket(input.Bucket);
      delete b.cors;
      await save(b.name);
      return {};
    },

    /** Kept as sent and returned as is; its expiration rules are applied on the broker clock (lifecycle.ts). */
    async PutBucketLifecycleConfiguration(input: BucketInput & { LifecycleConfiguration: LifecycleConfiguration }) {
      const b = s.bucket(input.Bucket);
      b.lifecycle = input.LifecycleConfiguration;
      await save(b.name);
      s.armLifecycle();
      return {};
    },

    GetBucketLifecycleConfiguration(input: BucketInput) {
      const b = s.bucket(input.Bucket);
      if (b.lifecycle === undefined) throw s3Errors.noSuchLifecycle(b.name);
      return { LifecycleConfiguration: b.lifecycle as LifecycleConfiguration };
    },

    async DeleteBucketLifecycle(input: BucketInput) {
      const b = s.bucket(input.Bucket);
      delete b.lifecycle;
      await save(b.name);
      s.armLifecycle();
      return {};
    },
  };
}

export function owner(s: S3Service): { ID: string; DisplayName: string } {
  // S3's canonical user id is 64 hex digits; the account's, made stable from its number.
  return { ID: Buffer.from(s.ctx.identity.accountId.padEnd(32, '0')).toString('hex').slice(0, 64), DisplayName: 'eventyard' };
}
