// The SQS client both demo apps use: unchanged AWS SDK v3, pointed at Eventyard's local endpoint.
// AWS_ENDPOINT_URL is the SDK's own variable; the fallback keeps the demo from ever reaching real AWS.
import { SQSClient } from '@aws-sdk/client-sqs';

export const endpoint = process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566';
export const queueName = process.env.QUEUE_NAME ?? 'orders';

export const sqs = new SQSClient({
  endpoint,
  region: process.env.AWS_REGION ?? 'us-east-1',
  // any credentials do: the local broker accepts them without checking the signature
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
  },
});
