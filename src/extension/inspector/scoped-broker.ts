import type { Broker } from '../../broker/broker';
import type { ResourceScope } from '../../inspector/protocol';
import type { InspectorBroker } from './session';

/** The broker the inspector is handed: the default account and region, and a way to reach the others. */
export type InspectorRoot = InspectorBroker & Pick<Broker, 'existingScope' | 'otherScopeEvents'>;

/**
 * The broker as one inspector panel sees it: for a resource of another account and region (made by a
 * client signing for them), that scope's services and events, with every change still going through the
 * broker's one entry, in that scope. Undefined when nothing was ever made in that account and region.
 */
export function inspectedBroker(root: InspectorRoot, scope: ResourceScope | undefined): InspectorBroker | undefined {
  if (!scope) return root;
  const s = root.existingScope(scope.accountId, scope.region);
  if (!s) return undefined;
  return {
    clock: root.clock,
    identity: s.identity,
    events: s.events,
    sqs: s.sqs,
    sns: s.sns,
    kinesis: s.kinesis,
    firehose: s.firehose,
    functions: s.functions,
    eventbridge: s.eventbridge,
    stepfunctions: s.stepfunctions,
    request: (service, action, run, options = {}) => root.request(service, action, run, { ...options, scope: s }),
  };
}

/** " · eu-west-1 · 111111111111" after a resource's name when it is not the default account and region's. */
export function scopeSuffix(scope: ResourceScope | undefined): string {
  return scope ? ` · ${scope.region} · ${scope.accountId}` : '';
}
