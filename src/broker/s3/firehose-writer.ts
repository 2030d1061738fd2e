import { FsObjectWriter } from '../firehose/fs-object-writer';
import type { ObjectWriter } from '../firehose/object-writer';
import { etagOf } from './etag';
import type { S3Service } from './service';

/**
 * Firehose's S3 destination, through S3: its objects are S3 objects (listed, versioned, readable over the
 * wire) and raise the bucket's notifications. Two things stay as Firehose had them: a key that would not be
 * a file inside its bucket's folder is refused (FsObjectWriter's check, so a prefix of `../` delivers
 * nothing and says why), and a bucket that does not exist yet is created, as the folder always was.
 */
export class S3ObjectWriter implements ObjectWriter {
  private readonly paths: FsObjectWriter;

  constructor(
    private readonly s3: S3Service,
    bucketsRoot: string | undefined,
  ) {
    this.paths = new FsObjectWriter(bucketsRoot ?? '/eventyard-buckets');
  }

  async put(bucket: string, key: string, bytes: Uint8Array): Promise<void> {
    this.paths.pathOf(bucket, key);
    if (!this.s3.buckets.has(bucket)) {
      await this.s3.operations.CreateBucket({ Bucket: bucket }).catch((e: unknown) => {
        // Created meanwhile by another delivery: fine; anything else is the delivery's failure.
        if (!this.s3.buckets.has(bucket)) throw e;
      });
    }
    const b = this.s3.bucket(bucket);
    const version = await this.s3.writeVersion(b, key, bytes, { size: bytes.length, etag: etagOf(bytes), contentType: 'binary/octet-stream' });
    this.s3.notify(b, {
      eventName: 'ObjectCreated:Put',
      key,
      size: version.size,
      etag: version.etag.slice(1, -1),
      versionId: version.versionId,
      reason: 'PutObject',
    });
  }
}
