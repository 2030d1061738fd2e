import { collectArchives, recordArchiveChange, restoreArchives } from './archive-persistence';
import type { EventBridgeEvent } from './events';
import type { EventBus, Rule, SavedBus, SavedRule } from './model';
import type { EventBridgeService } from './service';
import { collectConnections, recordConnectionEvent, restoreConnections } from './connections-persistence';
import { parseArn } from '../identity';
import type { ServicePersistence } from '../store/service-persistence';
import type { StateWriter } from '../store/state-writer';

/**
 * EventBridge as store entries: `events/b/<bus>` a bus (description, policy, tags, times) and
 * `events/r/<bus>/<rule>` a rule with its pattern or schedule, state, targets and tags. Bus and rule names
 * hold no '/', so a bus's rules share one prefix. Events themselves are not kept: a PutEvents is delivered
 * (or retried) at once, and a scheduled rule does not make up firings missed while the broker was down,
 * as AWS does not either.
 */
const busKey = (bus: string) => `events/b/${bus}`;
const rulePrefix = (bus: string) => `events/r/${bus}/`;
const ruleKey = (bus: string, rule: string) => `${rulePrefix(bus)}${rule}`;

export class EventBridgePersistence implements ServicePersistence {
  constructor(
    private readonly events: EventBridgeService,
    private readonly writer: StateWriter,
  ) {}

  record(event: EventBridgeEvent): void {
    if (recordConnectionEvent(this.events.state, this.writer, event)) return;
    if (recordArchiveChange(this.writer, event)) return;
    switch (event.type) {
      case 'busCreated':
      case 'busChanged':
        this.putBus(event.busName);
        return;
      case 'busDeleted':
        this.writer.delete(busKey(event.busName));
        this.writer.deletePrefix(rulePrefix(event.busName));
        return;
      case 'ruleChanged':
      case 'targetsChanged':
        this.putRule(event.busName, event.ruleName);
        return;
      case 'ruleDeleted':
        this.writer.delete(ruleKey(event.busName, event.ruleName));
        return;
      case 'tagsChanged': {
        const resource = parseArn(event.resourceArn)?.resource ?? '';
        if (resource.startsWith('event-bus/')) this.putBus(resource.slice('event-bus/'.length));
        else if (resource.startsWith('rule/')) {
          const parts = resource.slice('rule/'.length).split('/');
          if (parts.length > 1) this.putRule(parts[0], parts[1]);
          else this.putRule('default', parts[0]);
        }
        return;
      }
      case 'eventPut':
      case 'delivery':
        return;
    }
  }

  private putBus(name: string): void {
    const bus = this.events.state.buses.get(name);
    if (bus) this.writer.put(busKey(name), saveBus(bus));
  }

  private putRule(busName: string, ruleName: string): void {
    const rule = this.events.state.buses.get(busName)?.rules.get(ruleName);
    if (rule) this.writer.put(ruleKey(busName, ruleName), saveRule(rule));
  }

  *collect(): Generator<[string, unknown]> {
    for (const bus of this.events.state.buses.values()) {
      yield [busKey(bus.name), saveBus(bus)];
      for (const rule of bus.rules.values()) yield [ruleKey(bus.name, rule.name), saveRule(rule)];
    }
    yield* collectConnections(this.events.state);
    yield* collectArchives(this.events);
  }

  restore(entries: Map<string, unknown>): void {
    for (const [key, value] of entries) if (key.startsWith('events/b/')) this.events.restoreBus(value as SavedBus);
    for (const [key, value] of entries) if (key.startsWith('events/r/')) this.events.restoreRule(value as SavedRule);
    restoreConnections(this.events.state, entries);
    restoreArchives(this.events, entries);
  }
}

function saveBus(bus: EventBus): SavedBus {
  const { rules: _rules, index: _index, ...saved } = bus;
  return saved;
}

function saveRule(rule: Rule): SavedRule {
  const { compiled: _c, schedule: _s, timer: _t, ...saved } = rule;
  return saved;
}
