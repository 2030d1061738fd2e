/**
 * Replays: StartReplay, DescribeReplay, ListReplays, CancelReplay. A replay resends the events an archive
 * received between EventStartTime and EventEndTime (by when they reached the archive) to the archive's own
 * bus, to its rules or only to those in FilterArns, each carrying `replay-name` as AWS adds it; the archive
 * rules' `"replay-name": [{"exists": false}]` keeps them from being archived again. States move on the
 * broker's scheduler: STARTING, RUNNING (batches of events, one scheduler turn each, so a cancel stops it
 * between batches), COMPLETED; or CANCELLING then CANCELLED.
 */
import { arn } from '../identity';
import type * as api from './archive-api';
import { archiveErrors } from './archive-errors';
import type { Replay, SavedReplay } from './archive-model';
import { checkOneFilter, expireArchive } from './archives';
import type { EventEnvelope } from './envelope';
import { eventsErrors } from './errors';
import { matchingRules } from './put-events';
import { busName, checkName, EventsState, pageByName, throwIfViolations } from './state';

/** How long a replay stays STARTING, and CANCELLING, before it moves on: long enough for a client to see it. */
export const REPLAY_STEP_MS = 500;
/** Events replayed in one scheduler turn. */
const BATCH = 100;
/** Replays STARTING or RUNNING at once (AWS's quota; tests_concurrency_error_too_many_active_replays). */
const MAX_ACTIVE = 10;
const REPLAY_STATES: api.ReplayState[] = ['STARTING', 'RUNNING', 'CANCELLING', 'COMPLETED', 'CANCELLED', 'FAILED'];

export function saveReplay(replay: Replay): SavedReplay {
  const { timer: _timer, ...saved } = replay;
  return saved;
}

const isActive = (r: Replay) => r.state === 'STARTING' || r.state === 'RUNNING';

function changed(s: EventsState, replay: Replay): void {
  s.emit({ type: 'replayChanged', replay: saveReplay(replay) });
}

/** The event as a replay sends it: `replay-name` after `region`, where AWS puts it (replay-messages in the recording). */
export function replayedEnvelope(event: EventEnvelope, replayName: string): EventEnvelope {
  const { version, id, 'detail-type': detailType, source, account, time, region, resources, detail } = event;
  return { version, id, 'detail-type': detailType, source, account, time, region, 'replay-name': replayName, resources, detail };
}

function finish(s: EventsState, replay: Replay, state: 'COMPLETED' | 'CANCELLED' | 'FAILED', reason?: string): void {
  replay.timer?.cancel();
  replay.timer = undefined;
  replay.state = state;
  if (reason !== undefined) replay.stateReason = reason;
  replay.replayEnd = s.now();
  changed(s, replay);
}

/** One batch: the next events of the window after the last one replayed, to the destination bus's rules. */
function step(s: EventsState, replay: Replay): void {
  replay.timer = undefined;
  if (replay.state !== 'RUNNING') return;
  const archive = s.archives.get(replay.archiveName);
  if (!archive) return finish(s, replay, 'FAILED', `Archive ${replay.archiveName} does not exist.`);
  expireArchive(s, archive);
  const bus = busName(replay.destinationArn);
  const batch = archive.events
    .filter((e) => e.at >= replay.eventStart && e.at <= replay.eventEnd && (replay.lastSeq === undefined || e.seq > replay.lastSeq))
    .slice(0, BATCH);
  const now = s.now();
  for (const entry of batch) {
    const event = replayedEnvelope(entry.event, replay.name);
    const rules = matchingRules(s, bus, event).filter((r) => !replay.filterArns?.length || replay.filterArns.includes(r.arn));
    s.log.add({ at: now, busName: bus, event, matchedRules: rules.map((r) => r.name) });
    s.emit({ type: 'eventPut', busName: bus, eventId: event.id, source: event.source, detailType: event['detail-type'], matchedRules: rules.map((r) => r.name) });
    for (const rule of rules) for (const target of rule.targets) s.dispatcher.deliver(rule, target, event, now);
    replay.lastSeq = entry.seq;
    replay.lastReplayed = entry.at;
  }
  if (batch.length === BATCH) {
    changed(s, replay);
    replay.timer = s.ctx.scheduler.after(0, () => step(s, replay));
  } else {
    finish(s, replay, 'COMPLETED');
  }
}

/** Arms a replay's next move: a STARTING one runs after REPLAY_STEP_MS, a CANCELLING one ends CANCELLED. */
export function armReplay(s: EventsState, replay: Replay): void {
  replay.timer?.cancel();
  if (replay.state === 'STARTING' || replay.state === 'RUNNING') {
    replay.timer = s.ctx.scheduler.after(REPLAY_STEP_MS, () => {
      replay.state = 'RUNNING';
      changed(s, replay);
      step(s, replay);
    });
  } else if (replay.state === 'CANCELLING') {
    replay.timer = s.ctx.scheduler.after(REPLAY_STEP_MS, () => finish(s, replay, 'CANCELLED'));
  }
}

function summary(replay: Replay): api.ReplaySummary {
  return {
    ReplayName: replay.name,
    EventSourceArn: replay.sourceArn,
    State: replay.state,
    ...(replay.stateReason !== undefined ? { StateReason: replay.stateReason } : {}),
    EventStartTime: new Date(replay.eventStart),
    EventEndTime: new Date(replay.eventEnd),
    ...(replay.lastReplayed !== undefined ? { EventLastReplayedTime: new Date(replay.lastReplayed) } : {}),
    ReplayStartTime: new Date(replay.replayStart),
    ...(replay.replayEnd !== undefined ? { ReplayEndTime: new Date(replay.replayEnd) } : {}),
  };
}

export function describeReplay(replay: Replay): api.DescribeReplayOutput {
  return {
    ...summary(replay),
    ReplayArn: replay.arn,
    ...(replay.description !== undefined ? { Description: replay.description } : {}),
    Destination: { Arn: replay.destinationArn, ...(replay.filterArns ? { FilterArns: [...replay.filterArns] } : {}) },
  };
}

function findReplay(s: EventsState, name: string): Replay {
  const replay = s.replays.get(name);
  if (!replay) throw archiveErrors.replayNotFound(name);
  return replay;
}

const millis = (t: Date | number | string | undefined): number => (t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(String(t)));

export function replayOperations(s: EventsState) {
  return {
    StartReplay(input: api.StartReplayInput): api.StartReplayOutput {
      throwIfViolations(checkName(input.ReplayName, 'replayName'));
      if (s.replays.has(input.ReplayName)) throw archiveErrors.replayExists(input.ReplayName);
      const start = millis(input.EventStartTime);
      const end = millis(input.EventEndTime);
      if (Number.isNaN(start)) throw eventsErrors.invalidParameter('EventStartTime');
      if (Number.isNaN(end) || end <= start) throw archiveErrors.endBeforeStart();
      const archiveName = String(input.EventSourceArn).slice(String(input.EventSourceArn).lastIndexOf('/') + 1);
      const archive = /:archive\/[^/]+$/.test(String(input.EventSourceArn)) ? s.archives.get(archiveName) : undefined;
      if (!archive) throw archiveErrors.replayArchiveNotFound(archiveName);
      const destinationArn = input.Destination?.Arn;
      if (typeof destinationArn !== 'string' || !destinationArn.includes(':event-bus/')) throw eventsErrors.invalidParameter('Destination.Arn');
      const bus = s.bus(busName(destinationArn));
      if (bus.name !== archive.busName) throw archiveErrors.crossBusReplay();
      if ([...s.replays.values()].filter(isActive).length >= MAX_ACTIVE) throw archiveErrors.tooManyActiveReplays();
      const replay: Replay = {
        name: input.ReplayName,
        arn: arn(s.ctx.identity, 'events', `replay/${input.ReplayName}`),
        ...(input.Description !== undefined ? { description: input.Description } : {}),
        archiveName: archive.name,
        sourceArn: input.EventSourceArn,
        destinationArn,
        ...(input.Destination.FilterArns?.length ? { filterArns: [...input.Destination.FilterArns] } : {}),
        eventStart: start,
        eventEnd: end,
        state: 'STARTING',
        replayStart: s.now(),
      };
      s.replays.set(replay.name, replay);
      changed(s, replay);
      armReplay(s, replay);
      return { ReplayArn: replay.arn, State: replay.state, ReplayStartTime: new Date(replay.replayStart) };
    },

    DescribeReplay(input: { ReplayName: string }): api.DescribeReplayOutput {
      return describeReplay(findReplay(s, input.ReplayName));
    },

    ListReplays(input: api.ListReplaysInput): api.ListReplaysOutput {
      checkOneFilter(input, 'ListReplays', REPLAY_STATES);
      const { items, NextToken } = pageByName(s.replays.values(), input, (r) => (input.EventSourceArn === undefined || r.sourceArn === input.EventSourceArn) && (input.State === undefined || r.state === input.State));
      return { Replays: items.map(summary), ...(NextToken ? { NextToken } : {}) };
    },

    CancelReplay(input: { ReplayName: string }): api.CancelReplayOutput {
      const replay = findReplay(s, input.ReplayName);
      if (!isActive(replay)) throw archiveErrors.replayNotCancellable(replay.name);
      replay.state = 'CANCELLING';
      changed(s, replay);
      armReplay(s, replay);
      return { ReplayArn: replay.arn, State: replay.state };
    },
  };
}

/** Forgets every replay (reset). */
export function removeReplays(s: EventsState): void {
  for (const replay of [...s.replays.values()]) {
    replay.timer?.cancel();
    s.replays.delete(replay.name);
    s.emit({ type: 'replayDeleted', replayName: replay.name });
  }
}
