/**
 * Connections and API destinations as store entries, beside the buses and rules of ./persistence.ts:
 * `events/connection/<name>` a connection with its authorization parameters (secrets included: the data
 * folder stands for Secrets Manager, so deliveries work after a restart; OAuth tokens are not kept and are
 * asked for again) and `events/api-destination/<name>` a destination.
 */
import type { ApiDestination } from './api-destinations';
import type { Connection } from './connections';
import type { EventBridgeEvent } from './events';
import type { EventsState } from './state';
import type { StateWriter } from '../store/state-writer';

const CONNECTION = 'events/connection/';
const API_DESTINATION = 'events/api-destination/';

/** Writes what a connection or destination event says changed; false for the events it does not handle. */
export function recordConnectionEvent(s: EventsState, writer: StateWriter, event: EventBridgeEvent): boolean {
  const [prefix, name, kept] =
    event.type === 'connectionChanged' || event.type === 'connectionDeleted'
      ? [CONNECTION, event.connectionName, s.connections.get(event.connectionName)]
      : event.type === 'apiDestinationChanged' || event.type === 'apiDestinationDeleted'
        ? [API_DESTINATION, event.apiDestinationName, s.apiDestinations.get(event.apiDestinationName)]
        : [];
  if (prefix === undefined) return false;
  // A deleted one is gone from the state as well, so what is kept decides between put and delete.
  if (kept) writer.put(prefix + name, kept);
  else writer.delete(prefix + name);
  return true;
}

export function* collectConnections(s: EventsState): Generator<[string, unknown]> {
  for (const c of s.connections.values()) yield [CONNECTION + c.name, c];
  for (const d of s.apiDestinations.values()) yield [API_DESTINATION + d.name, d];
}

export function restoreConnections(s: EventsState, entries: Map<string, unknown>): void {
  for (const [key, value] of entries) {
    if (key.startsWith(CONNECTION)) {
      const c = { ...(value as Connection) };
      s.connections.set(c.name, c);
      // A token request cut short by the stop is made again.
      if (c.state === 'AUTHORIZING') s.oauth.authorize(c);
    } else if (key.startsWith(API_DESTINATION)) {
      const d = { ...(value as ApiDestination) };
      s.apiDestinations.set(d.name, d);
    }
  }
}
