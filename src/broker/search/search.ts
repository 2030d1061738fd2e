/**
 * One search over queues, topic outboxes, streams and delivery objects: each target opened in turn, its
 * items tested against the compiled query, the matches handed out in batches with running counts. Reads
 * only (peek, the outbox, the shards' arrays, GetObject): a search never receives, moves or changes anything.
 */
import { openDeliveryObjects } from './delivery-source';
import { openOutbox } from './outbox-source';
import type { OpenedSource, SearchPorts } from './ports';
import { compileQuery, type MessageQuery } from './query';
import { openQueue } from './queue-source';
import { openStream } from './stream-source';
import type { SearchBatch, SearchItem, SearchTarget } from './types';

export interface SearchOptions {
  /** Newest first (the default) where the target has an order; oldest first otherwise. */
  newestFirst?: boolean;
  /** Stop after this many matches (default: no limit). */
  limit?: number;
  /** A batch is handed out after this many items were read, or as soon as this many matched (default 2,000 / 200). */
  scanBatch?: number;
  matchBatch?: number;
  /** Stops the search between two items. */
  signal?: AbortSignal;
}

function open(ports: SearchPorts, target: SearchTarget, newestFirst: boolean): OpenedSource {
  switch (target.kind) {
    case 'queue':
      return openQueue(ports, target.name, target.states, newestFirst);
    case 'topic':
      return openOutbox(ports, target.name, newestFirst);
    case 'stream':
      return openStream(ports, target.name, { shardId: target.shardId, from: target.from, to: target.to, newestFirst });
    case 'deliveryStream':
      return openDeliveryObjects(ports, target.name, newestFirst);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs a query over the targets. Throws SearchQueryError at once for a query that cannot run; a target that
 * cannot be read (it does not exist) is reported in `failures` and the others are still searched. The last
 * batch has `done` set.
 */
export async function* searchMessages(
  ports: SearchPorts,
  targets: SearchTarget[],
  query: MessageQuery,
  options: SearchOptions = {},
): AsyncGenerator<SearchBatch> {
  const test = compileQuery(query);
  const newestFirst = options.newestFirst ?? true;
  const limit = options.limit ?? Infinity;
  const scanBatch = options.scanBatch ?? 2000;
  const matchBatch = options.matchBatch ?? 200;
  const failures: SearchBatch['failures'] = [];
  const opened: { target: SearchTarget; source: OpenedSource }[] = [];
  for (const target of targets) {
    try {
      opened.push({ target, source: open(ports, target, newestFirst) });
    } catch (e) {
      failures.push({ resource: target.name, error: errorText(e) });
    }
  }
  const total = opened.reduce((n, o) => n + o.source.total, 0);
  let scanned = 0;
  let matched = 0;
  let items: SearchItem[] = [];
  let sinceBatch = 0;
  const batch = (done: boolean): SearchBatch => {
    const out = { items, scanned, matched, total: Math.max(total, scanned), done, failures: [...failures] };
    items = [];
    sinceBatch = 0;
    return out;
  };
  outer: for (const { target, source } of opened) {
    try {
      for await (const item of source.items) {
        if (options.signal?.aborted) break outer;
        scanned++;
        sinceBatch++;
        if (await test(item)) {
          matched++;
          items.push(item);
          if (matched >= limit) break outer;
        }
        if (items.length >= matchBatch || sinceBatch >= scanBatch) yield batch(false);
      }
    } catch (e) {
      failures.push({ resource: target.name, error: errorText(e) });
    }
  }
  yield batch(true);
}
