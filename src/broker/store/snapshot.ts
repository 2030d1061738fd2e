import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeFrames, encodeFrame } from './framing';
import { StoreError } from './store-error';

const FORMAT = 'eventyard-store';
const VERSION = 1;
export const SNAPSHOT_FILE = 'snapshot.eyd';

export interface SnapshotHeader {
  format: string;
  version: number;
  /** The first journal generation whose records come after this snapshot. */
  generation: number;
}

export interface LoadedSnapshot {
  generation: number;
  entries: Map<string, unknown>;
  bytes: number;
}

/** Reads the snapshot, if there is one. A snapshot is only ever renamed into place whole, so any flaw is damage. */
export function readSnapshot(dir: string): LoadedSnapshot | undefined {
  const file = path.join(dir, SNAPSHOT_FILE);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  const { values, tornBytes } = decodeFrames(bytes, file);
  const header = values[0] as Partial<SnapshotHeader> | undefined;
  const trailer = values[values.length - 1] as { end?: number } | undefined;
  if (tornBytes || header?.format !== FORMAT || typeof header.generation !== 'number') {
    throw new StoreError(`${file} is not a complete Eventyard snapshot.`);
  }
  if (header.version !== VERSION) {
    throw new StoreError(`${file} was written by another Eventyard version (format ${header.version}, this one reads ${VERSION}).`);
  }
  if (values.length < 2 || trailer?.end !== values.length - 2) throw new StoreError(`${file} is incomplete.`);
  const entries = new Map<string, unknown>();
  for (let i = 1; i < values.length - 1; i++) {
    const [key, value] = values[i] as [string, unknown];
    entries.set(key, value);
  }
  return { generation: header.generation, entries, bytes: bytes.length };
}

/**
 * Writes a snapshot as a whole or not at all: into a temporary file, fsync, rename over the old one, then
 * fsync the folder so the rename itself survives a power cut. Returns the snapshot's size in bytes.
 */
export async function writeSnapshot(dir: string, generation: number, entries: Iterable<[string, unknown]>): Promise<number> {
  const frames: Buffer[] = [encodeFrame({ format: FORMAT, version: VERSION, generation } satisfies SnapshotHeader)];
  let count = 0;
  for (const entry of entries) {
    frames.push(encodeFrame(entry));
    count++;
  }
  frames.push(encodeFrame({ end: count }));
  const file = path.join(dir, SNAPSHOT_FILE);
  const tmp = `${file}.tmp`;
  const handle = await fs.promises.open(tmp, 'w');
  let bytes = 0;
  try {
    for (const frame of frames) bytes += frame.length;
    await handle.writev(frames);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
  syncFolder(dir);
  return bytes;
}

export function syncFolder(dir: string): void {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
