import { Broker } from '../broker/broker';
import type { AccessKey, Identity } from '../broker/identity';
import { EnvelopeSigner } from '../broker/sns/envelope-signer';
import type { PersistenceOptions } from '../broker/store/broker-store';
import { NodeInvocationRunner } from '../functions-runtime/node-runner';
import { nodeEventsHttpClient } from '../server/eventbridge/http-client';
import { nodeHttpEndpointPoster } from '../server/firehose/http-endpoint-poster';
import { nodeHttpDeliverer } from '../server/sns/http-deliverer';

/** What `eventyard serve` and the editor decide from their flags and settings; everything else is fixed below. */
export interface RuntimeSettings {
  /** Where clients reach the broker: queue URLs and the handlers' AWS_ENDPOINT_URL. */
  endpoint: string;
  identity?: Partial<Identity>;
  /** The folder standing for S3 where Firehose lands objects. */
  bucketsRoot?: string;
  maxMemoryBytes?: number;
  /** Hops each resource keeps for message traces (src/broker/trace); 0: off; default 1,000. */
  traceBufferSize?: number;
  /** The keys the endpoint checks signatures against; handlers sign with the first (default: test/test). */
  accessKeys: AccessKey[];
  /** Keep state in a data folder; opening a damaged or busy one throws StoreError. */
  persistence?: PersistenceOptions;
  /** How long a Kinesis stream stays CREATING (and UPDATING after a reshard) before ACTIVE; default 0. */
  streamCreateDelayMs?: number;
}

/**
 * The one composition root of a broker that runs for real, shared by `eventyard serve` and the editor:
 * the engine with the Node pieces it drives (handler processes, HTTP deliveries for SNS, Firehose and EventBridge API destinations)
 * and the key that signs SNS envelopes, all passed at construction. One runtime makes the brokers of a
 * process in turn (the editor restarts its broker), so the signing key stays the same across restarts.
 */
export class LocalRuntime {
  private readonly signer = new EnvelopeSigner();

  createBroker(settings: RuntimeSettings): Broker {
    return new Broker({
      endpoint: settings.endpoint,
      identity: settings.identity,
      maxMemoryBytes: settings.maxMemoryBytes,
      traceBufferSize: settings.traceBufferSize,
      persistence: settings.persistence,
      // The broker owns and disposes the runner: each broker gets its own handler processes.
      functionRunner: new NodeInvocationRunner(),
      functionAccessKey: settings.accessKeys[0],
      sns: { httpDeliverer: nodeHttpDeliverer, signer: this.signer },
      firehose: { bucketsRoot: settings.bucketsRoot, httpEndpointPoster: nodeHttpEndpointPoster },
      eventbridge: { httpClient: nodeEventsHttpClient },
      kinesis: { statusTransitionMs: settings.streamCreateDelayMs },
    });
  }
}
