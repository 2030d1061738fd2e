import type { ServiceBinding } from '../binding';
import { jsonTarget, operationShapes, type ServiceModel } from '../model';
import model from '../models/events.json';

/** Amazon EventBridge: JSON 1.1 (`X-Amz-Target: AWSEvents.<Action>`, signing name `events`). */
export const eventbridgeBinding: ServiceBinding = {
  name: 'events',
  operations: (broker) => broker.eventbridge.operations,
  reset: (broker) => {
    // Through the operations, so the tree, the inspector and the store see each change: every bus but the
    // default goes (its rules with it); the default bus loses its rules (targets first: a rule with targets
    // cannot be deleted), its policy and its tags.
    const ops = broker.eventbridge.operations;
    for (let buses = ops.ListEventBuses({}).EventBuses; buses.length > 1; buses = ops.ListEventBuses({}).EventBuses) {
      for (const { Name } of buses) if (Name !== 'default') ops.DeleteEventBus({ Name });
    }
    for (let rules = ops.ListRules({}).Rules; rules.length; rules = ops.ListRules({}).Rules) {
      for (const { Name } of rules) {
        const Ids = ops.ListTargetsByRule({ Rule: Name }).Targets.map((t) => t.Id);
        if (Ids.length) ops.RemoveTargets({ Rule: Name, Ids, Force: true });
        ops.DeleteRule({ Name, Force: true });
      }
    }
    const { Arn, Policy } = ops.DescribeEventBus({});
    if (Policy !== undefined) ops.RemovePermission({ RemoveAllPermissions: true });
    const TagKeys = ops.ListTagsForResource({ ResourceARN: Arn }).Tags.map((t) => t.Key);
    if (TagKeys.length) ops.UntagResource({ ResourceARN: Arn, TagKeys });
    broker.eventbridge.state.log.clear(); // the recent events the inspector lists
  },
  target: { ...jsonTarget(model as ServiceModel), required: true },
  shapes: operationShapes(model as ServiceModel),
};
