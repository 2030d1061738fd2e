/**
 * Whether a queue's Policy attribute lets a caller of another account run an action, as AWS judges a
 * cross-account request (the queue owner's account needs no policy). There are no IAM users: the caller
 * is the root of its account. An Allow must name the action (`SQS:SendMessage`, `SQS:*`, `*`), cover the
 * queue's ARN (or name no Resource) and have a Principal covering the account (`*`, the account id or
 * `arn:aws:iam::<account>:root`); a matching Deny wins. Statements with a Condition grant nothing here: their
 * keys (aws:SourceArn, ...) describe deliveries by other services, not a caller.
 */
interface Statement {
  Effect?: string;
  Principal?: string | { AWS?: string | string[] };
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: unknown;
}

export function queuePolicyAllows(policy: string | undefined, queueArn: string, action: string, accountId: string): boolean {
  let statements: Statement[];
  try {
    const doc = policy ? (JSON.parse(policy) as { Statement?: Statement | Statement[] }) : {};
    statements = [doc.Statement ?? []].flat().filter((s): s is Statement => typeof s === 'object' && s !== null);
  } catch {
    return false;
  }
  const applies = (s: Statement) => coversPrincipal(s.Principal, accountId) && coversAction(s.Action, action) && coversResource(s.Resource, queueArn);
  if (statements.some((s) => s.Effect === 'Deny' && applies(s))) return false;
  return statements.some((s) => s.Effect === 'Allow' && s.Condition === undefined && applies(s));
}

function coversPrincipal(principal: Statement['Principal'], accountId: string): boolean {
  const names = typeof principal === 'string' ? [principal] : [principal?.AWS ?? []].flat();
  return names.some((p) => p === '*' || p === accountId || p === `arn:aws:iam::${accountId}:root`);
}

/** A batch action is authorized as its single form (SendMessageBatch needs SQS:SendMessage), as in AWS. */
function coversAction(actions: Statement['Action'], action: string): boolean {
  const name = `sqs:${action.replace(/Batch$/, '').toLowerCase()}`;
  return [actions ?? []].flat().some((a) => typeof a === 'string' && glob(a.toLowerCase(), name));
}

function coversResource(resources: Statement['Resource'], queueArn: string): boolean {
  if (resources === undefined) return true;
  return [resources].flat().some((r) => typeof r === 'string' && glob(r, queueArn));
}

/** IAM wildcards: `*` any run of characters, `?` one. */
function glob(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's').test(value);
}
