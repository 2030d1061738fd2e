import { randomUUID } from 'node:crypto';
import { AT_KEY, type DataPlace, type ObjectVersion, type SavedBucket, type SavedUpload } from './model';
import type { LoadedBucket, S3Storage } from './storage';

/** S3 without a buckets folder: bytes in memory, nothing survives the broker. */
export class MemoryStorage implements S3Storage {
  private readonly data = new Map<string, Buffer>();

  load(): LoadedBucket[] {
    return [];
  }

  async createBucket(): Promise<void> {}

  async deleteBucket(bucket: string): Promise<void> {
    for (const k of this.data.keys()) if (k.startsWith(`${bucket}\0`)) this.data.delete(k);
  }

  async saveBucket(_bucket: SavedBucket): Promise<void> {}

  async saveKey(_bucket: string, _key: string, _versions: readonly ObjectVersion[]): Promise<void> {}

  async write(bucket: string, key: string, chunks: AsyncIterable<Uint8Array> | Uint8Array, atKey: boolean): Promise<DataPlace> {
    const place = atKey ? AT_KEY : randomUUID();
    const parts: Buffer[] = [];
    if (chunks instanceof Uint8Array) parts.push(Buffer.from(chunks));
    else for await (const c of chunks) parts.push(Buffer.from(c));
    this.data.set(this.id(bucket, key, place), Buffer.concat(parts));
    return place;
  }

  async *read(bucket: string, key: string, place: DataPlace, start = 0, end?: number): AsyncIterable<Uint8Array> {
    const bytes = this.data.get(this.id(bucket, key, place)) ?? Buffer.alloc(0);
    yield bytes.subarray(start, end === undefined ? undefined : end + 1);
  }

  async remove(bucket: string, key: string, place: DataPlace): Promise<void> {
    this.data.delete(this.id(bucket, key, place));
  }

  async moveAside(bucket: string, key: string, place: DataPlace): Promise<DataPlace> {
    if (place !== AT_KEY) return place;
    const aside = randomUUID();
    const bytes = this.data.get(this.id(bucket, key, place));
    this.data.delete(this.id(bucket, key, place));
    if (bytes) this.data.set(this.id(bucket, key, aside), bytes);
    return aside;
  }

  async saveUpload(_upload: SavedUpload): Promise<void> {}

  async writePart(bucket: string, uploadId: string, partNumber: number, bytes: Uint8Array): Promise<void> {
    this.data.set(`${bucket}\0upload\0${uploadId}\0${partNumber}`, Buffer.from(bytes));
  }

  async *readPart(bucket: string, uploadId: string, partNumber: number): AsyncIterable<Uint8Array> {
    yield this.data.get(`${bucket}\0upload\0${uploadId}\0${partNumber}`) ?? Buffer.alloc(0);
  }

  async deleteUpload(bucket: string, uploadId: string): Promise<void> {
    const prefix = `${bucket}\0upload\0${uploadId}\0`;
    for (const k of this.data.keys()) if (k.startsWith(prefix)) this.data.delete(k);
  }

  private id(bucket: string, key: string, place: DataPlace): string {
    return place === AT_KEY ? `${bucket}\0key\0${key}` : `${bucket}\0aside\0${place}`;
  }
}
