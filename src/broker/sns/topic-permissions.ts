import { snsErrors } from './errors';

/** Every SNS action a topic policy statement may name (AddPermission refuses anything else). */
const snsActions = new Set([
  'AddPermission', 'ConfirmSubscription', 'CreateTopic', 'DeleteTopic', 'GetDataProtectionPolicy', 'GetSubscriptionAttributes',
  'GetTopicAttributes', 'ListSubscriptions', 'ListSubscriptionsByTopic', 'ListTagsForResource', 'ListTopics', 'Publish',
  'PublishBatch', 'PutDataProtectionPolicy', 'RemovePermission', 'SetSubscriptionAttributes', 'SetTopicAttributes',
  'Subscribe', 'TagResource', 'Unsubscribe', 'UntagResource',
]);

interface Policy {
  Version?: string;
  Id?: string;
  Statement?: Record<string, unknown>[];
}

function parse(policyText: string): Policy {
  try {
    const p = JSON.parse(policyText) as Policy;
    return { ...p, Statement: [p.Statement ?? []].flat() };
  } catch {
    return { Version: '2008-10-17', Statement: [] };
  }
}

/** AddPermission: one Allow statement, labelled, for the given accounts and SNS actions, as AWS writes it. */
export function addPermission(policyText: string, topicArn: string, label: string, accountIds: string[], actionNames: string[]): string {
  const policy = parse(policyText);
  if (policy.Statement!.some((s) => s.Sid === label)) throw snsErrors.invalidParameter('Statement already exists');
  if (actionNames.length === 0 || actionNames.some((a) => !snsActions.has(a.replace(/^sns:/i, '')))) {
    throw snsErrors.invalidParameter('Policy statement action out of service scope!');
  }
  const principals = accountIds.map((id) => (/^\d{12}$/.test(id) ? `arn:aws:iam::${id}:root` : id));
  const actions = actionNames.map((a) => `SNS:${a.replace(/^sns:/i, '')}`);
  policy.Statement!.push({
    Sid: label,
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: actions.length === 1 ? actions[0] : actions,
    Resource: topicArn,
  });
  return JSON.stringify(policy);
}

export function removePermission(policyText: string, label: string): string {
  const policy = parse(policyText);
  policy.Statement = policy.Statement!.filter((s) => s.Sid !== label);
  return JSON.stringify(policy);
}
