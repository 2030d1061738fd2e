import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ObjectWriter } from './object-writer';

/**
 * A folder stands for S3: `<bucketsRoot>/<bucket>/<key>`, with the key's slashes as subfolders. Keys that
 * would climb out of the bucket's folder ("../") are refused rather than written elsewhere on disk.
 * Objects appear whole, as in S3: each is written aside (in `.partial/`, which no bucket name can be)
 * and renamed into place, so a watcher never reads half an object.
 */
export class FsObjectWriter implements ObjectWriter {
  constructor(readonly bucketsRoot: string) {}

  pathOf(bucket: string, key: string): string {
    // S3's bucket naming rules: no slashes, and no name such as ".." that is a path step of its own.
    if (!/^[a-z0-9](?:[a-z0-9.-]{0,61}[a-z0-9])?$/.test(bucket) || bucket.includes('..')) {
      throw new Error(`bucket name ${JSON.stringify(bucket)} is not a valid S3 bucket name`);
    }
    const bucketDir = resolve(this.bucketsRoot, bucket);
    const target = resolve(bucketDir, key);
    if (key.includes('\0') || !isInside(bucketDir, target) || !isInside(resolve(this.bucketsRoot), bucketDir)) {
      throw new Error(`object key ${JSON.stringify(key)} does not fit in bucket ${bucket}`);
    }
    return target;
  }

  async put(bucket: string, key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(bucket, key);
    const partialDir = join(this.bucketsRoot, '.partial');
    const partial = join(partialDir, randomUUID());
    await mkdir(partialDir, { recursive: true });
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(partial, bytes);
      await rename(partial, path);
    } catch (e) {
      await rm(partial, { force: true });
      throw e;
    }
  }
}

function isInside(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}
