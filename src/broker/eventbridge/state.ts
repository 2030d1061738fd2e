/**
 * The state of one EventBridge engine and the helpers every operation family shares: finding buses and
 * rules by name or ARN with AWS's not-found words, ARNs, pagination, change events.
 */
import { arn, parseArn } from '../identity';
import type { Archive, Replay } from './archive-model';
import type { ServiceContext } from '../service-context';
import { EventsDispatcher, type EventBridgePorts } from './delivery';
import { EventLog } from './event-log';
import { constraintError, constraints, eventsErrors, type ConstraintViolation } from './errors';
import type { EventBridgeEvent } from './events';
import { EventBus, Rule, RuleIndex, type SavedBus, type SavedRule } from './model';
import type { BusRecord, RuleRecord } from './saved';
import { ApiDestinationInvoker } from './api-destination-invoke';
import type { ApiDestination } from './api-destinations';
import type { Connection } from './connections';
import { OAuthTokens } from './oauth';
import { byName } from '../by-name';

export const DEFAULT_BUS = 'default';

/** An EventBridgeEvent without the members emit fills in. */
type EventFields = EventBridgeEvent extends infer E ? (E extends unknown ? Omit<E, 'service' | 'at' | 'bus' | 'rule'> : never) : never;
const NAME = /^[.\-_A-Za-z0-9]+$/;

export class EventsState {
  readonly buses = new Map<string, EventBus>();
  readonly dispatcher: EventsDispatcher;
  readonly log = new EventLog();
  readonly connections = new Map<string, Connection>();
  readonly apiDestinations = new Map<string, ApiDestination>();
  readonly oauth: OAuthTokens;
  /** Archives and replays by name (./archives.ts, ./replays.ts). */
  readonly archives = new Map<string, Archive>();
  readonly replays = new Map<string, Replay>();

  constructor(
    readonly ctx: ServiceContext,
    ports: EventBridgePorts,
    forward: (busArn: string, event: import('./envelope').EventEnvelope) => void,
  ) {
    this.dispatcher = new EventsDispatcher(ctx, ports, forward, (bus, eventId, delivery) => this.log.recordDelivery(bus, eventId, delivery));
    const host = { connections: this.connections, changed: (c: Connection) => this.emit({ type: 'connectionChanged', connectionName: c.name }) };
    this.oauth = new OAuthTokens(ctx, host, ports.http, (p) => this.dispatcher.track(p));
    this.dispatcher.apiDestinations = new ApiDestinationInvoker(ctx, this, this.oauth, ports.http);
    this.addBus(DEFAULT_BUS);
  }

  now(): number {
    return this.ctx.scheduler.now();
  }

  emit(event: EventFields): void {
    const saved = this.changed(event);
    this.ctx.events.emit((saved ? { service: 'events', at: this.now(), ...event, ...saved } : { service: 'events', at: this.now(), ...event }) as EventBridgeEvent);
  }

  /** Every bus as saved, with its rules, for a snapshot. */
  *savedBuses(): Generator<{ bus: SavedBus; rules: SavedRule[] }> {
    for (const bus of this.buses.values()) yield { bus: saveBus(bus), rules: [...bus.rules.values()].map(saveRule) };
  }

  /**
   * The bus or rule a change is about, as saved: the event carries it, so the store reads nothing back.
   * Typed as the events' plain records, so the compiler holds the model's saved shapes to them.
   */
  private changed(event: EventFields): { bus: BusRecord } | { rule: RuleRecord } | undefined {
    const savedBus = (name: string) => {
      const bus = this.buses.get(name);
      return bus && { bus: saveBus(bus) };
    };
    const savedRule = (busName: string, ruleName: string) => {
      const rule = this.buses.get(busName)?.rules.get(ruleName);
      return rule && { rule: saveRule(rule) };
    };
    switch (event.type) {
      case 'busCreated':
      case 'busChanged':
        return savedBus(event.busName);
      case 'ruleChanged':
      case 'targetsChanged':
        return savedRule(event.busName, event.ruleName);
      case 'tagsChanged': {
        const resource = parseArn(event.resourceArn)?.resource ?? '';
        if (resource.startsWith('event-bus/')) return savedBus(resource.slice('event-bus/'.length));
        if (!resource.startsWith('rule/')) return undefined;
        const parts = resource.slice('rule/'.length).split('/');
        return parts.length > 1 ? savedRule(parts[0], parts[1]) : savedRule(DEFAULT_BUS, parts[0]);
      }
      default:
        return undefined;
    }
  }

  busArn(name: string): string {
    return arn(this.ctx.identity, 'events', `event-bus/${name}`);
  }

  ruleArn(busName: string, ruleName: string): string {
    return arn(this.ctx.identity, 'events', busName === DEFAULT_BUS ? `rule/${ruleName}` : `rule/${busName}/${ruleName}`);
  }

  addBus(name: string, description?: string): EventBus {
    const at = this.now();
    const bus: EventBus = {
      name,
      arn: this.busArn(name),
      description,
      created: at,
      modified: at,
      statements: [],
      tags: [],
      rules: new Map(),
      index: new RuleIndex(),
    };
    this.buses.set(name, bus);
    return bus;
  }

  /** A bus by name or ARN (absent: the default bus); throws "Event bus X does not exist." */
  bus(nameOrArn: string | undefined): EventBus {
    const name = busName(nameOrArn);
    const bus = this.buses.get(name);
    if (!bus) throw eventsErrors.busNotFound(name);
    return bus;
  }

  rule(ruleName: string, busNameOrArn: string | undefined): Rule {
    const bus = this.bus(busNameOrArn);
    const rule = bus.rules.get(ruleName);
    if (!rule) throw eventsErrors.ruleNotFound(ruleName, bus.name);
    return rule;
  }
}

/** A bus as the store keeps it: no rules (kept one by one), no index. */
function saveBus(bus: EventBus): SavedBus {
  const { rules: _rules, index: _index, ...saved } = bus;
  return saved;
}

/** A rule as the store keeps it: no compiled pattern, schedule or timer (made again on restore). */
function saveRule(rule: Rule): SavedRule {
  const { compiled: _c, schedule: _s, timer: _t, ...saved } = rule;
  return saved;
}

/** The bus name an EventBusName member means: a name, or the last part of an ARN. */
export function busName(nameOrArn: string | undefined): string {
  if (!nameOrArn) return DEFAULT_BUS;
  if (nameOrArn.startsWith('arn:')) return nameOrArn.slice(nameOrArn.indexOf('event-bus/') + 'event-bus/'.length);
  return nameOrArn;
}

/** Checks a Name member against AWS's pattern and length, gathering every violation as AWS reports them. */
export function checkName(value: string | undefined, path: string, max = 64, violations: ConstraintViolation[] = []): ConstraintViolation[] {
  if (value === undefined || value === null) {
    violations.push({ value, path, constraint: constraints.notNull });
    return violations;
  }
  if (!NAME.test(value)) violations.push({ value, path, constraint: constraints.namePattern });
  if (value.length > max) violations.push({ value, path, constraint: constraints.maxLength(max) });
  if (value.length < 1) violations.push({ value, path, constraint: constraints.minLength(1) });
  return violations;
}

export function throwIfViolations(violations: ConstraintViolation[]): void {
  if (violations.length) throw constraintError(violations);
}

/** One page of a list: NextToken is the offset, as an opaque string. Limit is 1 to 100, as AWS's model says. */
/** One page of a List answer: the resources whose name starts with NamePrefix and that `keep` accepts, by name. */
export function pageByName<T extends { name: string }>(
  resources: Iterable<T>,
  input: { NamePrefix?: string; NextToken?: string; Limit?: number },
  keep: (resource: T) => boolean = () => true,
): { items: T[]; NextToken?: string } {
  const all = [...resources].filter((r) => (input.NamePrefix === undefined || r.name.startsWith(input.NamePrefix)) && keep(r)).sort(byName);
  return page(all, input.NextToken, input.Limit);
}

export function page<T>(items: T[], nextToken: string | undefined, limit: number | undefined, max = 100): { items: T[]; NextToken?: string } {
  if (limit !== undefined && (limit < 1 || limit > max)) {
    const constraint = limit < 1 ? 'Member must have value greater than or equal to 1' : `Member must have value less than or equal to ${max}`;
    throw constraintError([{ value: limit, path: 'limit', constraint }]);
  }
  const start = nextToken ? offsetOf(nextToken) : 0;
  const size = limit ?? max;
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return end < items.length ? { items: slice, NextToken: Buffer.from(String(end)).toString('base64') } : { items: slice };
}

/**
 * The offset a NextToken this broker issued stands for. Any other token is refused, as AWS refuses a token
 * it did not issue (ValidationException; AWS's wording is not in the recorded answers).
 */
function offsetOf(token: string): number {
  const text = Buffer.from(token, 'base64').toString('utf8');
  const offset = /^[1-9][0-9]{0,8}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(offset) || Buffer.from(text).toString('base64') !== token) throw eventsErrors.validation('The NextToken provided is not valid.');
  return offset;
}
