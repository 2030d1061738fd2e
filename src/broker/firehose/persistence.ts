import type { DeliveryStreamType } from './api';
import { DeliveryStreamState } from './delivery-stream';
import type { Destination } from './destinations';
import type { FirehoseEvent } from './events';
import type { FirehoseService } from './service';
import type { BufferedRecord } from './transform';
import type { ServicePersistence } from '../store/service-persistence';
import type { StateWriter } from '../store/state-writer';

/**
 * Firehose as store entries: `fh/s/<name>` a delivery stream's configuration and counters,
 * `fh/b/<name>/<recordId>` a record buffered for the next delivery. Buffered records stay kept until a
 * delivery of the stream completes; then the kept buffer is rewritten as it stands (at least once: a
 * crash mid-delivery delivers that batch again, but one while two deliveries were queued may lose the
 * second batch).
 */
const streamKey = (name: string) => `fh/s/${name}`;
const bufferPrefix = (name: string) => `fh/b/${name}/`;

interface SavedDeliveryStream {
  name: string;
  arn: string;
  type: DeliveryStreamType;
  createdAt: number;
  destination: Destination;
  source?: { KinesisStreamARN: string; RoleARN: string };
  tags: [string, string][];
  nextRecordId: number;
  deliveredObjects: number;
  lastObjectKey?: string;
}

interface SavedRecord {
  id: string;
  d: string;
  t: number;
}

export class FirehosePersistence implements ServicePersistence {
  constructor(
    private readonly firehose: FirehoseService,
    private readonly writer: StateWriter,
  ) {}

  record(event: FirehoseEvent): void {
    const name = event.deliveryStreamName;
    switch (event.type) {
      case 'deliveryStreamDeleted':
        this.writer.delete(streamKey(name));
        this.writer.deletePrefix(bufferPrefix(name));
        return;
      case 'deliveryStreamCreated':
      case 'deliveryStreamTagged':
        this.putStream(name);
        return;
      case 'recordsPut': {
        const s = this.firehose.deliveryStreamNamed(name);
        // The records just put are the last ones of the buffer: the event comes straight after they are added.
        if (s) for (const r of s.buffer.slice(-event.count)) this.writer.put(bufferPrefix(name) + r.recordId, saveRecord(r));
        return;
      }
      default: {
        const s = this.firehose.deliveryStreamNamed(name);
        if (!s) return;
        this.putStream(name);
        this.writer.deletePrefix(bufferPrefix(name));
        for (const r of s.buffer) this.writer.put(bufferPrefix(name) + r.recordId, saveRecord(r));
      }
    }
  }

  private putStream(name: string): void {
    const s = this.firehose.deliveryStreamNamed(name);
    if (s) this.writer.put(streamKey(name), saveStream(s));
  }

  *collect(): Generator<[string, unknown]> {
    for (const s of this.firehose.allDeliveryStreams()) {
      yield [streamKey(s.name), saveStream(s)];
      for (const r of s.buffer) yield [bufferPrefix(s.name) + r.recordId, saveRecord(r)];
    }
  }

  restore(entries: Map<string, unknown>): void {
    const buffers = new Map<string, BufferedRecord[]>();
    for (const [key, value] of entries) {
      if (!key.startsWith('fh/b/')) continue;
      const name = key.slice(5, key.indexOf('/', 5));
      const saved = value as SavedRecord;
      const list = buffers.get(name) ?? [];
      list.push({ recordId: saved.id, data: Buffer.from(saved.d, 'base64'), arrivedAt: saved.t });
      buffers.set(name, list);
    }
    for (const [key, value] of entries) {
      if (!key.startsWith('fh/s/')) continue;
      const saved = value as SavedDeliveryStream;
      const s = new DeliveryStreamState(saved.name, saved.arn, saved.type, saved.createdAt, saved.destination, saved.source);
      for (const [k, v] of saved.tags) s.tags.set(k, v);
      s.nextRecordId = saved.nextRecordId;
      s.deliveredObjects = saved.deliveredObjects;
      s.lastObjectKey = saved.lastObjectKey;
      // Record ids start with the zero-padded arrival counter, so sorting by id restores arrival order.
      const buffered = (buffers.get(saved.name) ?? []).sort((a, b) => (a.recordId < b.recordId ? -1 : 1));
      this.firehose.restoreDeliveryStream(s, buffered);
    }
  }
}

function saveStream(s: DeliveryStreamState): SavedDeliveryStream {
  return {
    name: s.name,
    arn: s.arn,
    type: s.type,
    createdAt: s.createdAt,
    destination: s.destination,
    source: s.source,
    tags: [...s.tags],
    nextRecordId: s.nextRecordId,
    deliveredObjects: s.deliveredObjects,
    lastObjectKey: s.lastObjectKey,
  };
}

function saveRecord(r: BufferedRecord): SavedRecord {
  return { id: r.recordId, d: r.data.toString('base64'), t: r.arrivedAt };
}
