/**
 * Where Firehose lands objects: a bucket name and a key, as S3 would take them. The engine only knows this
 * interface; the filesystem folder that stands for buckets (fs-object-writer.ts) or memory sits behind it.
 */
export interface ObjectWriter {
  put(bucket: string, key: string, bytes: Uint8Array): Promise<void>;
}

/** Keeps objects in memory: for a broker with no buckets folder configured, and for tests. */
export class MemoryObjectWriter implements ObjectWriter {
  readonly objects = new Map<string, Buffer>();

  async put(bucket: string, key: string, bytes: Uint8Array): Promise<void> {
    this.objects.set(`${bucket}/${key}`, Buffer.from(bytes));
  }
}
