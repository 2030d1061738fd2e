import { createHash, randomUUID } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, fstatSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { s3Errors } from './errors';
import { AT_KEY, type DataPlace, type ObjectVersion, type SavedBucket, type SavedUpload } from './model';
import type { LoadedBucket, S3Storage } from './storage';

/** Beside the buckets, in names no bucket can have (bucket names start with a letter or digit). */
const META = '.s3';
const PARTIAL = '.partial';

/**
 * The buckets folder: `<root>/<bucket>/<key>` is the object, with the key's slashes as subfolders, so the
 * user opens it in the editor. What S3 knows besides the bytes lives in `<root>/.s3/<bucket>/`:
 * `bucket.json`, `keys/<sha1 of key>.json` (the key's versions), `data/<id>` (bytes that cannot sit at the
 * key's path: older versions, keys that climb out of the bucket or clash with a folder) and
 * `uploads/<uploadId>/` (parts). Every file appears whole: written in `.partial/` and renamed into place.
 * A file put into a bucket's folder by hand (or left by an older Eventyard) is an object at the next start.
 */
export class FsStorage implements S3Storage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file of a key, or undefined when the key cannot be one inside its bucket's folder. */
  keyPath(bucket: string, key: string): string | undefined {
    if (key === '' || key.endsWith('/') || key.includes('\0')) return undefined;
    const bucketDir = join(this.root, bucket);
    const target = resolve(bucketDir, key);
    if (!isInside(bucketDir, target) || relative(bucketDir, target).split(sep).join('/') !== key) return undefined;
    return target;
  }

  filePath(bucket: string, key: string): string | undefined {
    return this.keyPath(bucket, key);
  }

  load(): LoadedBucket[] {
    if (!existsSync(this.root)) return [];
    const loaded: LoadedBucket[] = [];
    for (const entry of readdirSync(this.root, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      loaded.push(this.loadBucket(entry.name));
    }
    return loaded;
  }

  private loadBucket(name: string): LoadedBucket {
    const meta = join(this.root, META, name);
    const saved = readJson<SavedBucket>(join(meta, 'bucket.json')) ?? {
      name,
      createdAt: statSync(join(this.root, name)).birthtimeMs || Date.now(),
      region: '',
    };
    const objects = new Map<string, ObjectVersion[]>();
    for (const file of listFiles(join(meta, 'keys'))) {
      const entry = readJson<{ key: string; versions: ObjectVersion[] }>(file);
      if (!entry) continue;
      // A file the user deleted in the editor is gone: its version goes with it.
      const versions = entry.versions.filter((v) => v.place !== AT_KEY || existsSync(this.keyPath(name, entry.key) ?? ''));
      if (versions.length) objects.set(entry.key, versions);
    }
    // Files nobody told S3 about (dropped in by hand, written by Firehose before S3 kept metadata).
    const bucketDir = join(this.root, name);
    for (const file of listFiles(bucketDir)) {
      const key = relative(bucketDir, file).split(sep).join('/');
      const versions = objects.get(key);
      const stat = statSync(file);
      const known = versions?.find((v) => v.place === AT_KEY);
      if (known && known.size === stat.size && stat.mtimeMs <= known.lastModified + 1000) continue;
      const bytes = readFileSync(file);
      const md5 = createHash('md5').update(bytes).digest('hex');
      // Touched but the same bytes (a broker clock behind the file system's): still the object S3 knows.
      if (known && known.size === bytes.length && known.etag === `"${md5}"`) continue;
      // Unknown, or changed on disk since: what is on disk now is the object.
      const fresh: ObjectVersion = {
        key,
        versionId: known?.versionId ?? 'null',
        size: bytes.length,
        etag: `"${md5}"`,
        lastModified: Math.floor(stat.mtimeMs),
        place: AT_KEY,
        ...(known?.contentType ? { contentType: known.contentType } : {}),
      };
      objects.set(key, known ? versions!.map((v) => (v === known ? fresh : v)) : [fresh, ...(versions ?? [])]);
    }
    const uploads: SavedUpload[] = [];
    for (const dir of listDirs(join(meta, 'uploads'))) {
      const upload = readJson<SavedUpload>(join(dir, 'upload.json'));
      if (upload) uploads.push(upload);
    }
    return { bucket: { ...saved, name }, objects, uploads };
  }

  async createBucket(bucket: string): Promise<void> {
    await mkdir(join(this.root, bucket), { recursive: true });
  }

  async deleteBucket(bucket: string): Promise<void> {
    // a write in flight when the bucket went (its object's metadata) may land in the folder as it is removed
    await rm(join(this.root, META, bucket), { recursive: true, force: true, maxRetries: 5 });
    // Only folders are left (the engine deletes a bucket when it holds no object): remove them, not files.
    await removeEmptyTree(join(this.root, bucket));
  }

  saveBucket(bucket: SavedBucket): Promise<void> {
    return this.writeWhole(join(this.root, META, bucket.name, 'bucket.json'), JSON.stringify(bucket));
  }

  async saveKey(bucket: string, key: string, versions: readonly ObjectVersion[]): Promise<void> {
    const file = join(this.root, META, bucket, 'keys', `${createHash('sha1').update(key).digest('hex')}.json`);
    if (versions.length === 0) await rm(file, { force: true });
    else await this.writeWhole(file, JSON.stringify({ key, versions }));
  }

  async write(bucket: string, key: string, chunks: AsyncIterable<Uint8Array> | Uint8Array, atKey: boolean): Promise<DataPlace> {
    const partial = await this.partialFile();
    try {
      if (chunks instanceof Uint8Array) await writeFile(partial, chunks);
      else await pipeline(Readable.from(chunks), createWriteStream(partial));
      const target = atKey ? this.keyPath(bucket, key) : undefined;
      if (target && (await this.moveInto(partial, target))) return AT_KEY;
      const id = randomUUID();
      await mkdir(join(this.root, META, bucket, 'data'), { recursive: true });
      await rename(partial, this.asidePath(bucket, id));
      return id;
    } catch (e) {
      await rm(partial, { force: true });
      throw e;
    }
  }

  read(bucket: string, key: string, place: DataPlace, start?: number, end?: number, size?: number): AsyncIterable<Uint8Array> {
    const path = this.placePath(bucket, key, place);
    if (end !== undefined && end < (start ?? 0)) return Readable.from([]);
    // Opened now, while the object is the one S3 found: a delete or overwrite that lands before the answer
    // is streamed replaces the path, not this open file, so the reader gets whole bytes instead of an answer
    // cut after its headers.
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw s3Errors.noSuchKey(key);
      throw e;
    }
    if (size !== undefined && fstatSync(fd).size !== size) {
      closeSync(fd);
      throw s3Errors.slowDown();
    }
    return createReadStream(path, { fd, start, end });
  }

  async remove(bucket: string, key: string, place: DataPlace): Promise<void> {
    const path = this.placePath(bucket, key, place);
    await rm(path, { force: true });
    if (place === AT_KEY) await this.pruneFolders(bucket, dirname(path));
  }

  async moveAside(bucket: string, key: string, place: DataPlace): Promise<DataPlace> {
    if (place !== AT_KEY) return place;
    const id = randomUUID();
    await mkdir(join(this.root, META, bucket, 'data'), { recursive: true });
    const from = this.placePath(bucket, key, place);
    await rename(from, this.asidePath(bucket, id));
    await this.pruneFolders(bucket, dirname(from));
    return id;
  }

  saveUpload(upload: SavedUpload): Promise<void> {
    return this.writeWhole(join(this.uploadDir(upload.bucket, upload.uploadId), 'upload.json'), JSON.stringify(upload));
  }

  async writePart(bucket: string, uploadId: string, partNumber: number, bytes: Uint8Array): Promise<void> {
    await this.writeWhole(join(this.uploadDir(bucket, uploadId), String(partNumber)), bytes);
  }

  readPart(bucket: string, uploadId: string, partNumber: number): AsyncIterable<Uint8Array> {
    return createReadStream(join(this.uploadDir(bucket, uploadId), String(partNumber)));
  }

  async deleteUpload(bucket: string, uploadId: string): Promise<void> {
    await rm(this.uploadDir(bucket, uploadId), { recursive: true, force: true });
  }

  private uploadDir(bucket: string, uploadId: string): string {
    // Upload ids are the broker's own (hex); anything else never reaches here, but confine anyway.
    return join(this.root, META, bucket, 'uploads', uploadId.replace(/[^A-Za-z0-9_-]/g, '_'));
  }

  private asidePath(bucket: string, id: string): string {
    return join(this.root, META, bucket, 'data', id.replace(/[^A-Za-z0-9_-]/g, '_'));
  }

  private placePath(bucket: string, key: string, place: DataPlace): string {
    if (place !== AT_KEY) return this.asidePath(bucket, place);
    const path = this.keyPath(bucket, key);
    if (!path) throw new Error(`object key ${JSON.stringify(key)} has no file in bucket ${bucket}`);
    return path;
  }

  private async partialFile(): Promise<string> {
    const dir = join(this.root, PARTIAL);
    await mkdir(dir, { recursive: true });
    return join(dir, randomUUID());
  }

  /** Renames a finished file onto the key's path; false when the key cannot be a file there. */
  private async moveInto(partial: string, target: string): Promise<boolean> {
    try {
      await mkdir(dirname(target), { recursive: true });
      await rename(partial, target);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // another key's file or folder in the way, or a key segment longer than a file name may be (S3 keys
      // run to 1,024 bytes, file names to 255): the bytes go aside, under the object's id
      if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'ENAMETOOLONG') return false;
      throw e;
    }
  }

  private async writeWhole(file: string, bytes: string | Uint8Array): Promise<void> {
    const partial = await this.partialFile();
    try {
      await writeFile(partial, bytes);
      await mkdir(dirname(file), { recursive: true });
      await rename(partial, file);
    } catch (e) {
      await rm(partial, { force: true });
      throw e;
    }
  }

  /** Folders left empty by a removed object go too, as S3 has no folders, up to the bucket's own. */
  private async pruneFolders(bucket: string, dir: string): Promise<void> {
    const bucketDir = join(this.root, bucket);
    for (let d = dir; isInside(bucketDir, d); d = dirname(d)) {
      try {
        await rmdir(d);
      } catch {
        return;
      }
    }
  }
}

function isInside(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(dir, e.name));
}

async function removeEmptyTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await removeEmptyTree(join(dir, entry.name));
  }
  await rmdir(dir).catch(() => undefined);
}
