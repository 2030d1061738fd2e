import type { ServiceBinding } from '../binding';
import { operationShapes, type ServiceModel } from '../model';
import model from '../models/sts.json';

/** STS: the query/XML protocol, as every SDK speaks it. One service for the whole broker, whatever the request's region. */
export const stsBinding: ServiceBinding = {
  name: 'sts',
  global: true,
  operations: (_scope, broker) => broker.sts.operations,
  // Issued keys are sessions, not resources: a reset leaves them valid until they expire.
  reset: () => undefined,
  query: { xmlNamespace: (model as ServiceModel).metadata.xmlNamespace! },
  shapes: operationShapes(model as ServiceModel),
};
