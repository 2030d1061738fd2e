/**
 * The topic's access policy (IAM JSON in the Policy attribute), evaluated for sns:Subscribe with the
 * condition keys SNS offers there: sns:Protocol and sns:Endpoint (plus aws:SourceOwner/SourceAccount).
 *
 * The broker has no IAM identities: the caller is the account's root. So, like AWS for a same-account
 * caller, a policy that says nothing about Subscribe allows it; an explicit Deny that matches denies it;
 * and a policy whose Subscribe statements all carry protocol/endpoint conditions that the request does not
 * meet denies it, because the only grants of Subscribe it has are narrower than the request. A caller of
 * another account (the root of the account its key names) needs an Allow whose Principal covers it.
 */
export interface SubscribeRequestContext {
  topicArn: string;
  protocol: string;
  endpoint: string;
  accountId: string;
}

export type PolicyDecision = { allowed: true } | { allowed: false; reason: 'explicitDeny' | 'noAllow' };

interface Statement {
  Effect?: string;
  Principal?: string | { AWS?: string | string[] };
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export function evaluateSubscribe(policyText: string, request: SubscribeRequestContext): PolicyDecision {
  let policy: { Statement?: Statement | Statement[] };
  try {
    policy = JSON.parse(policyText);
  } catch {
    return { allowed: true };
  }
  const statements = [policy.Statement ?? []].flat().filter((s) => coversSubscribe(s) && coversResource(s, request.topicArn));
  const keys: Record<string, string> = {
    'sns:protocol': request.protocol,
    'sns:endpoint': request.endpoint,
    'aws:sourceowner': request.accountId,
    'aws:sourceaccount': request.accountId,
  };
  const matching = statements.filter((s) => conditionsHold(s.Condition, keys));
  if (matching.some((s) => s.Effect === 'Deny')) return { allowed: false, reason: 'explicitDeny' };
  if (request.topicArn.split(':')[4] !== request.accountId) {
    return matching.some((s) => s.Effect === 'Allow' && coversAccount(s.Principal, request.accountId)) ? { allowed: true } : { allowed: false, reason: 'noAllow' };
  }
  const allows = statements.filter((s) => s.Effect === 'Allow');
  const restricting = allows.filter((s) => Object.values(s.Condition ?? {}).some((c) => Object.keys(c).some(isSubscribeKey)));
  if (restricting.length > 0 && restricting.length === allows.length && !matching.some((s) => s.Effect === 'Allow')) {
    return { allowed: false, reason: 'noAllow' };
  }
  return { allowed: true };
}

function isSubscribeKey(key: string): boolean {
  return ['sns:protocol', 'sns:endpoint'].includes(key.toLowerCase());
}

function actionMatches(pattern: string): boolean {
  return globMatch(pattern.toLowerCase(), 'sns:subscribe');
}

function coversAccount(principal: Statement['Principal'], accountId: string): boolean {
  const names = typeof principal === 'string' ? [principal] : [principal?.AWS ?? []].flat();
  return names.some((p) => p === '*' || p === accountId || p === `arn:aws:iam::${accountId}:root`);
}

function coversSubscribe(s: Statement): boolean {
  if (s.Action !== undefined) return [s.Action].flat().some(actionMatches);
  if (s.NotAction !== undefined) return ![s.NotAction].flat().some(actionMatches);
  return false;
}

function coversResource(s: Statement, topicArn: string): boolean {
  if (s.Resource === undefined) return true;
  return [s.Resource].flat().some((r) => globMatch(r, topicArn));
}

function conditionsHold(condition: Statement['Condition'], keys: Record<string, string>): boolean {
  return Object.entries(condition ?? {}).every(([operator, block]) =>
    Object.entries(block).every(([key, expected]) => operatorHolds(operator, keys[key.toLowerCase()], [expected].flat())),
  );
}

function operatorHolds(operator: string, actual: string | undefined, expected: string[]): boolean {
  const ifExists = operator.endsWith('IfExists');
  const op = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  if (actual === undefined) return ifExists || op.includes('Not');
  const positive: Record<string, (e: string) => boolean> = {
    StringEquals: (e) => actual === e,
    StringEqualsIgnoreCase: (e) => actual.toLowerCase() === e.toLowerCase(),
    StringLike: (e) => globMatch(e, actual),
    ArnEquals: (e) => actual === e,
    ArnLike: (e) => globMatch(e, actual),
  };
  const base = op.replace('Not', '');
  const test = positive[base];
  if (!test) return false;
  const any = expected.some(test);
  return op.includes('Not') ? !any : any;
}

/** IAM wildcard matching: `*` any run of characters, `?` one character. */
function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return re.test(value);
}
