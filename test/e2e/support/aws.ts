// The AWS SDK as a user's app uses it, pointed at the broker the workbench's extension runs.
import { SQSClient } from '@aws-sdk/client-sqs';
import { workbench } from './workbench';

export function sqsClient(): SQSClient {
  return new SQSClient({
    endpoint: workbench.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

export async function sfnClient() {
  const { SFNClient } = await import('@aws-sdk/client-sfn');
  return new SFNClient({ endpoint: workbench.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}
