import type { FirehoseEvent } from './events';
import type { BufferedRecordRef, SavedDeliveryStream } from './saved';
import type { FirehoseService } from './service';
import type { BufferedRecord } from './transform';
import { EnginePersistence } from '../store/service-persistence';

/**
 * Firehose as store entries: `fh/s/<name>` a delivery stream's configuration and counters,
 * `fh/b/<name>/<recordId>` a record buffered for the next delivery. Buffered records stay kept until a
 * delivery of the stream completes; then the kept buffer is rewritten as it stands (at least once: a
 * crash mid-delivery delivers that batch again, but one while two deliveries were queued may lose the
 * second batch). Every event carries what it changed, so recording one reads nothing back from the engine.
 */
const streamKey = (name: string) => `fh/s/${name}`;
const bufferPrefix = (name: string) => `fh/b/${name}/`;

interface SavedRecord {
  id: string;
  d: string;
  t: number;
}

export class FirehosePersistence extends EnginePersistence<FirehoseService> {
  record(event: FirehoseEvent): void {
    const name = event.deliveryStreamName;
    switch (event.type) {
      case 'deliveryStreamDeleted':
        this.writer.delete(streamKey(name));
        this.writer.deletePrefix(bufferPrefix(name));
        return;
      case 'deliveryStreamCreated':
      case 'deliveryStreamTagged':
        this.writer.put(streamKey(name), event.deliveryStream);
        return;
      case 'recordsPut':
        for (const r of event.records) this.writer.put(bufferPrefix(name) + r.recordId, saveRecord(r));
        return;
      default:
        // A delivery of a stream deleted meanwhile carries no state: nothing of it is kept.
        if (!event.deliveryStream) return;
        this.writer.put(streamKey(name), event.deliveryStream);
        this.writer.deletePrefix(bufferPrefix(name));
        for (const r of event.buffered ?? []) this.writer.put(bufferPrefix(name) + r.recordId, saveRecord(r));
    }
  }

  *collect(): Generator<[string, unknown]> {
    for (const { deliveryStream, buffered } of this.engine.savedDeliveryStreams()) {
      yield [streamKey(deliveryStream.name), deliveryStream];
      for (const r of buffered) yield [bufferPrefix(deliveryStream.name) + r.recordId, saveRecord(r)];
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
      // Record ids start with the zero-padded arrival counter, so sorting by id restores arrival order.
      const buffered = (buffers.get(saved.name) ?? []).sort((a, b) => (a.recordId < b.recordId ? -1 : 1));
      this.engine.restoreDeliveryStream(saved, buffered);
    }
  }
}

function saveRecord(r: BufferedRecordRef): SavedRecord {
  const data = Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength);
  return { id: r.recordId, d: data.toString('base64'), t: r.arrivedAt };
}
