import type { Deadline } from '../scheduler';
import type { ArchiveState, ReplayState } from './archive-api';

/** One event an archive keeps: its number in the archive, when it arrived (broker clock, ms) and the event. */
export interface ArchivedEvent {
  seq: number;
  at: number;
  /** What the event counts toward SizeBytes. */
  size: number;
  event: ArchivedEnvelope;
}

/**
 * An EventEnvelope (./envelope.ts) as an archive keeps it. Written out rather than imported: the change
 * events carry archived events, and the webview type-checks the change events without Node's types,
 * which envelope.ts needs.
 */
export interface ArchivedEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  'replay-name'?: string;
}

export interface Archive {
  name: string;
  arn: string;
  busName: string;
  /** The source bus's ARN as the archive was created with it. */
  sourceArn: string;
  description?: string;
  eventPattern?: string;
  /** 0: kept indefinitely. */
  retentionDays: number;
  state: ArchiveState;
  created: number;
  nextSeq: number;
  events: ArchivedEvent[];
  sizeBytes: number;
}

export interface Replay {
  name: string;
  arn: string;
  description?: string;
  archiveName: string;
  /** The archive's ARN (EventSourceArn). */
  sourceArn: string;
  destinationArn: string;
  filterArns?: string[];
  eventStart: number;
  eventEnd: number;
  state: ReplayState;
  stateReason?: string;
  replayStart: number;
  replayEnd?: number;
  /** Arrival time of the last event replayed. */
  lastReplayed?: number;
  /** The archive seq of the last event replayed: where a replay resumes after a restart. */
  lastSeq?: number;
  timer?: Deadline;
}

/** An archive and a replay as the store keeps them (./persistence.ts): archive events are entries of their own. */
export type SavedArchive = Omit<Archive, 'events' | 'sizeBytes'>;
export type SavedReplay = Omit<Replay, 'timer'>;

/** The name and ManagedBy AWS gives the rule that feeds an archive (DescribeRule of an archive's rule on AWS). */
export const archiveRuleName = (archive: string) => `Events-Archive-${archive}`;
export const ARCHIVE_MANAGED_BY = 'prod.vhs.events.aws.internal';
