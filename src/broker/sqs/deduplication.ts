import { OrderedSlots } from './ordered-slots';

/** A deduplication record of a FIFO queue: a repeat within five minutes answers with the first message. */
export interface DedupRecord {
  key: string;
  messageId: string;
  sequenceNumber?: string;
  expiresAt: number;
}

const DEDUP_WINDOW_MS = 5 * 60 * 1000;
const keyOf = (r: DedupRecord) => r.key;

/**
 * The five-minute deduplication window of a FIFO queue, by MessageDeduplicationId alone (scope 'queue')
 * or per message group (scope 'messageGroup'). Records are kept oldest first, so expired ones are
 * dropped from the front without a timer.
 */
export class Deduplication {
  private readonly records = new OrderedSlots<DedupRecord>(keyOf);

  find(now: number, scope: string | undefined, groupId: string, deduplicationId: string): DedupRecord | undefined {
    for (let oldest = this.records.first(); oldest && oldest.expiresAt <= now; oldest = this.records.first()) {
      this.records.remove(oldest.key);
    }
    return this.records.get(key(scope, groupId, deduplicationId));
  }

  /** Starts a record; returns it (the store keeps a copy). */
  remember(now: number, scope: string | undefined, groupId: string, deduplicationId: string, messageId: string, sequenceNumber?: string): DedupRecord {
    const k = key(scope, groupId, deduplicationId);
    const record = { key: k, messageId, sequenceNumber, expiresAt: now + DEDUP_WINDOW_MS };
    this.records.add(k, record);
    return record;
  }

  clear(): void {
    this.records.clear();
  }

  /** Records still in the window, oldest first (what the store keeps across a restart). */
  *live(now: number): Generator<DedupRecord> {
    for (const record of this.records.values()) if (record.expiresAt > now) yield record;
  }

  /** Takes back a record the store kept; callers restore oldest first. */
  restore(record: DedupRecord): void {
    this.records.add(record.key, { ...record });
  }
}

function key(scope: string | undefined, groupId: string, deduplicationId: string): string {
  return scope === 'messageGroup' ? `${groupId}\u0000${deduplicationId}` : deduplicationId;
}
