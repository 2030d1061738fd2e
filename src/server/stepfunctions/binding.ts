import { jsonBinding, type ServiceModel } from '../model';
import model from '../models/states.json';

/** AWS Step Functions: JSON 1.0 (`X-Amz-Target: AWSStepFunctions.<Action>`, signing name `states`). */
export const stepfunctionsBinding = jsonBinding(
  model as ServiceModel,
  { name: 'states', operations: (broker) => broker.stepfunctions.operations, reset: (broker) => broker.stepfunctions.reset() },
  { required: true },
);
