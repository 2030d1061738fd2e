/** Topic attributes: which ones exist, their defaults, and the EffectiveDeliveryPolicy SNS derives. */
export const settableTopicAttributes = new Set([
  'DisplayName',
  'Policy',
  'DeliveryPolicy',
  'KmsMasterKeyId',
  'SignatureVersion',
  'TracingConfig',
  'ContentBasedDeduplication',
  'ArchivePolicy',
  'FifoThroughputScope',
  'DataProtectionPolicy',
  ...['Application', 'HTTP', 'Lambda', 'SQS', 'Firehose'].flatMap((p) => [
    `${p}SuccessFeedbackRoleArn`,
    `${p}SuccessFeedbackSampleRate`,
    `${p}FailureFeedbackRoleArn`,
  ]),
]);

export function defaultTopicPolicy(topicArn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
      },
    ],
  });
}

export interface HealthyRetryPolicy {
  minDelayTarget: number;
  maxDelayTarget: number;
  numRetries: number;
  numMaxDelayRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  backoffFunction: 'linear' | 'arithmetic' | 'geometric' | 'exponential';
}

export interface HttpDeliveryPolicy {
  defaultHealthyRetryPolicy: HealthyRetryPolicy;
  disableSubscriptionOverrides: boolean;
  defaultRequestPolicy: { headerContentType: string };
}

const defaultHttpPolicy: HttpDeliveryPolicy = {
  defaultHealthyRetryPolicy: {
    minDelayTarget: 20,
    maxDelayTarget: 20,
    numRetries: 3,
    numMaxDelayRetries: 0,
    numNoDelayRetries: 0,
    numMinDelayRetries: 0,
    backoffFunction: 'linear',
  },
  disableSubscriptionOverrides: false,
  defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
};

function parseObject(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The topic's DeliveryPolicy filled in with SNS's defaults, as GetTopicAttributes reports it. */
export function effectiveHttpPolicy(topicDeliveryPolicy: string | undefined): HttpDeliveryPolicy {
  const http = (parseObject(topicDeliveryPolicy).http ?? {}) as Partial<HttpDeliveryPolicy>;
  return {
    defaultHealthyRetryPolicy: { ...defaultHttpPolicy.defaultHealthyRetryPolicy, ...http.defaultHealthyRetryPolicy },
    disableSubscriptionOverrides: http.disableSubscriptionOverrides ?? false,
    defaultRequestPolicy: { ...defaultHttpPolicy.defaultRequestPolicy, ...http.defaultRequestPolicy },
  };
}

/**
 * The retry schedule for one http(s) subscription: the subscription's own DeliveryPolicy (healthyRetryPolicy,
 * requestPolicy) overrides the topic's unless the topic disables overrides.
 */
export function subscriptionHttpPolicy(topicDeliveryPolicy: string | undefined, subscriptionDeliveryPolicy: string | undefined): HttpDeliveryPolicy {
  const topic = effectiveHttpPolicy(topicDeliveryPolicy);
  if (topic.disableSubscriptionOverrides) return topic;
  const sub = parseObject(subscriptionDeliveryPolicy) as { healthyRetryPolicy?: Partial<HealthyRetryPolicy>; requestPolicy?: { headerContentType?: string } };
  return {
    ...topic,
    defaultHealthyRetryPolicy: { ...topic.defaultHealthyRetryPolicy, ...sub.healthyRetryPolicy },
    defaultRequestPolicy: { ...topic.defaultRequestPolicy, ...sub.requestPolicy },
  };
}

/** Seconds to wait before retry `n` (1-based), following SNS's four retry phases. */
export function retryDelaySeconds(policy: HealthyRetryPolicy, n: number): number {
  const { numNoDelayRetries: none, numMinDelayRetries: minCount, numMaxDelayRetries: maxCount, numRetries } = policy;
  if (n <= none) return 0;
  if (n <= none + minCount) return policy.minDelayTarget;
  if (n > numRetries - maxCount) return policy.maxDelayTarget;
  const backoffCount = Math.max(1, numRetries - none - minCount - maxCount);
  const step = n - none - minCount;
  const fraction = backoffCount === 1 ? 1 : (step - 1) / (backoffCount - 1);
  const span = policy.maxDelayTarget - policy.minDelayTarget;
  const shaped =
    policy.backoffFunction === 'linear' || policy.backoffFunction === 'arithmetic'
      ? fraction
      : policy.backoffFunction === 'geometric'
        ? fraction ** 2
        : (2 ** (fraction * 10) - 1) / (2 ** 10 - 1);
  return Math.round(policy.minDelayTarget + span * shaped);
}
