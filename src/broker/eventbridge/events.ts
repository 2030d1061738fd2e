import type { EventBridgeArchiveEvent } from './archive-events';
import type { BusRecord, RuleRecord } from './saved';

/**
 * What changed in EventBridge. Emitted by EventBridgeService from its one mutation path; the tree shows
 * buses and rules, the inspector shows each event's routing (matched rules, deliveries, misses) and the
 * store keeps buses, rules and targets. A change to a bus or a rule carries it as saved (EventsState.emit
 * fills it in), so the store needs nothing else.
 */

export type EventBridgeDeliveryStatus = 'delivered' | 'retrying' | 'failed' | 'deadLettered';

export type EventBridgeEvent =
  | EventBridgeArchiveEvent
  | { service: 'events'; type: 'busCreated' | 'busChanged'; busName: string; bus: BusRecord; at: number }
  | { service: 'events'; type: 'busDeleted'; busName: string; at: number }
  | { service: 'events'; type: 'ruleChanged' | 'targetsChanged'; busName: string; ruleName: string; rule: RuleRecord; at: number }
  | { service: 'events'; type: 'ruleDeleted'; busName: string; ruleName: string; at: number }
  /** The bus or the rule tagged, as saved. */
  | { service: 'events'; type: 'tagsChanged'; resourceArn: string; bus?: BusRecord; rule?: RuleRecord; at: number }
  /** A connection was created, updated, deauthorized or changed state (never with its secrets). */
  | { service: 'events'; type: 'connectionChanged' | 'connectionDeleted'; connectionName: string; at: number }
  | { service: 'events'; type: 'apiDestinationChanged' | 'apiDestinationDeleted'; apiDestinationName: string; at: number }
  | {
      service: 'events';
      type: 'eventPut';
      busName: string;
      eventId: string;
      source: string;
      detailType: string;
      /** Names of the rules the event matched. */
      matchedRules: string[];
      /** The whole event as routed (by reference: listeners must not change it), for traces. */
      event?: object;
      at: number;
    }
  | {
      service: 'events';
      type: 'delivery';
      busName: string;
      ruleName: string;
      targetId: string;
      targetArn: string;
      eventId: string;
      status: EventBridgeDeliveryStatus;
      attempt: number;
      /** failed/retrying: what went wrong; deadLettered: where it went. */
      detail?: string;
      at: number;
    };
