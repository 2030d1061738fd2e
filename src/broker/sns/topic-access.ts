/**
 * Whether a topic's access policy lets a caller of another account run an SNS action (Publish,
 * GetTopicAttributes, ...), as AWS judges a cross-account request; the owner's account needs no policy.
 * The caller is the root of its account (no IAM users). An Allow must name the action (`SNS:Publish`,
 * `SNS:*`, `*`), cover the topic's ARN (or name no Resource), have a Principal covering the account (`*`,
 * the id or `arn:aws:iam::<id>:root`) and hold its conditions for that account (aws:SourceOwner and
 * aws:SourceAccount are the caller's account here; any other key fails); a matching Deny wins. Subscribe,
 * with its protocol and endpoint keys, is judged by topic-policy.ts.
 */
interface Statement {
  Effect?: string;
  Principal?: string | { AWS?: string | string[] };
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export function topicPolicyAllows(policy: string, topicArn: string, action: string, accountId: string): boolean {
  let statements: Statement[];
  try {
    const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    statements = [doc.Statement ?? []].flat().filter((s): s is Statement => typeof s === 'object' && s !== null);
  } catch {
    return false;
  }
  const applies = (s: Statement) =>
    coversPrincipal(s.Principal, accountId) && coversAction(s.Action, action) && coversResource(s.Resource, topicArn) && conditionsHold(s.Condition, accountId);
  if (statements.some((s) => s.Effect === 'Deny' && applies(s))) return false;
  return statements.some((s) => s.Effect === 'Allow' && applies(s));
}

function coversPrincipal(principal: Statement['Principal'], accountId: string): boolean {
  const names = typeof principal === 'string' ? [principal] : [principal?.AWS ?? []].flat();
  return names.some((p) => p === '*' || p === accountId || p === `arn:aws:iam::${accountId}:root`);
}

/** PublishBatch is authorized as SNS:Publish, as in AWS. */
function coversAction(actions: Statement['Action'], action: string): boolean {
  const name = `sns:${action.replace(/Batch$/, '').toLowerCase()}`;
  return [actions ?? []].flat().some((a) => typeof a === 'string' && glob(a.toLowerCase(), name));
}

function coversResource(resources: Statement['Resource'], topicArn: string): boolean {
  if (resources === undefined) return true;
  return [resources].flat().some((r) => typeof r === 'string' && glob(r, topicArn));
}

function conditionsHold(condition: Statement['Condition'], accountId: string): boolean {
  return Object.entries(condition ?? {}).every(([operator, block]) =>
    Object.entries(block ?? {}).every(([key, expected]) => {
      const k = key.toLowerCase();
      if (k !== 'aws:sourceowner' && k !== 'aws:sourceaccount') return false;
      const values = [expected].flat();
      if (operator === 'StringEquals' || operator === 'ArnEquals') return values.includes(accountId);
      if (operator === 'StringLike' || operator === 'ArnLike') return values.some((v) => glob(v, accountId));
      return false;
    }),
  );
}

/** IAM wildcards: `*` any run of characters, `?` one. */
function glob(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's').test(value);
}
