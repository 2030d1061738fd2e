/**
 * Amazon EventBridge: event buses, rules with event patterns or schedules, targets in the broker's other
 * services, PutEvents and TestEventPattern. `operations` is the AWS action table the wire server and the
 * editor call; the operation families live beside it (buses.ts, rules.ts, targets.ts, put-events.ts,
 * tags.ts, connections.ts, api-destinations.ts).
 */
import type { OperationTable, ServiceContext } from '../service-context';
import type * as api from './api';
import { apiDestinationOperations, connectionSummaries, type ConnectionSummaryView } from './api-destinations';
import type * as archiveApi from './archive-api';
import type { ArchivedEvent, SavedArchive, SavedReplay } from './archive-model';
import { archiveOperations, describeArchive, removeArchive } from './archives';
import { busOperations } from './buses';
import { connectionOperations } from './connections';
import type { EventBridgePorts } from './delivery';
import type { EventEnvelope } from './envelope';
import { explainRules, putEventsOperations, route } from './put-events';
import type { Rule, SavedBus, SavedRule } from './model';
import { compileEventPattern } from './pattern-compile';
import { armReplay, describeReplay, removeReplays, replayOperations } from './replays';
import { describeRule, reschedule, ruleOperations, unschedule } from './rules';
import { parseScheduleExpression } from './schedule';
import { busName, DEFAULT_BUS, EventsState } from './state';
import { tagOperations } from './tags';
import { targetOperations } from './targets';
import { byName } from '../by-name';

/**
 * A rule as the Resources tree shows it, from the API's description of it (ListRules, DescribeRule) and its
 * targets: one shape whether the rule is in this window's broker or read over the wire from another.
 */
export function ruleSummary(rule: api.RuleDescription, targets: api.Target[]): RuleSummary {
  return {
    name: rule.Name,
    arn: rule.Arn,
    busName: rule.EventBusName,
    state: rule.State,
    ...(rule.Description !== undefined ? { description: rule.Description } : {}),
    ...(rule.EventPattern !== undefined ? { eventPattern: rule.EventPattern } : {}),
    ...(rule.ScheduleExpression !== undefined ? { scheduleExpression: rule.ScheduleExpression } : {}),
    targets,
  };
}

export interface RuleSummary {
  name: string;
  arn: string;
  busName: string;
  state: api.RuleState;
  description?: string;
  eventPattern?: string;
  scheduleExpression?: string;
  targets: api.Target[];
}

export interface BusSummary {
  name: string;
  arn: string;
  description?: string;
  rules: RuleSummary[];
  /** The bus's archives as DescribeArchive describes them. */
  archives: archiveApi.DescribeArchiveOutput[];
}

export class EventBridgeService {
  readonly operations: api.EventBridgeOperations & OperationTable;
  readonly state: EventsState;
  private hops = 0;

  constructor(ctx: ServiceContext, ports: EventBridgePorts = {}) {
    this.state = new EventsState(ctx, ports, (busArn, event) => this.forward(busArn, event));
    this.operations = {
      ...busOperations(this.state),
      ...ruleOperations(this.state),
      ...targetOperations(this.state),
      ...putEventsOperations(this.state),
      ...tagOperations(this.state),
      ...connectionOperations(this.state),
      ...apiDestinationOperations(this.state),
      ...archiveOperations(this.state),
      ...replayOperations(this.state),
    };
  }

  /** Resolves when every delivery started so far has finished its current attempt (tests, shutdown). */
  settled(): Promise<void> {
    return this.state.dispatcher.settled();
  }

  /** Each rule of a bus and whether (and why not) it matches an event: what the inspector shows. */
  explain(bus: string, event: unknown) {
    return explainRules(this.state, bus, event);
  }

  /** The most recent events put on a bus (all buses when absent), newest last, with the rules they matched. */
  recentEvents(bus?: string) {
    return this.state.log.list(bus);
  }

  /** Names of the buses, default first. */
  busNames(): string[] {
    return [...this.state.buses.keys()].sort((a, b) => (a === DEFAULT_BUS ? -1 : b === DEFAULT_BUS ? 1 : a < b ? -1 : 1));
  }

  /** Every bus with its rules and their targets, default bus first, rules by name: what the Resources tree shows. */
  listBusSummaries(): BusSummary[] {
    return this.busNames().map((name) => {
      const bus = this.state.buses.get(name)!;
      const rules = [...bus.rules.values()].sort(byName);
      return {
        name: bus.name,
        arn: bus.arn,
        ...(bus.description !== undefined ? { description: bus.description } : {}),
        rules: rules.map((r) => ruleSummary(describeRule(r), r.targets.map((t) => ({ ...t })))),
        archives: this.archivesOf(bus.name),
      };
    });
  }

  /** Connections with their API destinations, without secrets: the Resources tree's folder under the buses. */
  listConnectionSummaries(): ConnectionSummaryView[] {
    return connectionSummaries(this.state);
  }

  /**
   * Deletes every rule (with its targets), every bus but the default, every API destination and connection, clears the default bus's policy and
   * tags, and forgets the recent events (reset). Through the operations, so the tree, the inspector and the
   * data folder see each deletion.
   */
  reset(): void {
    const ops = this.operations;
    removeReplays(this.state);
    for (const archive of [...this.state.archives.values()]) removeArchive(this.state, archive);
    for (const bus of this.busNames()) {
      for (const rule of [...this.state.buses.get(bus)!.rules.values()]) {
        if (rule.targets.length) ops.RemoveTargets({ Rule: rule.name, EventBusName: bus, Ids: rule.targets.map((t) => t.Id), Force: true });
        ops.DeleteRule({ Name: rule.name, EventBusName: bus, Force: true });
      }
      if (bus !== DEFAULT_BUS) ops.DeleteEventBus({ Name: bus });
    }
    for (const name of [...this.state.apiDestinations.keys()]) ops.DeleteApiDestination({ Name: name });
    for (const name of [...this.state.connections.keys()]) ops.DeleteConnection({ Name: name });
    // the default bus stays, without its policy and tags
    const { Arn, Policy } = ops.DescribeEventBus({});
    if (Policy !== undefined) ops.RemovePermission({ RemoveAllPermissions: true });
    const TagKeys = ops.ListTagsForResource({ ResourceARN: Arn }).Tags.map((t) => t.Key);
    if (TagKeys.length) ops.UntagResource({ ResourceARN: Arn, TagKeys });
    this.state.log.clear();
  }

  /** Puts back a bus read from the data folder (store), without change events. */
  restoreBus(saved: SavedBus): void {
    const bus = this.state.buses.get(saved.name) ?? this.state.addBus(saved.name);
    Object.assign(bus, saved);
  }

  /** Puts back a rule read from the data folder, recompiling its pattern and arming its schedule. */
  restoreRule(saved: SavedRule): void {
    const bus = this.state.buses.get(saved.busName);
    if (!bus) return;
    const rule: Rule = {
      ...saved,
      compiled: saved.eventPattern !== undefined ? compileEventPattern(saved.eventPattern) : undefined,
      schedule: saved.scheduleExpression !== undefined ? parseScheduleExpression(saved.scheduleExpression) : undefined,
    };
    bus.rules.set(rule.name, rule);
    bus.index.add(rule);
    reschedule(this.state, rule);
  }

  /** The archives of a bus, by name, as DescribeArchive describes them: what the tree shows under the bus. */
  archivesOf(bus: string): archiveApi.DescribeArchiveOutput[] {
    return [...this.state.archives.values()]
      .filter((a) => a.busName === bus)
      .sort(byName)
      .map(describeArchive);
  }

  /** Every replay, newest first, as DescribeReplay describes it. */
  replays(): archiveApi.DescribeReplayOutput[] {
    return [...this.state.replays.values()].sort((a, b) => b.replayStart - a.replayStart).map(describeReplay);
  }

  /** Puts back an archive read from the data folder (its events follow through restoreArchivedEvent). */
  restoreArchive(saved: SavedArchive): void {
    this.state.archives.set(saved.name, { ...saved, events: [], sizeBytes: 0 });
  }

  /** Puts back one archived event; they come in any order, so the archive's list is sorted once all are in (restoredArchives). */
  restoreArchivedEvent(archiveName: string, entry: ArchivedEvent): void {
    const archive = this.state.archives.get(archiveName);
    if (!archive) return;
    archive.events.push(entry);
    archive.sizeBytes += entry.size;
    archive.nextSeq = Math.max(archive.nextSeq, entry.seq + 1);
  }

  /** Sorts each restored archive's events by arrival. */
  restoredArchives(): void {
    for (const archive of this.state.archives.values()) archive.events.sort((a, b) => a.seq - b.seq);
  }

  /** Puts back a replay: one that was starting or running resumes after its last replayed event; one being cancelled ends cancelled. */
  restoreReplay(saved: SavedReplay): void {
    const replay = { ...saved };
    this.state.replays.set(replay.name, replay);
    armReplay(this.state, replay);
  }

  dispose(): void {
    for (const bus of this.state.buses.values()) for (const rule of bus.rules.values()) unschedule(rule);
    for (const replay of this.state.replays.values()) replay.timer?.cancel();
  }

  /** A bus target: the event goes onto the other bus as is (same id), one hop further. */
  private forward(busArn: string, event: EventEnvelope): void {
    this.hops++;
    try {
      route(this.state, busName(busArn), event, this.state.now(), this.hops);
    } finally {
      this.hops--;
    }
  }
}
