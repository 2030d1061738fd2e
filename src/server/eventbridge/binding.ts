import { jsonBinding, type ServiceModel } from '../model';
import model from '../models/events.json';

/** Amazon EventBridge: JSON 1.1 (`X-Amz-Target: AWSEvents.<Action>`, signing name `events`). */
export const eventbridgeBinding = jsonBinding(
  model as ServiceModel,
  // Reset through the engine's operations, so the tree, the inspector and the store see each deletion.
  { name: 'events', operations: (broker) => broker.eventbridge.operations, reset: (broker) => broker.eventbridge.reset() },
  { required: true },
);
