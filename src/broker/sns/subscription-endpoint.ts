import { parseArn } from '../identity';
import { snsErrors } from './errors';
import { isValidPhoneNumber } from './validation';

/** The endpoint a Subscribe names, checked for its protocol as SNS checks it. */
export function validateSubscriptionEndpoint(topicFifo: boolean, protocol: string, endpoint: string): void {
  const target = parseArn(endpoint);
  switch (protocol) {
    case 'sqs':
      if (!target || target.service !== 'sqs' || endpoint.split(':').length !== 6) throw snsErrors.invalidParameter('SQS endpoint ARN');
      if (target.resource.endsWith('.fifo') && !topicFifo) {
        throw snsErrors.invalidParameter('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
      }
      return;
    case 'http':
    case 'https':
      if (!endpoint.toLowerCase().startsWith(`${protocol}://`)) throw snsErrors.invalidParameter('Endpoint must match the specified protocol');
      return;
    case 'email':
    case 'email-json':
      if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw snsErrors.invalidParameter('Email address');
      return;
    case 'sms':
      if (!isValidPhoneNumber(endpoint)) throw snsErrors.invalidParameterRaw(`Invalid SMS endpoint: ${endpoint}`);
      return;
    case 'lambda':
      if (!target || target.service !== 'lambda') throw snsErrors.invalidParameter('Lambda endpoint ARN');
      return;
    case 'firehose':
      if (!target || target.service !== 'firehose') throw snsErrors.invalidParameter('Firehose endpoint ARN');
      return;
    default:
      if (!target || target.service !== 'sns' || !target.resource.startsWith('endpoint/')) {
        throw snsErrors.invalidParameter('Endpoint Reason: An ARN must have at least 6 elements, not 1');
      }
  }
}
