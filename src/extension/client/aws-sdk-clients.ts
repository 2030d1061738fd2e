import { AwsError } from '../../broker/errors';
import { fromSdkError } from './sdk-errors';
import { fromSdkOutput, toSdkInput } from './sdk-values';

/** The services the editor calls, by the names `BrokerClient` and the broker use. */
export type SdkService = 'sqs' | 'sns' | 'kinesis' | 'firehose' | 'events' | 'states';

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
  const clients = new Map<SdkService, { client: SdkClient; commands: SdkModule }>();
  const clientOf = async (service: SdkService) => {
    let made = clients.get(service);
    if (!made) {
      const { Client, commands } = await packages[service]();
      made = clients.get(service) ?? {
        client: new Client({
          endpoint,
          region: identity.region,
          credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
          maxAttempts: MAX_ATTEMPTS,
          requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
        }),
        commands,
      };
      clients.set(service, made);
    }
    return made;
  };
  return {
    async call(service, action, input) {
      const { client, commands } = await clientOf(service);
      const name = `${action}Command`;
      const Command = Object.hasOwn(commands, name) ? commands[name] : undefined;
      if (typeof Command !== 'function') {
        throw new AwsError({ code: 'InvalidAction', message: `The action ${action} is not valid for this endpoint.` });
      }
      let output: unknown;
      try {
        output = await client.send(new (Command as new (input: unknown) => unknown)(toSdkInput(service, input ?? {})));
      } catch (e) {
        throw fromSdkError(e, endpoint);
      }
      return fromSdkOutput(output);
    },
    destroy() {
      for (const { client } of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
