import * as fs from 'node:fs';
import { promisify } from 'node:util';

const writev = promisify(fs.writev);
const fdatasync = promisify(fs.fdatasync);

/** How soon an acknowledged change is on disk: before the answer (`sync`) or within an interval (`fast`). */
export type Durability = 'sync' | 'fast';

interface Batch {
  promise: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  // Nobody may be waiting on a batch (in-process calls); its failure is also kept in Journal.failure.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * The append-only file of state changes, with group commit: every record appended during one turn of the
 * event loop goes out in one write and, in `sync` mode, one fdatasync, after which every caller waiting
 * on that batch is released. Writes are asynchronous so the editor's extension host never blocks on the disk.
 */
export class Journal {
  private pending: Buffer[] = [];
  private open: Batch | undefined;
  /** The batch holding the most recent record, until it is on disk. */
  private tail: Batch | undefined;
  private writing = false;
  private scheduled = false;
  private dirtySinceSync = false;
  private timer: NodeJS.Timeout | undefined;
  private closing = false;
  /** A `fast` mode fsync in progress: the file is not closed or switched under it. */
  private syncing: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];
  /** The first write or sync error; once set, nothing more is written to this file. */
  failure: Error | undefined;

  constructor(
    private fd: number,
    /** Bytes in the file, plus those appended and not yet written. */
    public size: number,
    private readonly durability: Durability,
    fsyncIntervalMs: number,
  ) {
    if (durability === 'fast') {
      // A wall-clock cadence for the disk, not a broker deadline: it does not go through the Scheduler.
      this.timer = setInterval(() => this.syncIfDirty(), fsyncIntervalMs);
      this.timer.unref();
    }
  }

  append(frame: Buffer): void {
    this.pending.push(frame);
    this.size += frame.length;
    if (this.durability === 'sync') {
      this.open ??= newBatch();
      this.tail = this.open;
    }
    this.schedule();
  }

  /** Settles once everything appended so far is on disk; undefined when nothing is waiting for the disk. */
  durable(): Promise<void> | undefined {
    return this.tail?.promise;
  }

  /** Resolves when no write is running or pending (compaction switches files only then). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.syncing) await this.syncing;
      else if (this.writing || this.scheduled || this.pending.length) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      else return;
    }
  }

  /** Continues in another file (after compaction); call only when idle(). Closes the old file. */
  switchTo(fd: number, size: number): void {
    if (this.dirtySinceSync && !this.failure) fs.fdatasyncSync(this.fd);
    fs.closeSync(this.fd);
    this.failure = undefined;
    this.fd = fd;
    this.size = size;
    this.dirtySinceSync = false;
  }

  /** Writes what is pending and closes the file; waits for a write already running. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
    if (this.dirtySinceSync && !this.failure) {
      try {
        fs.fdatasyncSync(this.fd);
      } catch {
        // The process is going away; there is no one left to tell.
      }
    }
    fs.closeSync(this.fd);
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    if (this.writing) return;
    if (this.pending.length === 0) return this.settleIdle();
    this.writing = true;
    const frames = this.pending;
    const batch = this.open;
    this.pending = [];
    this.open = undefined;
    try {
      if (this.failure) throw this.failure;
      await writev(this.fd, frames);
      if (this.durability === 'sync') await fdatasync(this.fd);
      else this.dirtySinceSync = true;
      batch?.resolve();
    } catch (e) {
      this.failure ??= e instanceof Error ? e : new Error(String(e));
      batch?.reject(this.failure);
    } finally {
      if (this.tail === batch) this.tail = undefined;
      this.writing = false;
    }
    if (this.pending.length) {
      if (this.closing) return void this.flush();
      this.schedule();
    } else {
      this.settleIdle();
    }
  }

  private settleIdle(): void {
    if (this.writing || this.scheduled || this.pending.length) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private syncIfDirty(): void {
    if (!this.dirtySinceSync || this.writing || this.syncing || this.failure) return;
    this.dirtySinceSync = false;
    this.syncing = fdatasync(this.fd)
      .catch((e: unknown) => {
        this.failure ??= e instanceof Error ? e : new Error(String(e));
      })
      .finally(() => (this.syncing = undefined));
  }
}
