import * as fs from 'node:fs';
import * as path from 'node:path';
import { lockDataDir } from './data-lock';
import { decodeFrames, encodeFrame } from './framing';
import { Durability, Journal } from './journal';
import { readSnapshot, syncFolder, writeSnapshot } from './snapshot';
import { StoreError } from './store-error';

export interface StoreOptions {
  dataDir: string;
  durability: Durability;
  /** Refuse changes that add data once snapshot and journal together reach this many bytes. */
  maxBytes?: number;
  /** `fast` mode: how often the journal is fsynced (ms). */
  fsyncIntervalMs?: number;
  /** Compact once the journal exceeds both this many bytes and the size of the last snapshot. */
  compactAfterBytes?: number;
}

/** A journal record: put a state entry, delete one, or delete every entry under a key prefix. */
type JournalRecord = { p: string; v: unknown } | { d: string } | { x: string };

const RECLAIM_AFTER_BYTES = 64 * 1024;
const RETRY_COMPACTION_MS = 5000;
const JOURNAL = /^journal-(\d+)\.log$/;
const journalName = (generation: number) => `journal-${String(generation).padStart(10, '0')}.log`;

/**
 * Durable broker state as a key-value log: services describe each changed entity (a queue, a message, a
 * stream's records) as an entry, the store appends the change to the journal, and a restart replays the
 * last snapshot plus the journal into the same entries. Compaction writes the live entries (asked of the
 * services through `collect`) as a new snapshot and starts a new journal generation.
 */
export class Store {
  private journal: Journal;
  private generation: number;
  private snapshotBytes: number;
  private compacting: Promise<void> | undefined;
  private lastFailedCompaction = 0;
  private closed = false;
  private readonly unlock: () => void;
  private loaded: Map<string, unknown> | undefined;
  /** Journal bytes dropped at start because a crash cut the last write short. */
  readonly tornBytesDropped: number;
  /** Every live entry of the broker, in order; set by the broker once services are restored. */
  collect: (() => Iterable<[string, unknown]>) | undefined;

  private constructor(private readonly options: StoreOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    this.unlock = lockDataDir(options.dataDir);
    try {
      const snapshot = readSnapshot(options.dataDir);
      const entries = snapshot?.entries ?? new Map<string, unknown>();
      this.snapshotBytes = snapshot?.bytes ?? 0;
      const generations = this.journalGenerations();
      const first = snapshot?.generation ?? generations[0] ?? 0;
      let torn = 0;
      let last = first;
      let lastSize = 0;
      for (const generation of generations) {
        const file = path.join(options.dataDir, journalName(generation));
        if (generation < first) {
          // Left behind by a compaction that finished but could not delete it.
          fs.rmSync(file, { force: true });
          continue;
        }
        const bytes = fs.readFileSync(file);
        const decoded = decodeFrames(bytes, file);
        for (const record of decoded.values) applyRecord(entries, record as JournalRecord, file);
        if (decoded.tornBytes) {
          fs.truncateSync(file, decoded.validLength);
          torn += decoded.tornBytes;
        }
        last = generation;
        lastSize = decoded.validLength;
      }
      this.tornBytesDropped = torn;
      this.generation = last;
      this.loaded = entries;
      const fd = fs.openSync(path.join(options.dataDir, journalName(last)), 'a');
      this.journal = new Journal(fd, lastSize, options.durability, options.fsyncIntervalMs ?? 200);
    } catch (e) {
      this.unlock();
      if (e instanceof StoreError) throw e;
      throw new StoreError(`Cannot use the data folder ${options.dataDir}: ${(e as Error).message}`);
    }
  }

  /** Opens (creating if needed) and reads a data folder; throws StoreError with a message for the user. */
  static open(options: StoreOptions): Store {
    try {
      return new Store(options);
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError(`Cannot use the data folder ${options.dataDir}: ${(e as Error).message}`);
    }
  }

  /** The entries read at start, once: the services rebuild themselves from them. */
  takeLoaded(): Map<string, unknown> {
    const entries = this.loaded ?? new Map<string, unknown>();
    this.loaded = undefined;
    return entries;
  }

  get bytes(): number {
    return this.snapshotBytes + this.journal.size;
  }

  /** Why changes cannot be kept right now (disk full, write failed), or undefined when they can. */
  get unavailable(): string | undefined {
    if (this.journal.failure) {
      this.compactSoon();
      return `writing Eventyard's data folder failed (${this.journal.failure.message})`;
    }
    const max = this.options.maxBytes;
    if (max !== undefined && this.bytes >= max) {
      // Compaction frees only what the journal holds beyond the live state: try once enough has been
      // written since the last one (deletes, say), not on every refused request.
      if (this.journal.size >= RECLAIM_AFTER_BYTES) this.compactSoon();
      return `Eventyard's data folder reached its size limit of ${max} bytes`;
    }
    return undefined;
  }

  put(key: string, value: unknown): void {
    this.append({ p: key, v: value });
  }

  delete(key: string): void {
    this.append({ d: key });
  }

  deletePrefix(prefix: string): void {
    this.append({ x: prefix });
  }

  /** Settles when every change made so far is on disk (`sync` mode); undefined when none is waiting. */
  durable(): Promise<void> | undefined {
    return this.journal.durable();
  }

  /** Writes the live state as a new snapshot and starts a new, empty journal. */
  compact(): Promise<void> {
    this.compacting ??= this.runCompaction().finally(() => (this.compacting = undefined));
    return this.compacting;
  }

  /** Flushes and closes; the folder can be opened again once this settles. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.compacting?.catch(() => undefined);
    await this.journal.close();
    this.unlock();
  }

  private append(record: JournalRecord): void {
    if (this.closed) return;
    this.journal.append(encodeFrame(record));
    const threshold = Math.max(this.options.compactAfterBytes ?? 64 * 1024 * 1024, this.snapshotBytes);
    if (this.journal.size > threshold) this.compactSoon();
  }

  private compactSoon(): void {
    if (this.compacting || this.closed || !this.collect) return;
    // On a disk that refuses the snapshot too, retry now and then rather than on every request.
    if (Date.now() - this.lastFailedCompaction < RETRY_COMPACTION_MS) return;
    void this.compact().catch(() => (this.lastFailedCompaction = Date.now()));
  }

  private async runCompaction(): Promise<void> {
    const collect = this.collect;
    if (!collect || this.closed) return;
    await this.journal.idle();
    if (this.closed) return;
    const dir = this.options.dataDir;
    const previous = this.generation;
    const next = previous + 1;
    // From here on new changes go to the next journal; the snapshot holds everything before them, so a
    // journal that failed (disk full) is left behind whole and writing can start afresh.
    const fd = fs.openSync(path.join(dir, journalName(next)), 'a');
    this.journal.switchTo(fd, 0);
    this.generation = next;
    try {
      this.snapshotBytes = await writeSnapshot(dir, next, collect());
    } catch (e) {
      this.journal.failure ??= e instanceof Error ? e : new Error(String(e));
      throw e;
    }
    for (const generation of this.journalGenerations()) {
      if (generation < next) await fs.promises.rm(path.join(dir, journalName(generation)), { force: true });
    }
    syncFolder(dir);
  }

  private journalGenerations(): number[] {
    return fs
      .readdirSync(this.options.dataDir)
      .map((name) => JOURNAL.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }
}

function applyRecord(entries: Map<string, unknown>, record: JournalRecord, file: string): void {
  if ('p' in record) entries.set(record.p, record.v);
  else if ('d' in record) entries.delete(record.d);
  else if ('x' in record) {
    for (const key of entries.keys()) if (key.startsWith(record.x)) entries.delete(key);
  } else throw new StoreError(`${file} holds a record this Eventyard does not know.`);
}
