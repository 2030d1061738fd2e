import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import type { ObjectWriter } from './object-writer';

/**
 * A folder stands for S3: `<bucketsRoot>/<bucket>/<key>`, with the key's slashes as subfolders. Keys that
 * would climb out of the bucket's folder ("../") are refused rather than written elsewhere on disk.
 */
export class FsObjectWriter implements ObjectWriter {
  constructor(readonly bucketsRoot: string) {}

  pathOf(bucket: string, key: string): string {
    const bucketDir = resolve(this.bucketsRoot, bucket);
    const target = resolve(bucketDir, key);
    const inside = relative(bucketDir, target);
    if (!/^[a-z0-9.-]{1,255}$/i.test(bucket) || inside === '' || inside.startsWith('..') || inside.startsWith(sep)) {
      throw new Error(`object key ${JSON.stringify(key)} does not fit in bucket ${bucket}`);
    }
    return target;
  }

  async put(bucket: string, key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(bucket, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }
}
