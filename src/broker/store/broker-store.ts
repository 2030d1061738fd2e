import { AwsError } from '../errors';
import type { EventBus } from '../events';
import type { Durability } from './journal';
import type { ServicePersistence } from './service-persistence';
import type { StateWriter } from './state-writer';
import { Store } from './store';

export interface PersistenceOptions {
  /** The folder that holds the snapshot and the journal. */
  dataDir: string;
  /** `sync` (default): a change is on disk before it is acknowledged. `fast`: fsync every fsyncIntervalMs. */
  mode?: Durability;
  /** Changes that add data are refused once the folder holds this many bytes. */
  maxBytes?: number;
  fsyncIntervalMs?: number;
  compactAfterBytes?: number;
}

/**
 * The services whose state the store keeps, each as its own mapping to entries made on the store's writer,
 * keyed by the `service` of its change events (local functions come back from eventyard.yaml instead).
 */
export type ServicePersistenceFactory = (writer: StateWriter) => Record<string, ServicePersistence>;

/**
 * The broker's durability: restores every service from the data folder, then follows the change events
 * (the one mutation path of each service) into the journal. The broker's one entry for writers
 * (Broker.request) asks `checkWritable` before an action that adds data and awaits `durable()` before
 * it answers, so an acknowledged change is on disk.
 */
export class BrokerStore {
  private readonly unsubscribe: () => void;

  private constructor(
    readonly store: Store,
    events: EventBus,
    services: ServicePersistenceFactory,
  ) {
    const byService = new Map(Object.entries(services(store)));
    const loaded = store.takeLoaded();
    for (const mapping of byService.values()) mapping.restore(loaded);
    store.collect = function* () {
      for (const mapping of byService.values()) yield* mapping.collect();
    };
    this.unsubscribe = events.on((event) => byService.get(event.service)?.record(event));
  }

  /** Opens the data folder and restores the services from it; throws StoreError with a message for the user. */
  static open(options: PersistenceOptions, events: EventBus, services: ServicePersistenceFactory): BrokerStore {
    const store = Store.open({
      dataDir: options.dataDir,
      durability: options.mode ?? 'sync',
      maxBytes: options.maxBytes,
      fsyncIntervalMs: options.fsyncIntervalMs,
      compactAfterBytes: options.compactAfterBytes,
    });
    try {
      return new BrokerStore(store, events, services);
    } catch (e) {
      void store.close();
      throw e;
    }
  }

  /**
   * Refuses data while the folder is full or cannot be written. ServiceUnavailable (HTTP 503) is what AWS
   * answers when it cannot take a request for now; SDKs retry it, and it tells the user the request
   * itself was fine.
   */
  checkWritable(): void {
    const reason = this.store.unavailable;
    if (reason) throw unavailable(reason);
  }

  /** Settles when every change so far is on disk; undefined when nothing waits (fast mode, no change). */
  durable(): Promise<void> | undefined {
    const pending = this.store.durable();
    return pending?.catch(() => {
      throw unavailable(this.store.unavailable ?? "writing Eventyard's data folder failed");
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.store.close();
  }
}

function unavailable(reason: string): AwsError {
  return new AwsError({ code: 'ServiceUnavailable', message: `Service is unable to handle the request: ${reason}.`, status: 503 });
}
