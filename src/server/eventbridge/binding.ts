import type { ServiceBinding } from '../binding';
import { jsonTarget, operationShapes, type ServiceModel } from '../model';
import model from '../models/events.json';

/** Amazon EventBridge: JSON 1.1 (`X-Amz-Target: AWSEvents.<Action>`, signing name `events`). */
export const eventbridgeBinding: ServiceBinding = {
  name: 'events',
  operations: (broker) => broker.eventbridge.operations,
  // Through the engine's operations, so the tree, the inspector and the store see each deletion.
  reset: (broker) => broker.eventbridge.reset(),
  target: { ...jsonTarget(model as ServiceModel), required: true },
  shapes: operationShapes(model as ServiceModel),
};
