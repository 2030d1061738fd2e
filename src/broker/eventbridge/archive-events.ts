import type { ArchivedEvent, SavedArchive, SavedReplay } from './archive-model';

/**
 * Change events of archives and replays. Each carries what changed, so the store writes it without reading
 * the engine back (./persistence.ts, archive part).
 */
export type EventBridgeArchiveEvent =
  | { service: 'events'; type: 'archiveChanged'; archive: SavedArchive; at: number }
  | { service: 'events'; type: 'archiveDeleted'; archiveName: string; at: number }
  | { service: 'events'; type: 'archiveEventAdded'; archiveName: string; entry: ArchivedEvent; at: number }
  /** Events past the archive's retention were dropped. */
  | { service: 'events'; type: 'archiveEventsExpired'; archiveName: string; seqs: number[]; at: number }
  | { service: 'events'; type: 'replayChanged'; replay: SavedReplay; at: number }
  | { service: 'events'; type: 'replayDeleted'; replayName: string; at: number };
