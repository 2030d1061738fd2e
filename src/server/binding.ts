import type { Broker } from '../broker/broker';
import type { BrokerScope } from '../broker/scope';
import type { ServiceName } from '../broker/service-actions';
import type { OperationShapes } from './shapes';
import type { WireRequest, WireResponse } from './wire';

/** How one AWS service is reached on the wire. Registered in services.ts; see the guide at its top. */
export interface ServiceBinding {
  /** The SigV4 signing name (`sqs`, `sns`, `kinesis`, `firehose`); also the name /_eventyard/health lists. */
  name: ServiceName;
  /**
   * The engine's dispatch table (an OperationTable: AWS action name to handler). Typed as `object` so
   * a service's own operations interface, e.g. SqsOperations, fits without an index signature.
   * `scope` is the account and region the request acts in (request-scope.ts); `broker` holds what is
   * not per scope (STS).
   */
  operations: (scope: BrokerScope, broker: Broker) => object;
  /**
   * Forgets every resource of the service in one scope (POST /_eventyard/reset calls it for each), through
   * the engine's own mutation path.
   */
  reset: (scope: BrokerScope) => void;
  /** One service for the whole broker (STS): its requests make no account or region scope. */
  global?: boolean;
  /** JSON and CBOR protocols: the `X-Amz-Target` prefix before the dot (`AmazonSQS`, `Kinesis_20131202`). */
  target?: {
    prefix: string;
    /** `1.0` (SQS) or `1.1` (Kinesis, Firehose): the content type the service answers with. */
    jsonVersion: '1.0' | '1.1';
    /** Prefix of `__type` in errors (`com.amazonaws.sqs#`); AWS JSON 1.1 services send the bare name. */
    errorTypePrefix?: string;
    /** Send `x-amzn-query-error: <queryCode>;<fault>` so query-compatible SDKs see the legacy codes (SQS). */
    queryCompatible?: boolean;
    /** Accept `application/x-amz-cbor-1.1` bodies and answer in CBOR (Kinesis, as the Java SDK speaks it). */
    cbor?: boolean;
    /**
     * Refuse inputs missing a member the model requires with AWS's front-end ValidationException
     * ("Value null at 'x' failed to satisfy constraint: Member must not be null"), before the engine runs
     * (EventBridge). Otherwise the engine checks required members in its service's own words.
     */
    required?: boolean;
  };
  /** The query/XML protocol (`Action=...&Version=...` form posts). */
  query?: {
    xmlNamespace: string;
    /** Adjusts a decoded input, e.g. SQS takes the queue URL from the path when the form has none. */
    prepareInput?: (action: string, input: Record<string, unknown>, request: WireRequest) => void;
  };
  /**
   * Operation shapes from the service's model (model.ts): required for the query protocol (they drive
   * decoding and the XML answer); JSON and CBOR read each input against them (types, blobs to bytes,
   * timestamps to Date, null members dropped).
   */
  shapes?: Record<string, OperationShapes>;
  /**
   * JSON and CBOR: answers an action whose output no generic codec expresses (Kinesis SubscribeToShard's
   * event stream). Returning undefined leaves the output to the protocol codec.
   */
  encodeOutput?: (action: string, output: unknown, request: WireRequest, cbor: boolean) => WireResponse | undefined;
}
