import type { Broker } from '../broker/broker';
import { isAccountId, isRegionName, parseArn, type Identity } from '../broker/identity';
import type { BrokerScope } from '../broker/scope';
import type { ServiceName } from '../broker/service-actions';
import { queueUrlRegion } from '../broker/scope';
import { parseQueueUrl } from '../broker/sqs/urls';
import type { WireRequest } from './wire';

/** What a SigV4 credential scope says: `Credential=<access key id>/<date>/<region>/<service>/aws4_request`. */
export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

/** The credential scope of a signed request (header or presigned query); undefined when it is not signed. */
export function credentialScope(request: WireRequest, params?: URLSearchParams): CredentialScope | undefined {
  const credential =
    /Credential=([^,\s]+)/.exec(request.headers.authorization ?? '')?.[1] ??
    request.query.get('X-Amz-Credential') ??
    params?.get('X-Amz-Credential') ??
    '';
  const parts = credential.split('/');
  if (parts.length < 5) return undefined;
  return { accessKeyId: parts.slice(0, parts.length - 4).join('/'), region: parts[parts.length - 3], service: parts[parts.length - 2] };
}

/**
 * Who a request acts as: the region of its credential scope (unsigned, or a name that is no AWS region:
 * the broker's default region) and the account of its access key: a 12-digit key id is that account (the
 * convention of local AWS emulators), temporary keys from STS act in the role's account, any other key in
 * the broker's default account.
 */
export function callerIdentity(broker: Broker, request: WireRequest, params?: URLSearchParams): Identity {
  const scope = credentialScope(request, params);
  const region = scope && isRegionName(scope.region) ? scope.region : broker.identity.region;
  const key = scope?.accessKeyId;
  const accountId = key === undefined ? broker.identity.accountId : isAccountId(key) ? key : (broker.sts.accountOf(key) ?? broker.identity.accountId);
  return { accountId, region };
}

/**
 * The scope whose engines answer a request: the caller's own, unless the request names a resource of
 * another account in use (a queue URL, or a topic ARN in the caller's region), as AWS serves a queue or
 * topic shared through its policy. A caller the queue's or topic's policy does not admit is refused here
 * (SNS Subscribe judges its caller, RequestContext.caller, in the engine).
 */
export function targetScope(broker: Broker, service: ServiceName, action: string, input: unknown, caller: Identity): BrokerScope {
  const own = broker.scope(caller.accountId, caller.region);
  const members = (input ?? {}) as Record<string, unknown>;
  const named = (accountId: string | undefined, region: string) =>
    accountId !== undefined && accountId !== caller.accountId && isAccountId(accountId) ? broker.existingScope(accountId, region) : undefined;
  if (service === 'sqs' && typeof members.QueueUrl === 'string') {
    const owner = named(parseQueueUrl(members.QueueUrl)?.accountId, queueUrlRegion(members.QueueUrl) ?? caller.region);
    if (!owner) return own;
    owner.sqs.checkCrossAccount(members.QueueUrl, action, caller.accountId);
    return owner;
  }
  // GetQueueUrl of a queue another account shares.
  if (service === 'sqs' && typeof members.QueueOwnerAWSAccountId === 'string' && typeof members.QueueName === 'string') {
    const owner = named(members.QueueOwnerAWSAccountId, caller.region);
    if (!owner) return own;
    owner.sqs.checkCrossAccount(`/${members.QueueOwnerAWSAccountId}/${members.QueueName}`, action, caller.accountId);
    return owner;
  }
  if (service === 'sns') {
    const value = [members.TopicArn, members.TargetArn, members.SubscriptionArn, members.ResourceArn].find((v) => typeof v === 'string');
    const arn = typeof value === 'string' ? parseArn(value) : undefined;
    const owner = arn?.service === 'sns' && arn.region === caller.region ? named(arn.accountId, arn.region) : undefined;
    if (!owner) return own;
    if (typeof members.TopicArn === 'string') owner.sns.checkCrossAccount(members.TopicArn, action, caller.accountId);
    return owner;
  }
  return own;
}
