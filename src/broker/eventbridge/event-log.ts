import type { EventEnvelope } from './envelope';

export interface LoggedEvent {
  at: number;
  busName: string;
  event: EventEnvelope;
  /** The rules the event matched when it was put (a scheduled event: its rule). */
  matchedRules: string[];
}

/**
 * The most recent events put on the broker's buses, newest last, for the inspector: it shows an event, the
 * rules it matched and, through EventBridgeService.explain, why the others did not.
 */
export class EventLog {
  private entries: LoggedEvent[] = [];

  constructor(private readonly capacity = 1000) {}

  add(entry: LoggedEvent): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(busName?: string): LoggedEvent[] {
    return busName === undefined ? [...this.entries] : this.entries.filter((e) => e.busName === busName);
  }

  find(eventId: string): LoggedEvent | undefined {
    return this.entries.find((e) => e.event.id === eventId);
  }

  clear(): void {
    this.entries = [];
  }
}
