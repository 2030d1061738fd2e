import { sdkApiCalls, sdkClientsFor, TEST_IDENTITY, type SdkCredentials } from '../client/aws-sdk-clients';
import type { ApiCalls } from '../client/broker-client';
import { explainError, type ErrorContext } from './connection-errors';
import type { ConnectionSpec } from './connection-spec';

/** AWS answers from further away than a local broker, and throttles: a little more patience and one more try. */
const AWS_ATTEMPTS = 3;
const AWS_CONNECTION_TIMEOUT_MS = 5000;

export interface ConnectionClient extends ApiCalls {
  readonly spec: ConnectionSpec;
  readonly region: string;
  dispose(): void;
}

/**
 * The AWS SDK v3 clients of one connection in one region: credentials from the SDK's own providers
 * (`fromIni`: static keys, assumed roles, SSO, credential_process, as the AWS CLI resolves the profile), or
 * the `test` keys for an endpoint without a profile. Failures reject with a `ConnectionError` that says
 * what to do. The providers are loaded on first use, as the SDK clients are.
 */
export function connectionClient(spec: ConnectionSpec, region: string): ConnectionClient {
  const where: ErrorContext = { region, ...(spec.profile ? { profile: spec.profile } : {}), ...(spec.endpoint ? { endpoint: spec.endpoint } : {}) };
  const credentials: SdkCredentials = spec.profile ? profileCredentials(spec.profile) : { accessKeyId: TEST_IDENTITY.accessKeyId, secretAccessKey: TEST_IDENTITY.secretAccessKey };
  // the same SDK clients as the attached window's (`remote-client.ts`), only with the profile's
  // credentials, AWS's patience, and failures explained for the person at the editor
  const sdk = sdkClientsFor({
    endpoint: spec.endpoint,
    region,
    credentials,
    ...(spec.endpoint ? { http1: true } : { maxAttempts: AWS_ATTEMPTS, connectionTimeoutMs: AWS_CONNECTION_TIMEOUT_MS }),
    mapError: (e) => explainError(e, where),
  });
  return { spec, region, ...sdkApiCalls(sdk), dispose: () => sdk.destroy() };
}

/**
 * The profile's credentials as the SDK resolves them, read afresh on each expiry (the provider caches
 * until then). `ignoreCache` makes a profile edited or an `aws sso login` run since the last try count.
 */
function profileCredentials(profile: string): SdkCredentials {
  let provider: SdkCredentials | undefined;
  return async () => {
    if (!provider) {
      const { fromIni } = await import('@aws-sdk/credential-providers');
      provider = fromIni({ profile, ignoreCache: true }) as SdkCredentials;
    }
    return (provider as () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>)();
  };
}
