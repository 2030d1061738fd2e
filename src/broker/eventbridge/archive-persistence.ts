import type { StateWriter } from '../store/state-writer';
import type { ArchivedEvent, SavedArchive, SavedReplay } from './archive-model';
import { saveArchive } from './archives';
import type { EventBridgeEvent } from './events';
import { saveReplay } from './replays';
import type { EventBridgeService } from './service';

/**
 * Archives and replays as store entries, beside the buses and rules of ./persistence.ts:
 * `events/archive/a/<archive>` an archive's settings, `events/archive/e/<archive>/<seq>` each archived event
 * (one entry each, so archiving an event appends one small entry and retention deletes entries), and
 * `events/archive/r/<replay>` a replay with its progress. Archive names hold no '/'.
 */
const archiveKey = (name: string) => `events/archive/a/${name}`;
const eventPrefix = (archive: string) => `events/archive/e/${archive}/`;
// Zero-padded so a snapshot lists an archive's events in order.
const eventKey = (archive: string, seq: number) => `${eventPrefix(archive)}${String(seq).padStart(12, '0')}`;
const replayKey = (name: string) => `events/archive/r/${name}`;

/** Writes an archive or replay change; false for the other EventBridge events. */
export function recordArchiveChange(writer: StateWriter, event: EventBridgeEvent): boolean {
  switch (event.type) {
    case 'archiveChanged':
      writer.put(archiveKey(event.archive.name), event.archive);
      return true;
    case 'archiveDeleted':
      writer.delete(archiveKey(event.archiveName));
      writer.deletePrefix(eventPrefix(event.archiveName));
      return true;
    case 'archiveEventAdded':
      writer.put(eventKey(event.archiveName, event.entry.seq), event.entry);
      return true;
    case 'archiveEventsExpired':
      for (const seq of event.seqs) writer.delete(eventKey(event.archiveName, seq));
      return true;
    case 'replayChanged':
      writer.put(replayKey(event.replay.name), event.replay);
      return true;
    case 'replayDeleted':
      writer.delete(replayKey(event.replayName));
      return true;
    default:
      return false;
  }
}

export function* collectArchives(events: EventBridgeService): Generator<[string, unknown]> {
  for (const archive of events.state.archives.values()) {
    yield [archiveKey(archive.name), saveArchive(archive)];
    for (const entry of archive.events) yield [eventKey(archive.name, entry.seq), entry];
  }
  for (const replay of events.state.replays.values()) yield [replayKey(replay.name), saveReplay(replay)];
}

/** After buses and rules: archives, their events, then replays (which may resume and read the archives). */
export function restoreArchives(events: EventBridgeService, entries: Map<string, unknown>): void {
  for (const [key, value] of entries) if (key.startsWith('events/archive/a/')) events.restoreArchive(value as SavedArchive);
  for (const [key, value] of entries) {
    if (!key.startsWith('events/archive/e/')) continue;
    const archive = key.slice('events/archive/e/'.length, key.lastIndexOf('/'));
    events.restoreArchivedEvent(archive, value as ArchivedEvent);
  }
  events.restoredArchives();
  for (const [key, value] of entries) if (key.startsWith('events/archive/r/')) events.restoreReplay(value as SavedReplay);
}
