import type { ServiceBinding } from '../binding';
import { jsonTarget, operationShapes, type ServiceModel } from '../model';
import model from '../models/states.json';

/** AWS Step Functions: JSON 1.0 (`X-Amz-Target: AWSStepFunctions.<Action>`, signing name `states`). */
export const stepfunctionsBinding: ServiceBinding = {
  name: 'states',
  operations: (broker) => broker.stepfunctions.operations,
  // Through the engine's operations, so the tree, the inspector and the store see each deletion.
  reset: (broker) => broker.stepfunctions.reset(),
  target: { ...jsonTarget(model as ServiceModel), required: true },
  shapes: operationShapes(model as ServiceModel),
};
