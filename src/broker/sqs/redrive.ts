import { parseArn } from '../identity';
import { sqsLimits } from '../limits';
import { sqsErrors } from './errors';
import type { Queue, RedrivePolicy } from './queue';

/**
 * Parses and checks a RedrivePolicy a client sets on `source`: both keys present, maxReceiveCount 1-1000,
 * the target an existing queue of the same type whose RedriveAllowPolicy admits the source.
 */
export function parseRedrivePolicy(
  value: string,
  source: { arn: string; fifo: boolean },
  queueByArn: (arn: string) => Queue | undefined,
): RedrivePolicy {
  const invalid = (reason: string) => sqsErrors.invalidValue(value, 'RedrivePolicy', reason);
  const policy = jsonMap(value, () => invalid('Redrive policy is not a valid JSON map.'));
  if (policy.deadLetterTargetArn === undefined) {
    throw invalid('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  }
  if (policy.maxReceiveCount === undefined) {
    throw invalid('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  }
  const count = Number(policy.maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > sqsLimits.maxReceiveCount) {
    throw invalid(
      `Invalid value for maxReceiveCount: ${String(policy.maxReceiveCount)}, valid values are from 1 to ${sqsLimits.maxReceiveCount} both inclusive.`,
    );
  }
  const targetArn = String(policy.deadLetterTargetArn);
  const arn = parseArn(targetArn);
  if (!arn || arn.service !== 'sqs' || !arn.resource) {
    throw invalid(`Invalid value for deadLetterTargetArn.`);
  }
  const target = queueByArn(targetArn);
  if (!target) throw invalid('Dead letter target does not exist.');
  if (target.fifo !== source.fifo) throw invalid('Dead-letter queue must be same type of queue as the source.');
  if (!allowsSource(target, source.arn)) {
    throw invalid(`Queue ${source.arn} is not allowed to use ${targetArn} as its dead-letter queue.`);
  }
  return { deadLetterTargetArn: targetArn, maxReceiveCount: count };
}

/** Checks a RedriveAllowPolicy document: allowAll, denyAll, or byQueue with 1-10 source queue ARNs. */
export function checkRedriveAllowPolicy(value: string): void {
  const invalid = (reason: string) => sqsErrors.invalidAttributeValueFor('RedriveAllowPolicy', reason);
  const policy = jsonMap(value, () => invalid('Redrive allow policy is not a valid JSON map.'));
  const permission = policy.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw invalid('Redrive permission must be one of allowAll, denyAll or byQueue.');
  }
  const sources = policy.sourceQueueArns;
  if (permission === 'byQueue') {
    if (!Array.isArray(sources) || sources.length === 0 || sources.length > 10) {
      throw invalid('sourceQueueArns must list 1 to 10 queue ARNs when redrivePermission is byQueue.');
    }
  } else if (sources !== undefined) {
    throw invalid('sourceQueueArns may only be given when redrivePermission is byQueue.');
  }
}

/** Whether `target`'s RedriveAllowPolicy lets the queue `sourceArn` use it as a dead-letter queue. */
export function allowsSource(target: Queue, sourceArn: string): boolean {
  const raw = target.attributes.RedriveAllowPolicy;
  if (!raw) return true;
  const policy = JSON.parse(raw) as { redrivePermission: string; sourceQueueArns?: string[] };
  if (policy.redrivePermission === 'denyAll') return false;
  if (policy.redrivePermission === 'byQueue') return (policy.sourceQueueArns ?? []).includes(sourceArn);
  return true;
}

/** The JSON object `value` holds; anything else (not JSON, an array, a scalar) throws `notAMap()`. */
function jsonMap(value: string, notAMap: () => Error): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw notAMap();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw notAMap();
  return parsed as Record<string, unknown>;
}
