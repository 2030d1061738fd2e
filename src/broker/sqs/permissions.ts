import { sqsErrors } from './errors';

/** The actions AddPermission may grant, as AWS lists them (without the `SQS:` prefix). */
const GRANTABLE_ACTIONS = new Set([
  '*',
  'ChangeMessageVisibility',
  'DeleteMessage',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'ListQueueTags',
  'PurgeQueue',
  'ReceiveMessage',
  'SendMessage',
]);
/** AddPermission's documented limit on the actions of one call. */
const MAX_ACTIONS = 7;
const LABEL = /^[A-Za-z0-9_-]{1,80}$/;

interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement?: { Sid?: string }[];
}

function parsePolicy(policy: string | undefined, queueArn: string): PolicyDocument & { Statement: { Sid?: string }[] } {
  const doc: PolicyDocument = policy ? JSON.parse(policy) : { Version: '2008-10-17', Id: `${queueArn}/SQSDefaultPolicy` };
  return { ...doc, Statement: Array.isArray(doc.Statement) ? doc.Statement : [] };
}

/** AddPermission: the queue's Policy with one more statement, shaped as SQS writes it. */
export function addPermission(
  policy: string | undefined,
  queueArn: string,
  partition: string,
  label: string,
  accountIds: string[],
  actions: string[],
): string {
  if (typeof label !== 'string' || !LABEL.test(label)) {
    throw sqsErrors.invalidValue(label, 'Label', 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.');
  }
  if (!accountIds?.length) throw sqsErrors.missingParameter('AWSAccountIds');
  if (!actions?.length) throw sqsErrors.missingParameter('Actions');
  if (actions.length > MAX_ACTIONS) throw sqsErrors.tooManyActions(actions.length, MAX_ACTIONS);
  for (const action of actions) {
    if (!GRANTABLE_ACTIONS.has(action)) {
      throw sqsErrors.invalidValue(
        `SQS:${action}`,
        'ActionName',
        'Please refer to the appropriate WSDL for a list of valid actions. ',
      );
    }
  }
  const doc = parsePolicy(policy, queueArn);
  if (doc.Statement.some((s) => s.Sid === label)) throw sqsErrors.invalidValue(label, 'Label', 'Already exists.');
  const principals = accountIds.map((id) => `arn:${partition}:iam::${id}:root`);
  const grants = actions.map((a) => `SQS:${a}`);
  doc.Statement.push({
    Sid: label,
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: grants.length === 1 ? grants[0] : grants,
    Resource: queueArn,
  } as { Sid: string });
  return JSON.stringify(doc);
}

/** RemovePermission: the queue's Policy without the labelled statement ('' when none remain). */
export function removePermission(policy: string | undefined, queueArn: string, label: string): string {
  const doc = parsePolicy(policy, queueArn);
  if (!doc.Statement.some((s) => s.Sid === label)) throw sqsErrors.invalidValue(label, 'Label', "can't find label.");
  doc.Statement = doc.Statement.filter((s) => s.Sid !== label);
  return doc.Statement.length ? JSON.stringify(doc) : '';
}
