import { collectArchives, recordArchiveChange, restoreArchives } from './archive-persistence';
import type { EventBridgeEvent } from './events';
import type { SavedBus, SavedRule } from './model';
import type { BusRecord, RuleRecord } from './saved';
import type { EventBridgeService } from './service';
import { collectConnections, recordConnectionEvent, restoreConnections } from './connections-persistence';
import { EnginePersistence } from '../store/service-persistence';

/**
 * EventBridge as store entries: `events/b/<bus>` a bus (description, policy, tags, times) and
 * `events/r/<bus>/<rule>` a rule with its pattern or schedule, state, targets and tags. Bus and rule names
 * hold no '/', so a bus's rules share one prefix. Archives, their events and replays are kept by
 * archive-persistence.ts. Other events are not kept: a PutEvents is delivered
 * (or retried) at once, and a scheduled rule does not make up firings missed while the broker was down,
 * as AWS does not either. A change to a bus or a rule carries it as saved, so recording reads nothing back.
 */
const busKey = (bus: string) => `events/b/${bus}`;
const rulePrefix = (bus: string) => `events/r/${bus}/`;
const ruleKey = (bus: string, rule: string) => `${rulePrefix(bus)}${rule}`;

export class EventBridgePersistence extends EnginePersistence<EventBridgeService> {
  record(event: EventBridgeEvent): void {
    if (recordConnectionEvent(this.engine.state, this.writer, event)) return;
    if (recordArchiveChange(this.writer, event)) return;
    switch (event.type) {
      case 'busCreated':
      case 'busChanged':
        this.putBus(event.bus);
        return;
      case 'busDeleted':
        this.writer.delete(busKey(event.busName));
        this.writer.deletePrefix(rulePrefix(event.busName));
        return;
      case 'ruleChanged':
      case 'targetsChanged':
        this.putRule(event.rule);
        return;
      case 'ruleDeleted':
        this.writer.delete(ruleKey(event.busName, event.ruleName));
        return;
      case 'tagsChanged':
        this.putBus(event.bus);
        this.putRule(event.rule);
        return;
      case 'eventPut':
      case 'delivery':
        return;
    }
  }

  private putBus(bus: BusRecord | undefined): void {
    if (bus) this.writer.put(busKey(bus.name), bus);
  }

  private putRule(rule: RuleRecord | undefined): void {
    if (rule) this.writer.put(ruleKey(rule.busName, rule.name), rule);
  }

  *collect(): Generator<[string, unknown]> {
    for (const { bus, rules } of this.engine.state.savedBuses()) {
      yield [busKey(bus.name), bus];
      for (const rule of rules) yield [ruleKey(bus.name, rule.name), rule];
    }
    yield* collectConnections(this.engine.state);
    yield* collectArchives(this.engine);
  }

  restore(entries: Map<string, unknown>): void {
    for (const [key, value] of entries) if (key.startsWith('events/b/')) this.engine.restoreBus(value as SavedBus);
    for (const [key, value] of entries) if (key.startsWith('events/r/')) this.engine.restoreRule(value as SavedRule);
    restoreConnections(this.engine.state, entries);
    restoreArchives(this.engine, entries);
  }
}
