/**
 * Archives: CreateArchive, DescribeArchive, ListArchives, UpdateArchive, DeleteArchive, and what fills them.
 * As on AWS, an archive is fed by a managed rule on its source bus (`Events-Archive-<name>`, ManagedBy
 * prod.vhs.events.aws.internal) whose pattern is the archive's pattern plus `"replay-name": [{"exists": false}]`,
 * so the archive keeps exactly the events its pattern matches and never a replayed one. The rule is listed by
 * ListRules and refused to users' PutRule, DeleteRule and target changes (ManagedRuleException) like any managed rule.
 */
import { arn } from '../identity';
import type * as api from './archive-api';
import { archiveErrors } from './archive-errors';
import { ARCHIVE_MANAGED_BY, archiveRuleName, type Archive, type ArchivedEvent, type SavedArchive } from './archive-model';
import type { EventEnvelope } from './envelope';
import { constraints, eventsErrors } from './errors';
import type { Rule } from './model';
import { compileEventPattern } from './pattern-compile';
import { busName, checkName, EventsState, pageByName, throwIfViolations } from './state';

const DAY_MS = 86_400_000;
const ARCHIVE_STATES: api.ArchiveState[] = ['ENABLED', 'DISABLED', 'CREATING', 'UPDATING', 'CREATE_FAILED', 'UPDATE_FAILED'];

export function archiveArn(s: EventsState, name: string): string {
  return arn(s.ctx.identity, 'events', `archive/${name}`);
}

export function saveArchive(archive: Archive): SavedArchive {
  const { events: _events, sizeBytes: _size, ...saved } = archive;
  return saved;
}

/** The bus an EventSourceArn names; anything but an event-bus ARN is not a valid source. */
function sourceBusName(sourceArn: string): string {
  if (typeof sourceArn !== 'string' || !/^arn:aws[a-z-]*:events:[^:]*:[^:]*:event-bus\/[^/]+$/.test(sourceArn)) {
    throw eventsErrors.invalidParameter('EventSourceArn');
  }
  return busName(sourceArn);
}

/** What an archived event counts toward SizeBytes: close to AWS's count (its source, detail type, detail and resources, and 20 for the time). */
function eventSize(event: EventEnvelope): number {
  let size = 20;
  for (const part of [event.source, event['detail-type'], JSON.stringify(event.detail), ...event.resources]) size += Buffer.byteLength(part ?? '', 'utf8');
  return size;
}

/** The managed rule's pattern: the archive's own pattern (or none: every event) that never matches a replayed event. */
function managedPattern(eventPattern: string | undefined): string {
  const pattern = eventPattern !== undefined ? (JSON.parse(eventPattern) as Record<string, unknown>) : {};
  return JSON.stringify({ ...pattern, 'replay-name': [{ exists: false }] });
}

/** Creates or updates the archive's managed rule on its bus (absent when the bus was deleted since). */
function putManagedRule(s: EventsState, archive: Archive): void {
  const bus = s.buses.get(archive.busName);
  if (!bus) return;
  const name = archiveRuleName(archive.name);
  const eventPattern = managedPattern(archive.eventPattern);
  const existing = bus.rules.get(name);
  if (existing) bus.index.remove(existing);
  const rule: Rule = {
    name,
    arn: s.ruleArn(bus.name, name),
    busName: bus.name,
    state: 'ENABLED',
    managedBy: ARCHIVE_MANAGED_BY,
    eventPattern,
    compiled: compileEventPattern(eventPattern),
    targets: [],
    tags: [],
    createdBy: s.ctx.identity.accountId,
    archiveName: archive.name,
  };
  bus.rules.set(name, rule);
  bus.index.add(rule);
  s.emit({ type: 'ruleChanged', busName: bus.name, ruleName: name });
}

function deleteManagedRule(s: EventsState, archive: Archive): void {
  const bus = s.buses.get(archive.busName);
  const rule = bus?.rules.get(archiveRuleName(archive.name));
  if (!bus || !rule?.archiveName) return;
  bus.index.remove(rule);
  bus.rules.delete(rule.name);
  s.emit({ type: 'ruleDeleted', busName: bus.name, ruleName: rule.name });
}

export function findArchive(s: EventsState, name: string): Archive {
  const archive = s.archives.get(name);
  if (!archive) throw archiveErrors.archiveNotFound(name);
  return archive;
}

/** Drops the events older than the archive's retention (RetentionDays 0 keeps them indefinitely). */
export function expireArchive(s: EventsState, archive: Archive): void {
  if (!archive.retentionDays) return;
  const cutoff = s.now() - archive.retentionDays * DAY_MS;
  let n = 0;
  while (n < archive.events.length && archive.events[n].at < cutoff) n++;
  if (!n) return;
  const gone = archive.events.splice(0, n);
  for (const e of gone) archive.sizeBytes -= e.size;
  s.emit({ type: 'archiveEventsExpired', archiveName: archive.name, seqs: gone.map((e) => e.seq) });
}

/** Keeps an event its archive's managed rule matched (called from routing, ./put-events.ts). */
export function archiveEvent(s: EventsState, archiveName: string, event: EventEnvelope): void {
  const archive = s.archives.get(archiveName);
  if (!archive || archive.state !== 'ENABLED') return;
  expireArchive(s, archive);
  const entry: ArchivedEvent = { seq: archive.nextSeq++, at: s.now(), size: eventSize(event), event };
  archive.events.push(entry);
  archive.sizeBytes += entry.size;
  s.emit({ type: 'archiveEventAdded', archiveName: archive.name, entry });
}

function summary(archive: Archive): api.ArchiveSummary {
  return {
    ArchiveName: archive.name,
    EventSourceArn: archive.sourceArn,
    State: archive.state,
    RetentionDays: archive.retentionDays,
    SizeBytes: archive.sizeBytes,
    EventCount: archive.events.length,
    CreationTime: new Date(archive.created),
  };
}

export function describeArchive(archive: Archive): api.DescribeArchiveOutput {
  return {
    ArchiveArn: archive.arn,
    ...summary(archive),
    ...(archive.description !== undefined ? { Description: archive.description } : {}),
    ...(archive.eventPattern !== undefined ? { EventPattern: archive.eventPattern } : {}),
  };
}

function checkRetention(days: number | undefined): void {
  if (days !== undefined && (!Number.isInteger(days) || days < 0)) {
    throwIfViolations([{ value: days, path: 'retentionDays', constraint: 'Member must have value greater than or equal to 0' }]);
  }
}

/** At most one of NamePrefix, EventSourceArn and State, as AWS allows for ListArchives and ListReplays. */
export function checkOneFilter(input: { NamePrefix?: string; EventSourceArn?: string; State?: string }, action: 'ListArchives' | 'ListReplays', states: string[]): void {
  if ([input.NamePrefix, input.EventSourceArn, input.State].filter((f) => f !== undefined).length > 1) throw archiveErrors.oneListFilter(action);
  if (input.State !== undefined && !states.includes(input.State)) {
    throwIfViolations([{ value: input.State, path: 'state', constraint: constraints.enumOf(states) }]);
  }
}

/** Deletes an archive with its events and managed rule (DeleteArchive, reset). */
export function removeArchive(s: EventsState, archive: Archive): void {
  deleteManagedRule(s, archive);
  s.archives.delete(archive.name);
  s.emit({ type: 'archiveDeleted', archiveName: archive.name });
}

export function archiveOperations(s: EventsState) {
  return {
    CreateArchive(input: api.CreateArchiveInput): api.ArchiveStateOutput {
      throwIfViolations(checkName(input.ArchiveName, 'archiveName', 48));
      checkRetention(input.RetentionDays);
      const bus = s.bus(sourceBusName(input.EventSourceArn));
      if (s.archives.has(input.ArchiveName)) throw archiveErrors.archiveExists(input.ArchiveName);
      if (input.EventPattern !== undefined) compileEventPattern(input.EventPattern);
      const at = s.now();
      const archive: Archive = {
        name: input.ArchiveName,
        arn: archiveArn(s, input.ArchiveName),
        busName: bus.name,
        sourceArn: input.EventSourceArn,
        ...(input.Description !== undefined ? { description: input.Description } : {}),
        ...(input.EventPattern !== undefined ? { eventPattern: input.EventPattern } : {}),
        retentionDays: input.RetentionDays ?? 0,
        state: 'ENABLED',
        created: at,
        nextSeq: 1,
        events: [],
        sizeBytes: 0,
      };
      s.archives.set(archive.name, archive);
      s.emit({ type: 'archiveChanged', archive: saveArchive(archive) });
      putManagedRule(s, archive);
      return { ArchiveArn: archive.arn, State: archive.state, CreationTime: new Date(archive.created) };
    },

    DescribeArchive(input: { ArchiveName: string }): api.DescribeArchiveOutput {
      const archive = findArchive(s, input.ArchiveName);
      expireArchive(s, archive);
      return describeArchive(archive);
    },

    ListArchives(input: api.ListArchivesInput): api.ListArchivesOutput {
      checkOneFilter(input, 'ListArchives', ARCHIVE_STATES);
      const bus = input.EventSourceArn !== undefined ? s.bus(busName(input.EventSourceArn)).name : undefined;
      const { items, NextToken } = pageByName(s.archives.values(), input, (a) => (bus === undefined || a.busName === bus) && (input.State === undefined || a.state === input.State));
      for (const a of items) expireArchive(s, a);
      return { Archives: items.map(summary), ...(NextToken ? { NextToken } : {}) };
    },

    UpdateArchive(input: api.UpdateArchiveInput): api.ArchiveStateOutput {
      if (input.Description === undefined && input.EventPattern === undefined && input.RetentionDays === undefined) throw archiveErrors.updateNeedsAChange();
      checkRetention(input.RetentionDays);
      const archive = findArchive(s, input.ArchiveName);
      if (input.EventPattern !== undefined) compileEventPattern(input.EventPattern);
      if (input.Description !== undefined) archive.description = input.Description;
      if (input.RetentionDays !== undefined) archive.retentionDays = input.RetentionDays;
      if (input.EventPattern !== undefined) {
        archive.eventPattern = input.EventPattern;
        putManagedRule(s, archive);
      }
      s.emit({ type: 'archiveChanged', archive: saveArchive(archive) });
      expireArchive(s, archive);
      return { ArchiveArn: archive.arn, State: archive.state, CreationTime: new Date(archive.created) };
    },

    DeleteArchive(input: { ArchiveName: string }): Record<string, never> {
      removeArchive(s, findArchive(s, input.ArchiveName));
      return {};
    },
  };
}
