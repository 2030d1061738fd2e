import { dummyAccessKey, type AccessKey } from '../../broker/identity';

/** The variables an unchanged AWS SDK or CLI needs to talk to Eventyard instead of AWS. */
export function environmentVariables(endpoint: string, region: string, key: AccessKey = dummyAccessKey): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
  };
}

/** As lines of a .env file, which shells (`export $(cat .env)`), docker and most tools read. */
export function environmentText(endpoint: string, region: string, key?: AccessKey): string {
  return Object.entries(environmentVariables(endpoint, region, key)).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}
