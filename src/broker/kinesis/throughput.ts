/**
 * Per-shard provisioned throughput, counted in one-second windows: 1 MiB or 1,000 records per second in,
 * 2 MiB and 5 GetRecords calls per second out. Off unless the broker is told to enforce it, so users can
 * rehearse ProvisionedThroughputExceededException on purpose.
 */
export const WRITE_BYTES_PER_SECOND = 1024 * 1024;
export const WRITE_RECORDS_PER_SECOND = 1000;
export const READ_BYTES_PER_SECOND = 2 * 1024 * 1024;
export const READS_PER_SECOND = 5;

interface Window {
  second: number;
  writeBytes: number;
  writeRecords: number;
  reads: number;
  readBytes: number;
}

export class ShardThroughput {
  private windows = new Map<string, Window>();

  constructor(private readonly enabled: boolean) {}

  private window(key: string, now: number): Window {
    const second = Math.floor(now / 1000);
    let w = this.windows.get(key);
    if (!w || w.second !== second) {
      w = { second, writeBytes: 0, writeRecords: 0, reads: 0, readBytes: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  /** Counts a write of `bytes` (data plus partition key) and says whether the shard had room for it. */
  tryWrite(key: string, bytes: number, now: number): boolean {
    if (!this.enabled) return true;
    const w = this.window(key, now);
    if (w.writeRecords + 1 > WRITE_RECORDS_PER_SECOND || w.writeBytes + bytes > WRITE_BYTES_PER_SECOND) return false;
    w.writeRecords++;
    w.writeBytes += bytes;
    return true;
  }

  /** Counts a GetRecords call; false when this second already had five, or 2 MiB went out. */
  tryRead(key: string, now: number): boolean {
    if (!this.enabled) return true;
    const w = this.window(key, now);
    if (w.reads >= READS_PER_SECOND || w.readBytes >= READ_BYTES_PER_SECOND) return false;
    w.reads++;
    return true;
  }

  recordRead(key: string, bytes: number, now: number): void {
    if (this.enabled) this.window(key, now).readBytes += bytes;
  }

  forget(keyPrefix: string): void {
    for (const key of this.windows.keys()) if (key.startsWith(keyPrefix)) this.windows.delete(key);
  }
}
