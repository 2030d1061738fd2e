import type { DataPlace, ObjectVersion, SavedBucket, SavedUpload } from './model';

/** A bucket as found when the broker starts: its settings, every key's versions, its unfinished uploads. */
export interface LoadedBucket {
  bucket: SavedBucket;
  objects: Map<string, ObjectVersion[]>;
  uploads: SavedUpload[];
}

/**
 * Where S3 keeps bytes and what it knows about them. The engine decides; the storage only stores. A folder
 * (fs-storage.ts: objects are the files the user opens) or memory (memory-storage.ts: no buckets folder).
 */
export interface S3Storage {
  /** Everything there is, once, when the broker is built. */
  load(): LoadedBucket[];
  createBucket(bucket: string): Promise<void>;
  deleteBucket(bucket: string): Promise<void>;
  saveBucket(bucket: SavedBucket): Promise<void>;
  /** The versions of a key, newest first; none forgets the key. */
  saveKey(bucket: string, key: string, versions: readonly ObjectVersion[]): Promise<void>;
  /**
   * Writes bytes, at the key's own path when `atKey` and the key can be a file there, else aside; says
   * where. `chunks` are concatenated (a completed multipart upload is its parts in order).
   */
  write(bucket: string, key: string, chunks: AsyncIterable<Uint8Array> | Uint8Array, atKey: boolean): Promise<DataPlace>;
  /**
   * Bytes `start` to `end` inclusive (default all), as they come. With `size`, the bytes must still be that
   * long: a PutObject renames its file onto the key's path a moment before the engine records it, and a read
   * in that moment would mix the new file's bytes into the old version's answer (a retryable SlowDown instead).
   */
  read(bucket: string, key: string, place: DataPlace, start?: number, end?: number, size?: number): AsyncIterable<Uint8Array>;
  remove(bucket: string, key: string, place: DataPlace): Promise<void>;
  /** Moves a version's bytes away from the key's path (a newer version takes it), saying where to. */
  moveAside(bucket: string, key: string, place: DataPlace): Promise<DataPlace>;
  saveUpload(upload: SavedUpload): Promise<void>;
  writePart(bucket: string, uploadId: string, partNumber: number, bytes: Uint8Array): Promise<void>;
  readPart(bucket: string, uploadId: string, partNumber: number): AsyncIterable<Uint8Array>;
  deleteUpload(bucket: string, uploadId: string): Promise<void>;
  /** The file a key's bytes are at when they sit at the key's path (a folder's storage only), for the editor to open. */
  filePath?(bucket: string, key: string): string | undefined;
}

/** Reads a whole stream of chunks into one buffer. */
export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength));
  return Buffer.concat(parts);
}
