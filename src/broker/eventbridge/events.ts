/**
 * What changed in EventBridge. Emitted by EventBridgeService from its one mutation path; the tree shows
 * buses and rules, the inspector shows each event's routing (matched rules, deliveries, misses) and the
 * store keeps buses, rules and targets.
 */
import type { EventBridgeArchiveEvent } from './archive-events';

export type EventBridgeDeliveryStatus = 'delivered' | 'retrying' | 'failed' | 'deadLettered';

export type EventBridgeEvent =
  | EventBridgeArchiveEvent
  | { service: 'events'; type: 'busCreated' | 'busDeleted' | 'busChanged'; busName: string; at: number }
  | { service: 'events'; type: 'ruleChanged' | 'ruleDeleted' | 'targetsChanged'; busName: string; ruleName: string; at: number }
  | { service: 'events'; type: 'tagsChanged'; resourceArn: string; at: number }
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
