import { AttributeReasonError } from '../../broker/sns/attribute-error';
import { compileFilterPolicy } from '../../broker/sns/filter-policy-compile';
import { evaluateFilterPolicy } from '../../broker/sns/filter-policy';
import type { FilterTestRequest, FilterTestResult } from '../../inspector/protocol';
import { attributesFromText } from '../message-attributes';
import { RequestFailure } from './session';

/**
 * A filter policy judged on a sample message by the broker's own matcher, in this window: nothing is
 * published, so it works alike on a connection (where AWS offers no such check) and on the local broker.
 * An invalid policy fails with SNS's reason, as SetSubscriptionAttributes would word it.
 */
export function testFilterPolicy(request: FilterTestRequest): FilterTestResult {
  let policy;
  try {
    policy = compileFilterPolicy(request.filterPolicy, request.scope);
  } catch (e) {
    if (e instanceof AttributeReasonError) throw new RequestFailure('InvalidParameter', `Invalid parameter: ${e.reason}`);
    throw e;
  }
  const verdict = evaluateFilterPolicy(policy, request.scope, request.message, attributesFromText(request.attributes));
  return verdict.matched ? { matched: true } : { matched: false, ...(verdict.failedKey !== undefined ? { failedKey: verdict.failedKey } : {}) };
}
