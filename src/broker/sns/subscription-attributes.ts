import { parseArn } from '../identity';
import { AttributeReasonError } from './attribute-error';
import { compileFilterPolicy, FilterPolicyScope } from './filter-policy-compile';
import { JsonSyntaxError, parseJsonWithLocations, toPlain } from '../patterns/json-location';

export const subscriptionAttributeNames = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'SubscriptionRoleArn',
  'ReplayPolicy',
]);

export interface SubscriptionShape {
  protocol: string;
  endpoint: string;
  topicFifo: boolean;
  /** The subscription's attributes after this change is applied (to check scope against policy). */
  attributes: Record<string, string>;
}

/**
 * Checks one subscription attribute the way SNS does and returns the value to store. An empty FilterPolicy
 * removes the policy. Throws AttributeReasonError with SNS's reason text.
 */
export function validateSubscriptionAttribute(name: string, value: string, sub: SubscriptionShape): void {
  switch (name) {
    case 'RawMessageDelivery':
      if (!['true', 'false'].includes(value.toLowerCase())) {
        throw new AttributeReasonError(`RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
      }
      return;
    case 'FilterPolicyScope':
      if (value !== 'MessageAttributes' && value !== 'MessageBody') {
        throw new AttributeReasonError(`FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
      }
      if (sub.attributes.FilterPolicy) compileFilterPolicy(sub.attributes.FilterPolicy, value);
      return;
    case 'FilterPolicy':
      if (value !== '') compileFilterPolicy(value, (sub.attributes.FilterPolicyScope as FilterPolicyScope) ?? 'MessageAttributes');
      return;
    case 'RedrivePolicy':
      validateRedrivePolicy(value, sub);
      return;
    case 'DeliveryPolicy':
      parseJsonOrFail('DeliveryPolicy', value);
      return;
    default:
      return;
  }
}

function parseJsonOrFail(name: string, value: string): unknown {
  try {
    return toPlain(parseJsonWithLocations(value));
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    throw new AttributeReasonError(
      `${name}: failed to parse JSON. ${e.reason}\n at [Source: REDACTED (\`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION\` disabled); line: 1, column: ${e.column}]`,
    );
  }
}

function validateRedrivePolicy(value: string, sub: SubscriptionShape): void {
  if (value === '') return;
  const policy = parseJsonOrFail('RedrivePolicy', value) as { deadLetterTargetArn?: unknown } | null;
  const target = typeof policy?.deadLetterTargetArn === 'string' ? parseArn(policy.deadLetterTargetArn) : undefined;
  if (!target || target.service !== 'sqs' || !target.resource) {
    throw new AttributeReasonError('RedrivePolicy: deadLetterTargetArn is an invalid arn');
  }
  const subscriberIsFifoQueue = sub.protocol === 'sqs' && sub.endpoint.endsWith('.fifo');
  if (sub.topicFifo && subscriberIsFifoQueue && !target.resource.endsWith('.fifo')) {
    throw new AttributeReasonError('RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.');
  }
}
