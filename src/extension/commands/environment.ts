/** The variables an unchanged AWS SDK or CLI needs to talk to Eventyard instead of AWS. */
export function environmentVariables(endpoint: string, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
}

/** As lines of a .env file, which shells (`export $(cat .env)`), docker and most tools read. */
export function environmentText(endpoint: string, region: string): string {
  return Object.entries(environmentVariables(endpoint, region)).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}
