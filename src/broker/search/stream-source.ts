import type { StoredRecord } from '../kinesis/stream-state';
import { payloadText } from './payload-text';
import type { OpenedSource, SearchPorts } from './ports';
import type { SearchItem, StreamBound } from './types';

/** Whether a record lies after `from` (inclusive) by sequence number and arrival time, as far as given. */
function atOrAfter(r: StoredRecord, from: StreamBound | undefined): boolean {
  if (!from) return true;
  if (from.timestamp !== undefined && r.arrivedAt < from.timestamp) return false;
  if (from.sequenceNumber !== undefined && BigInt(r.sequenceNumber) < BigInt(from.sequenceNumber)) return false;
  return true;
}

function atOrBefore(r: StoredRecord, to: StreamBound | undefined): boolean {
  if (!to) return true;
  if (to.timestamp !== undefined && r.arrivedAt > to.timestamp) return false;
  if (to.sequenceNumber !== undefined && BigInt(r.sequenceNumber) > BigInt(to.sequenceNumber)) return false;
  return true;
}

/** The first index whose record is at or after `from`: records of a shard are in order of both. */
function firstIndex(records: readonly StoredRecord[], from: StreamBound | undefined): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrAfter(records[mid], from)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** One past the last index whose record is at or before `to`. */
function endIndex(records: readonly StoredRecord[], to: StreamBound | undefined): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrBefore(records[mid], to)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkBound(bound: StreamBound | undefined): void {
  if (bound?.sequenceNumber !== undefined && !/^\d+$/.test(bound.sequenceNumber)) {
    throw new Error(`A sequence number is digits only: ${bound.sequenceNumber}`);
  }
}

/**
 * A stream's records (one shard or all) between two bounds, read from the shards' own arrays. Newest first
 * merges the shards by arrival time; oldest first is the order a reader from the `from` bound sees per shard.
 */
export function openStream(
  ports: SearchPorts,
  name: string,
  opts: { shardId?: string; from?: StreamBound; to?: StreamBound; newestFirst: boolean },
): OpenedSource {
  checkBound(opts.from);
  checkBound(opts.to);
  const shards = ports.kinesis.shardRecords(name).filter((s) => opts.shardId === undefined || s.shardId === opts.shardId);
  if (opts.shardId !== undefined && !shards.length) throw new Error(`Stream ${name} has no shard ${opts.shardId}.`);
  // Each shard's window as of now; records put meanwhile are not part of this search.
  const windows = shards.map((s) => ({ shardId: s.shardId, records: s.records, start: firstIndex(s.records, opts.from), end: endIndex(s.records, opts.to) }));
  const total = windows.reduce((n, w) => n + Math.max(0, w.end - w.start), 0);
  const item = (shardId: string, r: StoredRecord): SearchItem => ({
    kind: 'stream',
    resource: name,
    id: r.sequenceNumber,
    ...binaryAware(r.data),
    at: r.arrivedAt,
    attributes: { PartitionKey: r.partitionKey },
    shardId,
  });
  function* items(): Generator<SearchItem> {
    const cursors = windows.map((w) => ({ ...w, next: opts.newestFirst ? w.end - 1 : w.start }));
    for (;;) {
      let pick = -1;
      for (let i = 0; i < cursors.length; i++) {
        const c = cursors[i];
        if (opts.newestFirst ? c.next < c.start : c.next >= c.end) continue;
        if (pick < 0) {
          pick = i;
          continue;
        }
        const a = c.records[c.next].arrivedAt;
        const b = cursors[pick].records[cursors[pick].next].arrivedAt;
        if (opts.newestFirst ? a > b : a < b) pick = i;
      }
      if (pick < 0) return;
      const c = cursors[pick];
      const record = c.records[c.next];
      c.next += opts.newestFirst ? -1 : 1;
      // Retention may have trimmed the array meanwhile; a record is looked up where it still is.
      if (record) yield item(c.shardId, record);
    }
  }
  return { total, items: items() };
}

function binaryAware(data: Uint8Array): { body: string; binary?: boolean } {
  const text = payloadText(data);
  return text.binary ? { body: text.data, binary: true } : { body: text.data };
}
