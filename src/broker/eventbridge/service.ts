/**
 * Amazon EventBridge: event buses, rules with event patterns or schedules, targets in the broker's other
 * services, PutEvents and TestEventPattern. `operations` is the AWS action table the wire server and the
 * editor call; the operation families live beside it (buses.ts, rules.ts, targets.ts, put-events.ts,
 * tags.ts).
 */
import type { OperationTable, ServiceContext } from '../service-context';
import type * as api from './api';
import { busOperations } from './buses';
import type { EventBridgePorts } from './delivery';
import type { EventEnvelope } from './envelope';
import { explainRules, putEventsOperations, route } from './put-events';
import type { Rule, SavedBus, SavedRule } from './model';
import { compileEventPattern } from './pattern-compile';
import { reschedule, ruleOperations, unschedule } from './rules';
import { parseScheduleExpression } from './schedule';
import { busName, DEFAULT_BUS, EventsState } from './state';
import { tagOperations } from './tags';
import { targetOperations } from './targets';

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

  /** Deletes every bus but the default and every rule (reset). */
  reset(): void {
    for (const bus of this.state.buses.values()) for (const rule of bus.rules.values()) unschedule(rule);
    this.state.buses.clear();
    this.state.log.clear();
    this.state.addBus(DEFAULT_BUS);
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

  dispose(): void {
    for (const bus of this.state.buses.values()) for (const rule of bus.rules.values()) unschedule(rule);
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
