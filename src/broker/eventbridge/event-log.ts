import type { EventEnvelope } from './envelope';
import type { EventBridgeDeliveryStatus } from './events';

/** The latest outcome of one target's delivery of a logged event. */
export interface LoggedDelivery {
  ruleName: string;
  targetId: string;
  targetArn: string;
  status: EventBridgeDeliveryStatus;
  attempt: number;
  detail?: string;
  /** What the target was sent when its Input, InputPath or InputTransformer changed it; absent: the event as is. */
  payload?: string;
}

export interface LoggedEvent {
  at: number;
  busName: string;
  event: EventEnvelope;
  /** The rules the event matched when it was put (a scheduled event: its rule). */
  matchedRules: string[];
  /** One entry per rule and target, updated as attempts go on. */
  deliveries: LoggedDelivery[];
}

/**
 * The most recent events put on the broker's buses, newest last, for the inspector: it shows an event, the
 * rules it matched and, through EventBridgeService.explain, why the others did not.
 */
export class EventLog {
  private entries: LoggedEvent[] = [];

  constructor(private readonly capacity = 1000) {}

  add(entry: Omit<LoggedEvent, 'deliveries'>): void {
    this.entries.push({ ...entry, deliveries: [] });
    // Trimmed in chunks: dropping the oldest on every event would copy the whole array each time (the
    // PutEvents benchmark, bench/engine-eventbridge.bench.ts, spent most of its time there).
    if (this.entries.length >= this.capacity * 2) this.entries = this.entries.slice(-this.capacity);
  }

  /** Where the kept events start: older ones wait for the next trim. */
  private get first(): number {
    return Math.max(0, this.entries.length - this.capacity);
  }

  /** Records a delivery's latest outcome on the event it belongs to (one event id may be on several buses). */
  recordDelivery(busName: string, eventId: string, delivery: LoggedDelivery): void {
    const entry = this.find(eventId, busName);
    if (!entry) return;
    const i = entry.deliveries.findIndex((d) => d.ruleName === delivery.ruleName && d.targetId === delivery.targetId);
    if (i >= 0) entry.deliveries[i] = delivery;
    else entry.deliveries.push(delivery);
  }

  list(busName?: string): LoggedEvent[] {
    const kept = this.entries.slice(this.first);
    return busName === undefined ? kept : kept.filter((e) => e.busName === busName);
  }

  /** Newest first, since a recent event is the one asked about. */
  find(eventId: string, busName?: string): LoggedEvent | undefined {
    for (let i = this.entries.length - 1; i >= this.first; i--) {
      const e = this.entries[i];
      if (e.event.id === eventId && (busName === undefined || e.busName === busName)) return e;
    }
    return undefined;
  }

  clear(): void {
    this.entries = [];
  }
}
