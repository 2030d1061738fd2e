import { AwsError } from '../../broker/errors';
import type { ApiCalls } from './broker-client';
import { fromSdkError } from './sdk-errors';
import { fromSdkOutput, toSdkInput } from './sdk-values';

/** The services the editor calls, by the names `BrokerClient` and the broker use. */
export type SdkService = 'sqs' | 'sns' | 'kinesis' | 'firehose' | 'events' | 'states' | 's3' | 'kinesisanalytics';

/**
 * Who this window is to another broker: the static credentials the SDK signs with (SigV4), so a broker that
 * checks signatures (`eventyard.accessKeys`, `serve --access-key`) serves this window too, and the region.
 */
export interface RemoteIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** What a broker that checks no signatures accepts, and what the SDKs' examples use locally. */
export const TEST_IDENTITY: RemoteIdentity = { accessKeyId: 'test', secretAccessKey: 'test', region: 'us-east-1' };

interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}
type SdkModule = Record<string, unknown>;

/**
 * Each service's SDK package: its client class and, in the same module, one `<Action>Command` per action.
 * Loaded on first use: evaluating the five packages takes a good part of a second, which a window that
 * runs its own broker (no remote client) should not spend while activating.
 */
const packages: Record<SdkService, () => Promise<{ Client: new (config: object) => SdkClient; commands: SdkModule }>> = {
  sqs: async () => import('@aws-sdk/client-sqs').then((m) => ({ Client: m.SQSClient, commands: m })),
  sns: async () => import('@aws-sdk/client-sns').then((m) => ({ Client: m.SNSClient, commands: m })),
  kinesis: async () => import('@aws-sdk/client-kinesis').then((m) => ({ Client: m.KinesisClient, commands: m })),
  firehose: async () => import('@aws-sdk/client-firehose').then((m) => ({ Client: m.FirehoseClient, commands: m })),
  events: async () => import('@aws-sdk/client-eventbridge').then((m) => ({ Client: m.EventBridgeClient, commands: m })),
  states: async () => import('@aws-sdk/client-sfn').then((m) => ({ Client: m.SFNClient, commands: m })),
  s3: async () => import('@aws-sdk/client-s3').then((m) => ({ Client: m.S3Client, commands: m })),
  kinesisanalytics: async () => import('@aws-sdk/client-kinesis-analytics').then((m) => ({ Client: m.KinesisAnalyticsClient, commands: m })),
};

/**
 * Two tries: one more after a dropped connection, but a user's action against a broker that is gone
 * (connection refused, at once) fails in milliseconds rather than after the SDK's default three tries
 * with back-off.
 */
const MAX_ATTEMPTS = 2;
/** Loopback or a LAN: a connection not made in 2 s will not be. */
const CONNECTION_TIMEOUT_MS = 2000;
/** Above SQS's longest long poll (20 s), the slowest answer an action can rightly take. */
const REQUEST_TIMEOUT_MS = 25_000;

/** Static keys, or a provider the SDK calls for fresh credentials (a profile's: SSO, assumed role, credential_process). */
export type SdkCredentials = { accessKeyId: string; secretAccessKey: string } | (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>);

/** Where and as whom the clients speak; the defaults suit another Eventyard on this machine or the LAN. */
export interface SdkTarget {
  /** Undefined: AWS's own endpoint for the region. */
  endpoint: string | undefined;
  region: string;
  credentials: SdkCredentials;
  maxAttempts?: number;
  connectionTimeoutMs?: number;
  /**
   * HTTP/1.1 even for Kinesis, whose client defaults to HTTP/2: emulators such as kinesalite and LocalStack
   * do not speak HTTP/2 without TLS. (Only SubscribeToShard needs HTTP/2, and the editor does not call it.)
   */
  http1?: boolean;
  /** Turns an SDK failure into what callers see; `fromSdkError` by default. */
  mapError?: (e: unknown) => Error;
}

async function requestHandler(target: SdkTarget): Promise<object> {
  const timeouts = { connectionTimeout: target.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS };
  if (!target.http1) return timeouts;
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  return new NodeHttpHandler(timeouts);
}

export interface AwsSdkClients {
  /** `client.send(new <action>Command(input))` on the service's client, in and out in the engine's shapes; failures reject as `fromSdkError` says. */
  call(service: SdkService, action: string, input: unknown): Promise<unknown>;
  /** Closes the clients' kept-alive connections. */
  destroy(): void;
}

/**
 * The AWS SDK v3 clients of one endpoint and identity, made when first used: AWS's own codecs, SigV4
 * signing, retries and error parsing, so this window speaks to another broker exactly as an application
 * does. No logger is given, so the SDK logs nothing (and with it, nothing of the credentials).
 */
export function awsSdkClients(endpoint: string, identity: RemoteIdentity): AwsSdkClients {
  return sdkClientsFor({
    endpoint,
    region: identity.region,
    credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
  });
}

/** The same clients for any target: a connection to AWS itself or to another AWS-compatible endpoint. */
export function sdkClientsFor(target: SdkTarget): AwsSdkClients {
  const endpoint = target.endpoint;
  const mapError = target.mapError ?? ((e: unknown) => fromSdkError(e, endpoint ?? `AWS (${target.region})`));
  const clients = new Map<SdkService, { client: SdkClient; commands: SdkModule }>();
  const clientOf = async (service: SdkService) => {
    let made = clients.get(service);
    if (!made) {
      const { Client, commands } = await packages[service]();
      made = clients.get(service) ?? {
        client: new Client({
          ...(endpoint ? { endpoint } : {}),
          region: target.region,
          credentials: target.credentials,
          maxAttempts: target.maxAttempts ?? MAX_ATTEMPTS,
          requestHandler: await requestHandler(target),
          // `<bucket>.127.0.0.1` names no host: buckets go in the path at any endpoint but AWS's own
          ...(service === 's3' && endpoint ? { forcePathStyle: true } : {}),
        }),
        commands,
      };
      clients.set(service, made);
    }
    return made;
  };
  return {
    async call(service, action, input) {
      try {
        const { client, commands } = await clientOf(service);
        const name = `${action}Command`;
        const Command = Object.hasOwn(commands, name) ? commands[name] : undefined;
        if (typeof Command !== 'function') {
          throw new AwsError({ code: 'InvalidAction', message: `The action ${action} is not valid for this endpoint.` });
        }
        // the credentials are resolved inside send: a profile's provider failing (SSO expired) lands here too
        let output = await client.send(new (Command as new (input: unknown) => unknown)(toSdkInput(service, input ?? {})));
        // A streamed body (S3's GetObject) is read whole here, while the connection is still ours.
        const body = (output as { Body?: { transformToByteArray?: () => Promise<Uint8Array> } }).Body;
        if (typeof body?.transformToByteArray === 'function') output = { ...(output as object), Body: await body.transformToByteArray() };
        return fromSdkOutput(output);
      } catch (e) {
        throw mapError(e);
      }
    },
    destroy() {
      for (const { client } of clients.values()) client.destroy();
      clients.clear();
    },
  };
}

/** Each service's actions over one set of SDK clients, in and out in the engine's shapes, as `BrokerClient` types them. */
export function sdkApiCalls(sdk: AwsSdkClients): ApiCalls {
  const call = (service: SdkService) => (action: string, input: unknown) => sdk.call(service, action, input);
  return {
    sqs: call('sqs') as ApiCalls['sqs'],
    sns: call('sns') as ApiCalls['sns'],
    kinesis: call('kinesis') as ApiCalls['kinesis'],
    firehose: call('firehose') as ApiCalls['firehose'],
    events: call('events') as ApiCalls['events'],
    states: call('states') as ApiCalls['states'],
  };
}
